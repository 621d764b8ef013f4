"""`--screenshot FILE.png`: wait until the map shows the accounts and the plan, then save."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from planner.ui.main_window import MainWindow

MIN_SIZE = (1280, 800)
SETTLE_MS = 1500  # tiles and markers paint a moment after the page reports ready
TIMEOUT_MS = 90_000


def looks_blank(image: QImage) -> bool:
    """A grab right after load sometimes comes back as one flat colour."""
    small = image.scaled(32, 20)
    colours = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    return len(colours) < 4


class ScreenshotTaker(QObject):
    def __init__(self, window: MainWindow, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.exit_code = 1
        self._tries = 5
        self._deadline = QTimer(self, singleShot=True, interval=TIMEOUT_MS)
        self._deadline.timeout.connect(self._give_up)

    def start(self) -> None:
        width, height = MIN_SIZE
        if self.window.width() < width or self.window.height() < height:
            self.window.resize(max(self.window.width(), width), max(self.window.height(), height))
        self._deadline.start()
        if self.window.map_sync.is_rendered:
            self._settle()
        else:
            self.window.map_sync.rendered.connect(self._settle)

    def _settle(self) -> None:
        QTimer.singleShot(SETTLE_MS, self._grab)

    def _grab(self) -> None:
        image = self.window.grab().toImage()
        if looks_blank(image) and self._tries > 0:
            self._tries -= 1
            QTimer.singleShot(500, self._grab)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if image.save(str(self.path)):
            print(f"saved {self.path} ({image.width()}×{image.height()})")
            self.exit_code = 0
        else:
            print(f"error: could not write {self.path}", file=sys.stderr)
        self._finish()

    def _give_up(self) -> None:
        print("error: the map did not finish rendering in time", file=sys.stderr)
        self._finish()

    def _finish(self) -> None:
        self._deadline.stop()
        self.window.close()
        QApplication.exit(self.exit_code)
