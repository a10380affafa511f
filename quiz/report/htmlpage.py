"""A report as one HTML page a teacher can open in any browser and print.

Self-contained: the style sheet is inline, the bars are inline SVG (which prints
even when a browser leaves out background colours), and there is no script and
no link to anything outside the file. Every piece of text goes through
``html.escape`` (control characters become U+FFFD), so no name, prompt or answer can add markup to the page. Right
and wrong are written out with a symbol, and every bar has its number beside it:
nothing is told by colour alone.
"""

from __future__ import annotations

import html

from quiz.report.cells import xml_text
from quiz.report.tables import COUNT, PERCENT, SECONDS, TEXT, YES_NO, Cell, Column, Report, Table, cell_text

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; max-width: 75em;
       padding: 0 1em; color: #111; background: #fff; line-height: 1.35; }
h1 { font-size: 1.6em; margin: 0 0 0.4em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.2em; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; margin: 0 0 1em; }
dl.details dt { font-weight: bold; }
dl.details dd { margin: 0; }
nav a { margin-right: 1em; }
p.note { margin: 0.2em 0 0.6em; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #999; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
thead th { background: #e4e4e4; border-bottom: 2px solid #333; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
th.num { width: 1%; }  /* number columns as narrow as their header's longest word */
td.wrong { font-weight: bold; }
tbody tr:nth-child(even) { background: #f5f5f5; }
svg.bar { vertical-align: middle; margin-right: 0.4em; }
svg.bar .track { fill: #fff; stroke: #333; stroke-width: 0.6; }
svg.bar .fill { fill: #2a6099; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  nav { display: none; }
  section { break-before: page; page-break-before: always; }
  section:first-of-type { break-before: auto; page-break-before: auto; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""

RIGHT = "✔ yes"
WRONG = "✘ no"
NUM = ' class="num"'
#: A bar's length in pixels at 100%.
BAR = 80


def _e(text: object) -> str:
    # Control characters have no place in a page either (a browser shows NUL as U+FFFD anyway).
    return html.escape(xml_text(str(text)), quote=True)


def _anchor(table: Table) -> str:
    return table.name.lower()


def bar(share: float) -> str:
    """An SVG bar ``share`` (0 to 1) full; its number is written beside it by the caller."""
    filled = round(max(0.0, min(1.0, share)) * BAR, 1)
    return (
        f'<svg class="bar" width="{BAR}" height="12" viewBox="0 0 {BAR} 12" aria-hidden="true">'
        f'<rect class="track" x="0.3" y="0.3" width="{BAR - 0.6}" height="11.4"/>'
        f'<rect class="fill" x="0.3" y="0.3" width="{max(0.0, filled - 0.6)}" height="11.4"/></svg>'
    )


def _cell(column: Column, value: Cell, with_bar: bool) -> str:
    if column.kind == TEXT:
        return f"<td>{_e('' if value is None else value)}</td>"
    if column.kind == YES_NO:
        return f'<td class="{"right" if value else "wrong"}">{RIGHT if value else WRONG}</td>'
    text = cell_text(value, column.kind) or "–"
    if with_bar and column.kind == PERCENT and value is not None:
        return f'<td class="num">{bar(float(value))}{_e(text)}</td>'
    return f'<td class="num">{_e(text)}</td>'


def _table(table: Table, bars: str = "") -> list[str]:
    numeric = {COUNT, PERCENT, SECONDS}
    out = [
        f'<section id="{_anchor(table)}">',
        f"<h2>{_e(table.name)}</h2>",
        f'<p class="note">{_e(table.description)}</p>',
        "<table>",
        "<thead><tr>",
        *(f'<th scope="col"{NUM if c.kind in numeric else ""}>{_e(c.title)}</th>' for c in table.columns),
        "</tr></thead>",
        "<tbody>",
    ]
    for row in table.rows:
        cells = "".join(_cell(c, v, c.title == bars) for c, v in zip(table.columns, row))
        out.append(f"<tr>{cells}</tr>")
    if not table.rows:
        out.append(f'<tr><td colspan="{len(table.columns)}">No answers were recorded.</td></tr>')
    out += ["</tbody>", "</table>", "</section>"]
    return out


def render_html(report: Report) -> bytes:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(report.title)}</h1>",
        '<dl class="details">',
        *(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in report.details),
        "</dl>",
        "<nav>" + "".join(f'<a href="#{_anchor(t)}">{_e(t.name)}</a>' for t in report.tables) + "</nav>",
        *_table(report.summary),
        *_table(report.answers),
        *_table(report.questions, bars="% right"),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


__all__ = ["bar", "render_html"]
