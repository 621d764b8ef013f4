"""Issue 20, *Build* 4: a failure in a background task shows one sentence naming the
workspace, with the technical detail behind the message box's *Show Details…*."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from planner.ui.progress_ui import run_with_progress
from planner.ui.workers import TaskRunner


def test_failed_task_says_one_sentence_with_details_behind_a_button(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    seen: list[tuple[str, str]] = []

    def work(progress: Any, cancel: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, read_box)
            return
        seen.append((box.text(), box.detailedText()))
        box.accept()

    QTimer.singleShot(50, read_box)
    run_with_progress(parent, runner=runner, title="Import", work=work,
                      on_result=lambda _: None, workspace=Path("/data/t.tpw"))  # fmt: skip
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    message, detail = seen[0]
    assert message.startswith("the disk holding /data/t.tpw is full") and "\n" not in message
    assert "Traceback" in detail and "database or disk is full" in detail
    runner.wait()
