"""The only package that imports pyqtgraph: the data, output, loss and curve plots."""
