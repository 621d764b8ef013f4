"""Undoable edits: a plan change, a manual pin. Each keeps both states, whole.

Domain objects are immutable, so an edit is just "before" and "after"; redo/undo hand one
or the other back to the session, which saves it to the workspace at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from planner.domain import Account, WeekPlan

if TYPE_CHECKING:
    from planner.services.assign_territories import TerritoryResult


class PlanEdit(QUndoCommand):
    def __init__(
        self,
        text: str,
        before: WeekPlan | None,
        after: WeekPlan,
        apply: Callable[[WeekPlan | None], None],
    ) -> None:
        super().__init__(text)
        self._before, self._after, self._apply = before, after, apply

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)


class AccountEdit(QUndoCommand):
    def __init__(
        self, text: str, before: Account, after: Account, apply: Callable[[Account], None]
    ) -> None:
        super().__init__(text)
        self._before, self._after, self._apply = before, after, apply

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)


class TerritoryEdit(QUndoCommand):
    def __init__(
        self,
        text: str,
        before: TerritoryResult | None,
        after: TerritoryResult,
        apply: Callable[[TerritoryResult | None], None],
    ) -> None:
        super().__init__(text)
        self._before, self._after, self._apply = before, after, apply

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)
