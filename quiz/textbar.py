"""A share drawn as a bar of text, for the terminal and the app alike (the number is always written beside it)."""

from __future__ import annotations

BAR_WIDTH = 20


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """``share`` (0..1) as ``width`` cells: filled ones, then empty ones (shapes, not colours, tell them apart)."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)
