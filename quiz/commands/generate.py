"""``quiz generate``: build question packs from facts files.

With no argument every built-in facts file (``questions/facts/*.facts.yaml``)
is turned into its bank beside it (``questions/<name>.yaml``). ``--check``
writes nothing and fails when a committed bank differs from what would be
generated, so a stale bank cannot slip through. ``--coverage`` writes nothing
either: it lists the seed sentences no fact quotes (``quiz.coverage``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quiz import locations
from quiz.errors import FileProblem
from quiz.facts import FactsInvalid, load_facts
from quiz.generator import generate_pack
from quiz.packfile import dump_pack
from quiz.seeds import folder_from

FACTS_SUFFIX = ".facts.yaml"


def pack_path_for(facts_path: Path, folder: Path | None = None) -> Path:
    """questions/facts/x.facts.yaml -> questions/x.yaml; with no folder, x.pack.yaml beside the facts file."""
    name = facts_path.name
    stem = name[: -len(FACTS_SUFFIX)] if name.endswith(FACTS_SUFFIX) else facts_path.stem
    if folder is None:
        # Beside its facts file a pack needs a name of its own.
        return facts_path.parent / f"{stem}.pack.yaml"
    return folder / f"{stem}.yaml"


def builtin_jobs() -> list[tuple[Path, Path]]:
    """(facts file, bank file) for every built-in facts file, in name order."""
    facts_dir = locations.facts_dir()
    return [(f, pack_path_for(f, locations.builtin_packs_dir())) for f in sorted(facts_dir.glob("*" + FACTS_SUFFIX))]


def render(facts_path: Path, target: Path) -> tuple[str, int]:
    """The bank's text for a facts file and its question count; raises FileProblem or FactsInvalid."""
    base = load_facts(facts_path, locations.seeds_dir())
    pack = generate_pack(base)
    # Seeds that sit beside the facts file belong to the pack too: it names their folder.
    seeds = folder_from(target, facts_path.parent, {q.source.seed for q in pack.questions if q.source})
    return dump_pack(pack, target, seeds=seeds), len(pack.questions)


@click.command("generate")
@click.argument("facts_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the pack (default: beside the facts file).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a pack differs from what would be generated.")
@click.option(
    "--coverage", is_flag=True, help="Write nothing; list the seed sentences (of six words or more) no fact quotes."
)
@click.option("--min-coverage", type=click.FloatRange(0, 100), default=0.0, metavar="PERCENT",
              help="With --coverage: exit 1 when fewer of the sentences are quoted.")  # fmt: skip
def command(facts_file: Path | None, output: Path | None, check: bool, coverage: bool, min_coverage: float) -> None:
    """Build question packs from a facts file (or every built-in one)."""
    if facts_file is None:
        if output is not None:
            raise click.UsageError("-o/--output needs a FACTS_FILE")
        jobs = builtin_jobs()
        if not jobs:
            click.echo(f"no facts files found in {locations.facts_dir()}", err=True)
            sys.exit(1)
    else:
        jobs = [(facts_file, output or pack_path_for(facts_file))]

    if coverage:
        sys.exit(_coverage([f for f, _ in jobs], min_coverage))
    failed = stale = False
    for facts_path, target in jobs:
        try:
            text, count = render(facts_path, target)
        except FileProblem as exc:
            click.echo(str(exc.problem), err=True)
            _point_at_pack_folder(facts_path)
            failed = True
            continue
        except FactsInvalid as exc:
            _echo_problems(exc.problems, facts_path)
            failed = True
            continue
        if count == 0:
            # An empty pack would only be refused later by the game and `quiz validate`.
            click.echo(
                f"{facts_path}: no question can be made from these facts; a question needs four options "
                "of one entity type (add entities, or distractor_only ones), a second phrasing for a typed "
                "answer, or a confusion for a false statement (see docs/facts-format.md)",
                err=True,
            )
            failed = True
            continue
        current = _read(target)
        if check:
            if current != text:
                why = "is missing" if current is None else "is out of date"
                click.echo(f"{target} {why}; run `quiz generate` to rebuild it from {facts_path}", err=True)
                stale = True
            continue
        if current == text:
            click.echo(f"{target}: up to date")
            continue
        try:
            _write(target, text)
        except OSError as exc:
            click.echo(f"{target}: cannot write: {exc.strerror or exc}", err=True)
            failed = True
            continue
        click.echo(f"{target}: {count} questions written from {facts_path}")
    if failed or stale:
        sys.exit(1)
    if check:
        click.echo("every generated pack is up to date")


def _coverage(facts_files: list[Path], minimum: float) -> int:
    """Print, per facts file, the seed sentences no fact quotes and the share quoted; the exit status."""
    from quiz.coverage import MIN_WORDS, fact_coverage, question_coverage

    status = 0
    for facts_path in facts_files:
        try:
            base = load_facts(facts_path, locations.seeds_dir())
        except FileProblem as exc:
            click.echo(str(exc.problem), err=True)
            status = 1
            continue
        except FactsInvalid as exc:
            _echo_problems(exc.problems, facts_path)
            status = 1
            continue
        cov = fact_coverage(base, locations.seeds_dir())
        for name in cov.unreadable:
            click.echo(
                f"{facts_path}: seed file '{name}' not found beside the facts file nor in the seeds folder", err=True
            )
            status = 1
        for sentence in cov.missing():
            click.echo(f"{sentence.seed}:{sentence.line}: not quoted by any fact: “{sentence.text}”")
        asked = question_coverage(generate_pack(base), cov)
        share = 100 * cov.ratio
        click.echo(f"{facts_path}: {cov.quoted} of {cov.counted} seed sentences of {MIN_WORDS} words or more "
                   f"are quoted by a fact ({share:.1f}%); the generated pack asks about {asked} of them")  # fmt: skip
        if share < minimum:
            click.echo(f"{facts_path}: coverage {share:.1f}% is below the {minimum:g}% asked for", err=True)
            status = 1
    return status


#: Problems listed one by one; a broken file of 20,000 facts would otherwise print 80,000 lines.
MAX_LISTED = 50
#: Longest line printed for one problem (a quoted value can be megabytes).
MAX_LINE = 300


def _echo_problems(problems: list, facts_path: Path) -> None:
    for problem in problems[:MAX_LISTED]:
        line = str(problem)
        click.echo(line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…", err=True)
    if len(problems) > MAX_LISTED:
        click.echo(
            f"{facts_path}: ... and {len(problems) - MAX_LISTED:,} more problems; "
            f"`quiz validate {facts_path}` lists them all",
            err=True,
        )


def _point_at_pack_folder(facts_path: Path) -> None:
    """`quiz new --facts` writes into the pack folder: say so when the file is there and not here."""
    from quiz.commands.shell import word

    there = locations.user_packs_dir() / facts_path.name
    if not facts_path.exists() and there.is_file():
        click.echo(f"there is one in your pack folder: quiz generate {word(there.absolute())}", err=True)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write(path: Path, text: str) -> None:
    """Atomic, like packfile.write_pack, but of the very text --check compares."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
