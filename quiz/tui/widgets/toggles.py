"""Radio buttons and tick lists whose state shows as a mark, not only as a colour.

Textual draws the same glyph for on and off and tells them apart by colour;
players on a monochrome projector or with colour-blindness could not see which
option is chosen.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import RadioButton, RadioSet, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import SelectionType

ON_RADIO, OFF_RADIO = "●", " "
TICKED, UNTICKED = "X", " "


class MarkedRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = ON_RADIO if self.value else OFF_RADIO
        return super()._button


class MarkedSelectionList(SelectionList[SelectionType]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        mark = TICKED if option.value in self._selected else UNTICKED
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)

    def on_focus(self) -> None:
        # Textual leaves a list with no cursor until the first arrow key, so Space did
        # nothing and nothing showed where the keyboard was: start on the first option.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0


class RadioRow(RadioSet):
    """A radio set whose arrow keys start from the chosen option, not the first one.

    Textual's set has no cursor until the first arrow key, then starts it on the
    first button: with the timer at 20 s, Right then Space chose 10 s.
    """

    def on_focus(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index
