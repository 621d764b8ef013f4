"""Screenshots of the window for review, at 1440×900, in one language.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py [OUT_DIR] [--language it]
        [--region ../shared/osm/monaco.osm.pbf]

Builds the demo workspace afresh in a temporary folder (settings too, so the layout is
the default one) and saves into OUT_DIR (default docs/screenshots, NAME_en.png or
NAME_it.png): the week, the inspector on a planned account, the remote list, the
territories tab, a refused drag (a visit moved to a day where it cannot fit), the map
zoomed to one day, with --region the offline map's roads and labels where that
extract is built, and the exported map file (export html) zoomed to one day in headless
Chromium, offline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
SCRATCH = Path(tempfile.mkdtemp(prefix="planner-shots-"))
os.environ["XDG_CONFIG_HOME"] = str(SCRATCH)

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from planner.ui.app import _prepare_environment

SIZE = (1440, 900)
SETTLE_MS = 1800


def _region_map(window, pbf: Path) -> None:  # type: ignore[no-untyped-def]
    """The offline map where a region is built: its roads and town labels, zoomed in.

    The demo territory (Bologna) has no extract here, so this builds the one given
    (e.g. Monaco) into the scratch folder and shows the app's map there; the session's
    travel model is not changed (the region is only read for the map)."""
    from planner.domain.geo import GeoPoint
    from planner.io.regions import RegionStore
    from planner.services.map_places import places_json
    from planner.services.map_roads import roads_json
    from planner.services.regions import add_region

    store = RegionStore(SCRATCH / "regions")
    info = add_region(str(pbf), store=store).info
    south, west, north, east = info.bbox
    corners = [GeoPoint(south, west), GeoPoint(north, east)]
    window.map_view.call("setRoads", roads_json(corners, store))
    window.map_view.call("setPlaces", places_json(corners))
    centre = [(south + north) / 2, (west + east) / 2]
    window.map_view.page().runJavaScript(f"planner.map.setView({centre}, 15, {{animate: false}})")


def _exported_day_map(window, path: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    """The week's map file (`export html`) opened offline in headless Chromium, zoomed to
    its busiest day through the page's address (#day=LABEL): the town labels (and
    roads, where a region is built) the file carries."""
    import subprocess
    from urllib.parse import quote

    from planner.services.export_itinerary import export_itinerary

    session = window.session
    plan, scope = session.plan, session.scope()
    accounts = scope.accounts if scope is not None else session.accounts
    page = export_itinerary(plan, accounts, session.rep, "html", SCRATCH / "week.html",
                            locale=language).files[0]  # fmt: skip
    busiest = max(plan.days, key=lambda d: len(d.visits))
    label = window.units.day(busiest.day)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("skipped the exported map: Debian chromium is not installed")
        return
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--virtual-time-budget=4000", f"--screenshot={path}", f"--window-size={SIZE[0]},{SIZE[1]}",
         f"{page.as_uri()}#day={quote(label)}"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(f"saved {path}")


def _steps(window, out: Path, language: str, region: Path | None) -> list[tuple[str, Callable[[], None]]]:  # type: ignore[no-untyped-def]
    plan = window.session.plan
    first = plan.visits()[0]
    busiest = max(range(len(plan.days)), key=lambda d: len(plan.days[d].visits))

    def inspector() -> None:  # as a click on its row: the inspector, and the map zooms to it
        window._select([first.account_key], from_map=False)
        window.map_view.call("fitTo", [first.account_key])

    def remote() -> None:
        window.remote_dock.raise_()

    def territories() -> None:  # the map shows every rep's area
        window.territories_dock.raise_()
        window.map_view.call("fitTo", [a.key for a in window.session.accounts if a.location])

    def refused() -> None:
        window.plan_dock.raise_()
        for visit in (v for d, day in enumerate(plan.days) if d != busiest for v in day.visits):
            window.plan_view.visit_moved.emit(visit.account_key, busiest, 0)
            if window.plan_view.notice_text:
                return

    def day_map() -> None:  # with the legend unfolded: the day's stops stay clear of it
        window.plan_view.show_notice("")
        window.map_view.page().runJavaScript(
            "document.querySelector('.planner-legend-fold').click()"
        )
        label = window.units.day(plan.days[busiest].day)
        window.map_view.call("fitDay", label)

    return [
        (f"week_{language}.png", lambda: None),
        (f"inspector_{language}.png", inspector),
        (f"remote_{language}.png", remote),
        (f"territories_{language}.png", territories),
        (f"refused_drag_{language}.png", refused),
        (f"day_map_{language}.png", day_map),
    ] + ([(f"region_map_{language}.png", lambda: _region_map(window, region))] if region else [])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path, nargs="?", default=Path(__file__).parent / "screenshots")
    parser.add_argument("--language", choices=("en", "it"), default="en")
    parser.add_argument("--region", type=Path, help="an .osm.pbf: also shoot its roads")
    args = parser.parse_args()
    _prepare_environment(headless=True)
    from PySide6.QtCore import QSettings

    from planner.services.demo import ensure_demo_workspace
    from planner.ui.launch import _App
    from planner.ui.main_window import APP, ORG

    app = QApplication(sys.argv[:1])
    # A fresh demo each time: a demo kept from an older build would show its old plan.
    path = ensure_demo_workspace(SCRATCH / "demo.tpw")
    settings = QSettings(ORG, APP)
    window = _App(app, settings, path, args.language).window
    window.resize(*SIZE)
    args.out.mkdir(parents=True, exist_ok=True)
    steps = iter(_steps(window, args.out, args.language, args.region))

    def next_step() -> None:
        step = next(steps, None)
        if step is None:
            _exported_day_map(
                window, args.out / f"export_day_map_{args.language}.png", args.language
            )
            window.close()
            app.quit()
            return
        name, action = step
        action()
        QTimer.singleShot(SETTLE_MS, lambda: _grab(window, args.out / name, next_step))

    window.map_sync.rendered.connect(lambda: QTimer.singleShot(SETTLE_MS, next_step))
    code = app.exec()
    settings.sync()  # written now, so nothing rewrites the scratch folder once it is removed
    return code


def _grab(window, path: Path, then: Callable[[], None]) -> None:  # type: ignore[no-untyped-def]
    window.grab().toImage().save(str(path))
    print(f"saved {path}")
    then()


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
