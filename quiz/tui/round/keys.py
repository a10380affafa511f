"""The keys every question shares, forwarded to its answer widget: numbers, letters (either case), T and F.

Mixed into each screen that shows a QuestionView (a round, study mode); the
screen says when the keys may answer (``answer_keys_live``).
"""

from __future__ import annotations

from textual.binding import Binding

from quiz.tui.answers.base import LETTERS
from quiz.tui.round.question import QuestionView

ANSWER_BINDINGS = [
    *[Binding(str(i + 1), f"number({i})", show=False) for i in range(8)],
    *[
        Binding(key, f"letter({i})", show=False)
        for i, letter in enumerate(LETTERS)
        if letter != "F"
        for key in (letter.lower(), letter)
    ],
    Binding("t,T", "truth(True)", show=False),
    Binding("f,F", "key_f", show=False),
]


class AnswerKeys:
    """The actions behind ANSWER_BINDINGS."""

    question_view: QuestionView

    def answer_keys_live(self) -> bool:
        """Whether a key may answer now (the question is on screen and can take it)."""
        raise NotImplementedError

    def action_number(self, index: int) -> None:
        if self.answer_keys_live():
            self.question_view.answers.number(index)

    def action_letter(self, index: int) -> None:
        if self.answer_keys_live():
            self.question_view.answers.letter(index)

    def action_truth(self, value: bool) -> None:
        if self.answer_keys_live():
            self.question_view.answers.truth(value)

    def action_key_f(self) -> None:
        # F is False on a true/false question, and the sixth choice anywhere else.
        if self.answer_keys_live() and not self.question_view.answers.truth(False):
            self.question_view.answers.letter(LETTERS.index("F"))
