"""An ImageItem whose picture is kept in the raster engine's own pixel format.

pyqtgraph hands small uint8 images to Qt as they are (RGB888 for RGB, Indexed8 for a lookup
table), and the painter then converts every pixel on every paint, while it scales them to the
view; the region image and the output heatmap are repainted on every edit. Converted once per
image instead, a paint is a plain scaled blit (about a sixth of the time).
"""

import pyqtgraph as pg
from PySide6.QtGui import QImage

NATIVE_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


class FastImageItem(pg.ImageItem):
    def render(self):
        super().render()
        if self.qimage is not None and self.qimage.format() != NATIVE_FORMAT:
            self.qimage = self.qimage.convertToFormat(NATIVE_FORMAT)
