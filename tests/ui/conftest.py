"""Qt fixtures: an isolated window on a small generated workspace.

Settings and the map page's cache go to tmp_path, so tests never touch the user's own.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from planner.io.geocoding.gazetteer import GAZETTEER_ENV, default_gazetteer_path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

from PySide6.QtCore import QSettings, QThreadPool

from planner.domain import Account, Address, GeoPoint, OpeningHours, Precision, Rep
from planner.io.workspace import Workspace

TOWNS = (("Bologna", 44.494, 11.343), ("Modena", 44.647, 10.925), ("Imola", 44.353, 11.714))


def make_accounts(count: int, seed: int = 7) -> list[Account]:
    rng = random.Random(seed)
    accounts = []
    for i in range(count):
        town, lat, lon = TOWNS[i % len(TOWNS)]
        accounts.append(
            Account(
                name=f"Cliente {i:03d}" + (" <script>window.pwned=1</script>" if i == 0 else ""),
                account_id=f"A{i:04d}",
                address=Address(f"Via Emilia {i + 1}", town, "40100", "BO", "IT"),
                location=GeoPoint(lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05)),
                precision=Precision.SOURCE,
                amount=Decimal(rng.randint(5, 120) * 1000),
                probability=rng.choice((0.2, 0.4, 0.6)),
                stage=rng.choice(("Proposal", "Negotiation", "Qualification")),
                last_visit=date(2026, 11, 2) - timedelta(days=rng.randint(0, 80)),
                cadence_days=30,
                opening_hours=OpeningHours.parse("Mon-Fri 08:30-12:30,14:00-18:30"),
                owner="Giulia Neri",
            )
        )
    return accounts


REP = Rep("Giulia Neri", home_address="Bologna", home=GeoPoint(44.494, 11.343))


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The offline gazetteer is read-only data, built once: keep using the shared copy.
    monkeypatch.setenv(GAZETTEER_ENV, str(default_gazetteer_path()))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def workspace_path(isolated: Path) -> Path:
    path = isolated / "ui.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(make_accounts(40))
        ws.save_reps([REP])
    return path


def _open_window(qtbot, workspace_path: Path, isolated: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A shown main window whose map has drawn; closed, with no task left, afterwards."""
    from planner.ui.main_window import MainWindow

    settings = QSettings(str(isolated / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Workspace.open(workspace_path), settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.map_sync.rendered, timeout=60000):
        pass
    yield win
    win.close()
    assert win.runner.wait(10000)
    assert QThreadPool.globalInstance().activeThreadCount() == 0


@pytest.fixture
def window(qtbot, workspace_path: Path, isolated: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    yield from _open_window(qtbot, workspace_path, isolated)


@pytest.fixture
def planned_window(qtbot, isolated: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    yield from _open_planned_window(qtbot, isolated)


def _open_planned_window(qtbot, isolated: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A window on a small planned week (three days, 14 accounts)."""
    from planner.domain.plan import week_to_plan
    from planner.io.calendars.holidays import public_holidays
    from planner.optimise.week.planner import WeekParams
    from planner.services.plan_week import plan_in_workspace
    from planner.travel import make_model

    isolated.mkdir(parents=True, exist_ok=True)
    workspace_path = isolated / "planned.tpw"
    with Workspace.open(workspace_path) as ws:
        ws.save_accounts(make_accounts(14))  # days with room to move visits around
        ws.save_reps([REP])
        params = WeekParams(time_limit_s=1.0, seed=3, overnight=False)
        # This week if it has no public holiday, else a fixed one: 3 days to move visits.
        week = week_to_plan(date.today())
        if public_holidays(REP, week, week + timedelta(days=2)):
            week = date(2026, 3, 2)
        plan_in_workspace(ws, None, week, 3, make_model("geodesic"), params=params)
    yield from _open_window(qtbot, workspace_path, isolated)
