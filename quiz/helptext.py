"""``quiz --help`` as click renders it at 80 columns or more, for the fast path in ``quiz.cli``.

Made by ``python -m quiz.commands.group > quiz/helptext.py``; a test fails when it no
longer matches click's own rendering, so run that again after changing a command's
short help or the group's options.
"""

TOP_HELP = """\
Usage: quiz [OPTIONS] COMMAND [ARGS]...

  A trivia game about the Tour de France docuseries. Run with no command to
  open the game.

Options:
  --data-dir DIRECTORY  Where scores, your packs and the cache live (default:
                        the platform's user data folder).
  --version             Show the version and exit.
  -h, --help            Show this message and exit.

Commands:
  play      Go straight into a round.
  scores    Show high scores and recent games.
  packs     List every question pack found.
  new       Write a starter pack (or facts file) to edit.
  validate  Check packs and facts files; report every problem.
  generate  Build question packs from a facts file.
  import    Convert GIFT, Aiken, Open Trivia DB, Kahoot or JSON files to a
            pack.
  export    Write packs as JSON, GIFT, Aiken, CSV, Anki or worksheets.
"""
