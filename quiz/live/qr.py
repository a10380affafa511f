"""The room's address as a QR code drawn with text: two rows of modules per line, in half blocks.

segno makes the code; this only draws its matrix. Draw the lines dark on light
(the host's screen styles them so), whatever the terminal's colours.
"""

from __future__ import annotations

import segno

#: Light modules around the code (the standard asks for 4; 2 scans fine on a screen and saves lines).
BORDER = 2
_CELLS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(text: str, border: int = BORDER) -> list[str]:
    """``text`` as a QR code: each line covers two rows of modules; "█" is dark on both."""
    code = segno.make(text, error="l", boost_error=False)
    rows = [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return ["".join(_CELLS[top, bottom] for top, bottom in zip(rows[i], rows[i + 1])) for i in range(0, len(rows), 2)]
