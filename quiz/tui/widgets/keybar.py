"""A one-line list of the screen's keys: a light stand-in for Textual's Footer.

The Footer builds a widget per key and rebuilds on every focus change, which
made each screen change noticeably slower; a single line of text is enough here.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    def on_mount(self) -> None:
        # The screen's own keys are known now: no frame (or snapshot) shows an empty bar.
        self.refresh_keys()
        # Keys of the widget the screen focuses in its own on_mount are known only later.
        self.call_after_refresh(self.refresh_keys)

    def refresh_keys(self) -> None:
        parts: list[tuple[str, str] | str] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            if parts:
                parts.append("  ")
            parts.append((f" {self.app.get_key_display(binding)} ", "bold reverse"))
            parts.append(f" {binding.description}")
        self.update(Content.assemble(*parts))
