"""At four steps of zoom, and at the largest, on a 1280 × 800 laptop every control of every panel on screen keeps its
whole text (none is squeezed below the width its text needs) and can be reached: in sight, or
inside a panel's scroll area."""

import pytest
from PySide6.QtWidgets import QAbstractButton, QScrollArea
from test_zoom_and_fit import settle, zoom_in


def scrolled_into_reach(widget):
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("steps", [4, 6])  # 6: the largest zoom, a projector's
def test_zoom_steps_cut_no_button_and_leave_each_one_reachable(window, qtbot, steps):
    zoom_in(window, qtbot, steps)
    settle(qtbot)
    cut, out_of_reach, checked = [], [], 0
    for title, dock in window.docks.items():
        if not dock.isVisible() or dock.visibleRegion().isEmpty():
            continue
        for button in dock.widget().findChildren(QAbstractButton):
            if not button.isVisible():
                continue
            checked += 1
            name = f"{title}: {button.text() or button.toolTip()[:30]}"
            if button.width() < button.sizeHint().width() - 1:
                cut.append(name)
            if button.visibleRegion().isEmpty() and not scrolled_into_reach(button):
                out_of_reach.append(name)
    assert checked >= 20  # the panels' buttons, check boxes and feature toggles
    assert cut == [] and out_of_reach == []
    # the rows of tool buttons wrap rather than scroll: each is whole in sight
    for button in [*window.layer_stack.buttons.values(), *window.stepper.buttons.values()]:
        assert button.visibleRegion().boundingRect() == button.rect(), button.text()
