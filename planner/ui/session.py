"""The Qt face of the session model (`planner.services.session.SessionModel`).

It owns no state of its own: the model's change callbacks become Qt signals, and its
commands go on a QUndoStack (so the Edit menu's Undo/Redo and their labels work). Every
attribute and method of the model is reachable here (`session.plan`, `session.edit_plan`,
...), so views keep one object to talk to.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.services.events import Command
from planner.services.session import SessionModel
from planner.services.workspaces import Workspace
from planner.ui.formatting import ui_locale


class _QtCommand(QUndoCommand):
    def __init__(self, command: Command) -> None:
        super().__init__(command.label(ui_locale()))
        self._command = command

    def redo(self) -> None:
        self._command.redo()

    def undo(self) -> None:
        self._command.undo()


class _UndoStackHistory:
    """The model's History on a QUndoStack: pushing runs the command's redo."""

    def __init__(self, stack: QUndoStack) -> None:
        self._stack = stack

    def push(self, command: Command) -> None:
        self._stack.push(_QtCommand(command))

    def clear(self) -> None:
        self._stack.clear()


class Session(QObject):
    accounts_changed = Signal()
    account_changed = Signal(str)  # account key
    plan_changed = Signal()
    rep_changed = Signal()
    territories_changed = Signal()

    def __init__(
        self, workspace: Workspace, today: date | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.model = SessionModel(workspace, today, _UndoStackHistory(self.undo_stack))
        m = self.model
        m.accounts_changed.connect(self.accounts_changed.emit)
        m.account_changed.connect(self.account_changed.emit)
        m.plan_changed.connect(self.plan_changed.emit)
        m.rep_changed.connect(self.rep_changed.emit)
        m.territories_changed.connect(self.territories_changed.emit)

    def __getattr__(self, name: str) -> Any:
        # Only called for names the QObject itself lacks: the model's state and edits.
        if name == "model":  # not set yet (during construction)
            raise AttributeError(name)
        return getattr(self.model, name)
