"""Errors a user can read: each names the file and line it is about."""

from __future__ import annotations

from dataclasses import dataclass


class QuizError(Exception):
    """Base for every error the project raises on purpose."""


@dataclass
class Problem:
    """One thing wrong in a file, located as precisely as we can."""

    file: str
    line: int  # 1-based; 0 when the problem is about the whole file
    column: int  # 1-based; 0 when unknown
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class FileProblem(QuizError):
    """A file could not be used at all (not found, not UTF-8, bad YAML, too big...)."""

    def __init__(self, file: str, message: str, line: int = 0, column: int = 0):
        self.problem = Problem(str(file), line, column, message)
        super().__init__(str(self.problem))

    @property
    def file(self) -> str:
        return self.problem.file

    @property
    def line(self) -> int:
        return self.problem.line

    @property
    def column(self) -> int:
        return self.problem.column


class PackInvalid(QuizError):
    """A pack parsed but breaks the format's rules; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = str(problems[0]) if problems else "invalid pack"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)
