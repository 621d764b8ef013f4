"""The Qt face of the session model (`planner.services.session.SessionModel`).

It owns no state of its own: the model's change callbacks become Qt signals, and its
commands go on a QUndoStack (so the Edit menu's Undo/Redo and their labels work). Every
attribute and method of the model is reachable here (`session.plan`, `session.edit_plan`,
...), so views keep one object to talk to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.services.events import Command
from planner.services.session import SessionModel
from planner.services.workspaces import Workspace, WorkspaceError
from planner.ui.formatting import ui_locale


class _QtCommand(QUndoCommand):
    """A model command on the undo stack. A save the workspace refuses (someone else changed
    the row, the server is gone) drops the command and is reported, never half-applied."""

    def __init__(self, command: Command, on_error: Callable[[str], None]) -> None:
        super().__init__(command.label(ui_locale()))
        self._command, self._on_error = command, on_error

    def redo(self) -> None:
        self._guarded(self._command.redo)

    def undo(self) -> None:
        self._guarded(self._command.undo)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except WorkspaceError as exc:
            self.setObsolete(True)  # the stack drops it
            self._on_error(str(exc))


class _UndoStackHistory:
    """The model's History on a QUndoStack: pushing runs the command's redo."""

    def __init__(self, stack: QUndoStack, on_error: Callable[[str], None]) -> None:
        self._stack, self._on_error = stack, on_error

    def push(self, command: Command) -> None:
        self._stack.push(_QtCommand(command, self._on_error))

    def clear(self) -> None:
        self._stack.clear()


class Session(QObject):
    accounts_changed = Signal()
    account_changed = Signal(str)  # account key
    plan_changed = Signal()
    rep_changed = Signal()
    territories_changed = Signal()
    save_failed = Signal(str)  # why an edit was not saved (a conflict, a lost connection)

    def __init__(
        self, workspace: Workspace, today: date | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        history = _UndoStackHistory(self.undo_stack, self.save_failed.emit)
        self.model = SessionModel(workspace, today, history)
        # A hand edit's route is drawn first; the window asks for the remote accounts'
        # reasons once the map shows it (MainWindow._follow_edit).
        self.model.reasons_later = True
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
