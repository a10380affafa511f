"""The baseline for the start-up benchmark: a Textual app that draws one label.

Launched exactly like the game (a fresh ``python`` in the same tmux pane), so
the ratio of the two start-up times is what the game adds to Textual's own cost.
"""

from textual.app import App, ComposeResult
from textual.widgets import Label

MARKER = "Minimal Textual app ready"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label(MARKER)


if __name__ == "__main__":
    MinimalApp().run()
