"""The map: the page built by planner.maps, loaded from disk, driven through its JS API.

The page is loaded once (never setHtml: it has a 2 MB limit); later updates go through
`planner.setAccounts(...)` etc., so zoom and pan survive. Calls made before the page is
ready are queued. Marker clicks come back through a QWebChannel object named `bridge`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

READY_PROBE = "typeof L !== 'undefined' && !!window.planner && window.planner.ready === true"


class MapBridge(QObject):
    """The Python side of the page's `bridge` object."""

    marker_clicked = Signal(str)
    page_ready = Signal()
    selection_changed = Signal(str)  # JSON list of account ids (lasso, multi-select)

    @Slot(str)
    def markerClicked(self, account_id: str) -> None:
        self.marker_clicked.emit(account_id)

    @Slot()
    def pageReady(self) -> None:
        self.page_ready.emit()

    @Slot(str)
    def selectionChanged(self, ids_json: str) -> None:
        self.selection_changed.emit(ids_json)


class MapView(QWebEngineView):
    ready = Signal()
    account_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False
        self._pending: list[str] = []
        self.bridge = MapBridge(self)
        self.bridge.marker_clicked.connect(self.account_clicked)
        self._channel = QWebChannel(self)
        self._channel.registerObject("bridge", self.bridge)
        self._page = QWebEnginePage(self)
        self.setPage(self._page)
        self._page.setWebChannel(self._channel)
        settings = self.settings()
        # The page is a local file that may load local assets beside it, and an optional
        # online tile layer; nothing else.
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        self.loadFinished.connect(self._on_loaded)
        self._probe_timer = QTimer(self, interval=100, singleShot=True)
        self._probe_timer.timeout.connect(self._probe)
        self._probes_left = 0

    @property
    def is_ready(self) -> bool:
        return self._ready

    def load_page(self, path: Path) -> None:
        self._ready = False
        self.load(QUrl.fromLocalFile(str(path.resolve())))

    def _on_loaded(self, ok: bool) -> None:
        self._probes_left = 100
        self._probe()

    def _probe(self) -> None:
        # loadFinished(True) fires even when scripts failed: ask the page itself.
        self.page().runJavaScript(READY_PROBE, 0, self._on_probe)

    def _on_probe(self, result: Any) -> None:
        if result is True:
            self._ready = True
            for script in self._pending:
                self.page().runJavaScript(script)
            self._pending.clear()
            self.ready.emit()
        elif self._probes_left > 0:
            self._probes_left -= 1
            self._probe_timer.start()

    def call(self, function: str, *args: Any) -> None:
        """Call `planner.<function>(args...)` in the page, once it is ready."""
        script = f"planner.{function}({', '.join(json.dumps(a) for a in args)});"
        if self._ready:
            self.page().runJavaScript(script)
        else:
            self._pending.append(script)

    def evaluate(self, expression: str, callback: Any) -> None:
        """Evaluate JS; the callback gets the value parsed from JSON (objects cross as text)."""
        wrapped = f"JSON.stringify({expression})"
        self.page().runJavaScript(
            wrapped, 0, lambda text: callback(json.loads(text) if text else None)
        )

    def dispose(self) -> None:
        """Delete the page before the profile goes away (avoids Qt's shutdown warning)."""
        self._ready = False
        self._page.deleteLater()
