"""Change callbacks and undoable commands for the Qt-free session model.

`Event` is a minimal observer list: the UI adapter connects Qt signals to it, tests
connect plain functions. A `Command` is a plain object with `redo`/`undo`; the model
hands each edit to a `History` — its own undo list here, a QUndoStack in the app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from planner.domain.i18n import gettext


class Event[*Args]:
    """Callbacks called, in the order connected, each time the event is emitted."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[*Args], object]] = []

    def connect(self, callback: Callable[[*Args], object]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[[*Args], object]) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args: *Args) -> None:
        for callback in list(self._callbacks):
            callback(*args)


@dataclass
class Replace[T]:
    """An edit that replaces a state by another; `apply` puts one in place (and saves it).

    Domain objects are immutable, so an edit is just "before" and "after" ("after" may be
    completed once: `refine`). `text` is the edit's name, a catalogue message
    (`planner.domain.i18n`) whose `{placeholders}` are filled from `values`, so the Edit
    menu can name it in the user's language.
    """

    text: str
    before: T
    after: T
    apply: Callable[[T], None]
    values: Mapping[str, object] = field(default_factory=dict)

    def label(self, locale: str | None = None) -> str:
        return gettext(self.text, locale, **self.values)

    def redo(self) -> None:
        self.apply(self.after)

    def undo(self) -> None:
        self.apply(self.before)

    def refine(self, after: T) -> None:
        """The edit's result, completed (a hand edit's reasons, worked out after its route
        was shown): what redo puts back from now on. Nothing is applied here."""
        self.after = after


class Command(Protocol):
    def label(self, locale: str | None = ...) -> str: ...
    def redo(self) -> None: ...
    def undo(self) -> None: ...


class History(Protocol):
    """Where the model's edits go: `push` does the edit and records it for undo."""

    def push(self, command: Command) -> None: ...
    def clear(self) -> None: ...


class UndoList:
    """A History of its own, for the command line and tests (the app uses QUndoStack)."""

    def __init__(self) -> None:
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> None:
        command.redo()
        self._done.append(command)
        self._undone.clear()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

    def undo(self) -> bool:
        """Undo the last edit; False when there is none."""
        return self._step(self._done, self._undone, lambda command: command.undo())

    def redo(self) -> bool:
        """Redo the last undone edit; False when there is none."""
        return self._step(self._undone, self._done, lambda command: command.redo())

    @staticmethod
    def _step(
        source: list[Command], target: list[Command], action: Callable[[Command], None]
    ) -> bool:
        if not source:
            return False
        command = source.pop()
        action(command)
        target.append(command)
        return True

    @property
    def undo_text(self) -> str:
        return self._done[-1].label() if self._done else ""
