"""The lessons, written here by ``resources/make_lessons.py`` and shipped inside the package as
``nnstudio.lessons`` (pyproject.toml maps this folder there), so an installed app finds them through
``importlib.resources`` wherever it is installed."""
