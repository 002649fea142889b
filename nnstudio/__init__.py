"""NN Studio: build a small neural network, type its numbers, and watch it compute."""

__version__ = "0.1.0"
