"""A terminal trivia game about the Netflix/A.S.O. Tour de France docuseries.

The package splits into a pure core (facts, generator, packs, the round session, scoring,
formats, storage, live protocol) that never imports textual, and a thin UI in
``quiz.tui``.
"""

__version__ = "0.1.0"
