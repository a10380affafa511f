"""A screen kept for a whole round and shown again and again, its widgets updated in place."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class KeptScreen(Screen[None]):
    """Skips Textual's restyling of every widget when the screen is switched back to.

    That restyle also throws away every line the widgets had rendered, and was about
    a third of the time a key press took. Nothing it would change can have changed
    unless the theme did (widgets updated meanwhile restyle themselves), so it is
    skipped unless the theme is not the one the screen was last shown in.
    """

    _shown_theme: str | None = None

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which reads refresh_styles.
        theme = self.app.theme
        if theme == self._shown_theme:
            event.refresh_styles = False
        self._shown_theme = theme
