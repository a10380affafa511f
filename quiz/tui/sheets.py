"""The game's style sheets: the one the title needs, and those of the other screens.

Textual parses every sheet an app names before its first frame. Only ``APP``
(what the title and every screen share) is needed then; the round's, the setup
screen's and the presenter's sheets are read once the title is on screen
(``read_later``). All in one sheet took 17.5 ms to parse before the first
frame; the title's part is a third of it. Each of those screens still names its
sheet (``CSS_PATH``), so it is styled even if it opens first (``quiz play``);
but Textual then parses every sheet again, about 50 ms, which reading them
beforehand avoids. The paths are absolute and normalised: Textual recognises a
sheet it has by the path's exact text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
APP = str(HERE / "app.tcss")
ROUND = str(HERE / "round" / "round.tcss")
SETUP = str(HERE / "screens" / "setup.tcss")
PRESENT = str(HERE / "present" / "present.tcss")
#: Read after the first frame.
LATER = (ROUND, SETUP, PRESENT)


def read_later(app: Any) -> None:
    """Add the other screens' sheets to ``app``'s styles, parsing only them."""
    sheet = app.stylesheet
    new = [path for path in LATER if not sheet.has_source(path)]
    if not new:
        return
    sheet.read_all(new)
    sheet.parse()  # the sheets it has are parsed already: only the new ones are
    sheet.update(app)  # none of their rules should match a widget on screen now; this makes sure
