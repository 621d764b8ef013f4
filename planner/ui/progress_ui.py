"""Run a service in the background behind a cancellable progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from planner.ui.workers import Task, TaskRunner


def run_with_progress(
    parent: QWidget,
    *,
    runner: TaskRunner,
    title: str,
    work: Callable[[Any, Any], Any],
    on_result: Callable[[Any], None],
    on_cancelled: Callable[[], None] | None = None,
    workspace: Path | str | None = None,
) -> Task:
    """Start `work(progress, cancel)`; the dialog's Cancel trips the token.

    A service that honours cancellation may still return a partial result (a solver's best
    plan so far): then `on_result` gets it as usual.
    """
    dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 1000, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    task = Task(work, title, workspace)  # named in the failure sentence
    dialog.canceled.connect(task.cancel)

    def progress(fraction: float, message: str) -> None:
        dialog.setValue(int(fraction * 1000))
        if message:
            dialog.setLabelText(message)

    def failed(message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                          parent)  # fmt: skip
        if task.failure is not None:
            box.setDetailedText(task.failure.detail)  # the "Show Details..." button
        box.exec()

    task.signals.progress.connect(progress)
    task.signals.finished.connect(lambda result: on_result(result) if result is not None else None)
    task.signals.failed.connect(failed)
    if on_cancelled is not None:
        task.signals.cancelled.connect(on_cancelled)
    task.signals.done.connect(dialog.close)
    task.signals.done.connect(dialog.deleteLater)
    runner.start(task)
    return task
