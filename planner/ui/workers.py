"""Background work: run a service in the thread pool, report progress, allow cancel.

Services are Qt-free and take a ProgressReporter and a CancelToken; a Task adapts them to
Qt signals. Widgets are touched only from the main thread, in slots connected to these
signals (queued across threads by Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from planner.services.failures import Failure, explain
from planner.services.progress import CancelFlag, Cancelled


class TaskSignals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)  # the service's result
    failed = Signal(str)  # one sentence for the user; the detail is in Task.failure
    cancelled = Signal()
    done = Signal()  # always last, whatever happened


class _SignalProgress:
    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals

    def report(self, fraction: float, message: str = "") -> None:
        self._signals.progress.emit(max(0.0, min(1.0, fraction)), message)


class Task(QRunnable):
    """Runs `work(progress, cancel)` in a pool thread."""

    def __init__(
        self, work: Callable[[Any, Any], Any], name: str = "", workspace: Path | str | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace  # named in failure messages
        self.failure: Failure | None = None
        self.setAutoDelete(False)  # the runner keeps it until `done`
        self.name = name
        self.signals = TaskSignals()
        self.cancel_flag = CancelFlag()
        self._work = work

    def cancel(self) -> None:
        self.cancel_flag.cancel()

    def run(self) -> None:
        try:
            result = self._work(_SignalProgress(self.signals), self.cancel_flag)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # a worker must never take the app down
            self.failure = explain(exc, self.workspace)
            self.signals.failed.emit(self.failure.message)
        else:
            if self.cancel_flag.cancelled:
                self.signals.cancelled.emit()
            self.signals.finished.emit(result)
        finally:
            self.signals.done.emit()


class TaskRunner(QObject):
    """Starts tasks on a private pool and keeps them alive until they are done."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._running: list[Task] = []

    def start(self, task: Task) -> Task:
        self._running.append(task)
        task.signals.done.connect(lambda t=task: self._forget(t))
        self.busy_changed.emit(True)
        self._pool.start(task)
        return task

    def _forget(self, task: Task) -> None:
        if task in self._running:
            self._running.remove(task)
        self.busy_changed.emit(bool(self._running))

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task finished (used at shutdown and in tests)."""
        return bool(self._pool.waitForDone(msecs))
