"""Keeps the map page in step with the session: layers pushed through the JS API.

Only what changed is sent (`planner.services.map_page.PageUpdates`): a moved pin or an
edited plan re-sends the points and layers that differ, not all four layers.

After each push it asks the page what it drew (`planner.stats()`), and reports
`rendered` once the accounts (and the plan's legs, when there is a plan) are on screen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QObject, QTimer, Signal

from planner.domain.geo import GeoPoint
from planner.services.map_page import PageUpdates, app_page
from planner.services.map_places import places_json
from planner.services.map_roads import roads_json
from planner.ui.formatting import ui_locale
from planner.ui.map_view import MapView
from planner.ui.session import Session
from planner.ui.workers import Task, TaskRunner


def page_folder() -> Path:
    return Path(platformdirs.user_cache_dir("territory-planner", appauthor=False)) / "map"


class MapSync(QObject):
    rendered = Signal()
    answered = Signal()  # the page has run what was sent before (its stats came back)

    def __init__(
        self,
        session: Session,
        view: MapView,
        runner: TaskRunner,
    ) -> None:
        super().__init__(view)
        self.session = session
        self.view = view
        self.is_rendered = False
        self.last_stats: dict[str, Any] = {}
        self._polls = 0
        self._poll_timer = QTimer(self, singleShot=True, interval=200)
        self._poll_timer.timeout.connect(self._poll)
        self._runner = runner
        self._updates = PageUpdates()
        view.ready.connect(self._page_loaded)
        view.ready.connect(self.push_places)
        view.bridge.roads_wanted.connect(self.push_road_detail)
        session.accounts_changed.connect(self.push_places)
        session.accounts_changed.connect(self.push)
        session.account_changed.connect(lambda _key: self.push())
        session.plan_changed.connect(self.push)
        session.territories_changed.connect(self.push)
        # The page is written once per version (folium takes about a second), off the
        # main thread so that the window is usable at once; then loaded from disk.
        self.locale = ui_locale()
        task = Task(lambda _progress, _cancel: app_page(page_folder(), self.locale), "map page")
        task.signals.finished.connect(view.load_page)
        runner.start(task)

    def push(self) -> None:
        if not self.view.is_ready:
            return  # `ready` pushes everything once the page is up
        for function, argument in self._updates.calls(self.session.map_data(self.locale)):
            self.view.call(function, argument)
        self._polls = 50
        self._poll()

    def _page_loaded(self) -> None:
        self._updates.forget()
        self.push()

    def push_places(self) -> None:
        """Town labels (the gazetteer) and roads (the regions) around the accounts, both
        read off the main thread."""
        if not self.view.is_ready:
            return
        points = [a.location for a in self.session.accounts if a.location is not None]
        towns = {a.address.city for a in self.session.accounts if a.address.city}
        task = Task(lambda _progress, _cancel: places_json(points, towns), "town labels")
        task.signals.finished.connect(lambda text: self.view.call("setPlaces", text))
        self._runner.start(task)
        roads = Task(lambda _progress, _cancel: roads_json(points), "roads")
        roads.signals.finished.connect(lambda text: self.view.call("setRoads", text))
        self._runner.start(roads)

    def push_road_detail(self, box_json: str) -> None:
        """Every road of the view the page is zoomed to (the area's roads are the major
        ones only, when a big region has too many streets to send at once)."""
        south, west, north, east = (float(v) for v in json.loads(box_json))
        corners = [GeoPoint(south, west), GeoPoint(north, east)]
        task = Task(lambda _progress, _cancel: roads_json(corners, margin=0.0), "streets")
        task.signals.finished.connect(lambda text: self.view.call("setRoadDetail", text))
        self._runner.start(task)

    def _poll(self) -> None:
        self.view.evaluate("planner.stats()", self._on_stats)

    def _on_stats(self, stats: dict[str, Any] | None) -> None:
        self.last_stats = stats or {}
        self.answered.emit()
        if self._drawn(self.last_stats):
            if not self.is_rendered:
                self.is_rendered = True
                self.rendered.emit()
        elif self._polls > 0:
            self._polls -= 1
            self._poll_timer.start()

    def _drawn(self, stats: dict[str, Any]) -> bool:
        located = any(a.location is not None for a in self.session.accounts)
        accounts_ok = not located or stats.get("markers", 0) + stats.get("clusters", 0) > 0
        plan = self.session.plan
        plan_ok = plan is None or not plan.visits() or stats.get("legs", 0) > 0
        return bool(stats) and accounts_ok and plan_ok
