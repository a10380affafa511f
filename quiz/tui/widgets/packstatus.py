"""One line saying how far finding the packs has got; nothing at all when that is quick."""

from __future__ import annotations

from textual.widgets import Static


class PackStatus(Static):
    """Shows the app's ``pack_status()`` text; hidden (and taking no room) while there is none."""

    DEFAULT_CSS = """
    PackStatus {
        display: none;
        width: 100%;
        height: 1;
        text-align: center;
        color: $text-muted;
    }
    PackStatus.-shown {
        display: block;
    }
    """

    def on_mount(self) -> None:
        status = getattr(self.app, "pack_status", None)
        self.show(status() if status is not None else None)

    def show(self, text: str | None) -> None:
        if text:
            self.update(text)
        self.set_class(bool(text), "-shown")
