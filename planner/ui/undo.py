"""Undoable edits: a plan change, a manual pin, a territory split. Each keeps both states.

Domain objects are immutable, so an edit is just "before" and "after"; redo/undo hand one
or the other back to the session, which saves it to the workspace at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class Replace[T](QUndoCommand):
    """Replace a state by another; `apply` puts a state in place (and saves it)."""

    def __init__(self, text: str, before: T, after: T, apply: Callable[[T], None]) -> None:
        super().__init__(text)
        self._before, self._after, self._apply = before, after, apply

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)
