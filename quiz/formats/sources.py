"""Naming a question's source for a reader: the article's title, not the file it is stored in.

A question's source names a seed file ("000_93248484c01e05d3.txt") and quotes
it; the pack header's ``sources`` list gives each seed its article's title
(and perhaps a url). Exports meant for people (worksheets, Anki cards) name the
article by its title; when the pack gives none, its url, and only as a last
resort the file's name, which is all that is known of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from quiz.model import Pack, Question


def _text(value: object) -> str:
    return str(value or "").strip()


def seed_titles(pack: Pack) -> dict[str, str]:
    """seed file -> how to name its article, from the pack header."""
    names: dict[str, str] = {}
    for source in pack.info.sources:
        seed = _text(source.get("seed"))
        name = _text(source.get("title")) or _text(source.get("url"))
        if seed and name:
            names.setdefault(seed, name)
    return names


def source_name(pack: Pack, seed: str, titles: dict[str, str] | None = None) -> str:
    """The article a seed holds, as a reader should see it named."""
    titles = seed_titles(pack) if titles is None else titles
    return titles.get(seed) or seed


def quoted_articles(pack: Pack, questions: Iterable[Question]) -> list[str]:
    """The articles the given questions quote, named for a reader, in the pack header's order."""
    titles = seed_titles(pack)
    seeds = {q.source.seed for q in questions if q.source}
    order = {seed: i for i, seed in enumerate(titles)}
    ordered = sorted(seeds, key=lambda seed: (order.get(seed, len(order)), seed))
    return [source_name(pack, seed, titles) for seed in ordered]


def other_sources(pack: Pack) -> list[str]:
    """The header's sources that are not seed articles (a database credited, a book...), as "title — url"."""
    out = []
    for source in pack.info.sources:
        if _text(source.get("seed")):
            continue
        parts = [_text(source.get("title") or source.get("name")), _text(source.get("url"))]
        out.append(" — ".join(p for p in parts if p) or str(dict(source)))
    return out
