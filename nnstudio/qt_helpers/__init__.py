"""Small Qt helpers that both the widgets and the plots use. QtCore/QtGui/QtWidgets only: no
pyqtgraph and nothing of the app's own packages, so either side may import them."""
