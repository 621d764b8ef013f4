"""The map: the page built by planner.maps, loaded from disk, driven through its JS API.

The page is loaded once (never setHtml: it has a 2 MB limit); later updates go through
`planner.setAccounts(...)` etc., so zoom and pan survive. Calls made before the page is
ready are queued and sent when the page says so (`bridge.pageReady()`, once Leaflet,
planner.js and the QWebChannel are up) — no polling. A page that has not reported ready
some seconds after loading is diagnosed once and reported through `failed`. Clicks and
selections (shift/ctrl-click, shift-drag box) come back through the `bridge` object.
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

# What a page that never reported ready got to (asked once, to say why in the status bar).
DIAGNOSE = (
    "typeof L === 'undefined' ? 'Leaflet did not load' : !window.planner ? 'planner.js did "
    "not load' : !window.planner.ready ? 'the map page failed to start' : "
    "'the page cannot reach the app (QWebChannel)'"
)
READY_TIMEOUT_MS = 15000


class MapBridge(QObject):
    """The Python side of the page's `bridge` object."""

    marker_clicked = Signal(str)
    page_ready = Signal()
    selection_changed = Signal(str)  # JSON list of account ids (lasso, multi-select)
    roads_wanted = Signal(str)  # JSON [south, west, north, east] of the view

    @Slot(str)
    def markerClicked(self, account_id: str) -> None:
        self.marker_clicked.emit(account_id)

    @Slot()
    def pageReady(self) -> None:
        self.page_ready.emit()

    @Slot(str)
    def selectionChanged(self, ids_json: str) -> None:
        self.selection_changed.emit(ids_json)

    @Slot(str)
    def roadsWanted(self, box_json: str) -> None:
        """The page zoomed in where the area's roads left the streets out."""
        self.roads_wanted.emit(box_json)


class MapView(QWebEngineView):
    ready = Signal()
    failed = Signal(str)  # why the page never became ready
    account_clicked = Signal(str)
    selection_changed = Signal(list)  # account ids picked on the map (shift-click, box)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False
        self._pending: list[str] = []
        self.bridge = MapBridge(self)
        self.bridge.marker_clicked.connect(self.account_clicked)
        self.bridge.page_ready.connect(self._on_page_ready)
        self.bridge.selection_changed.connect(self._on_selection)
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
        self._watchdog = QTimer(self, interval=READY_TIMEOUT_MS, singleShot=True)
        self._watchdog.timeout.connect(self._diagnose)

    @property
    def is_ready(self) -> bool:
        return self._ready

    def load_page(self, path: Path) -> None:
        self._ready = False
        self.load(QUrl.fromLocalFile(str(path.resolve())))

    def _on_loaded(self, ok: bool) -> None:
        # loadFinished(True) fires even when every script failed: wait for the page's word.
        if not self._ready:
            self._watchdog.start()

    def _on_page_ready(self) -> None:
        self._watchdog.stop()
        self._ready = True
        for script in self._pending:
            self.page().runJavaScript(script)
        self._pending.clear()
        self.ready.emit()

    def _diagnose(self) -> None:
        if not self._ready:
            self.page().runJavaScript(DIAGNOSE, 0, lambda why: self.failed.emit(str(why)))

    def _on_selection(self, ids_json: str) -> None:
        ids = json.loads(ids_json or "[]")
        self.selection_changed.emit([str(i) for i in ids])

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
