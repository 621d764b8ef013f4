"""Fixtures for map tests: small domain objects and one headless Chromium per module.

The browser has no network: every request that is not file: or data: is aborted and
recorded, so a test can assert what the page tried to fetch.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.domain import (
    Account,
    DayPlan,
    Decision,
    GeoPoint,
    Leg,
    Money,
    Precision,
    Stop,
    Territory,
    Visit,
    WeekPlan,
)
from planner.domain.value import WeekValue
from planner.services.valuation import week_valuation

CHROMIUM = "/usr/bin/chromium"
TZ = ZoneInfo("Europe/Rome")
EVIL = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">{{ 7*7 }}'


def account(i: int, lat: float, lon: float, **kw: object) -> Account:
    fields: dict[str, object] = {
        "name": f"Account {i}",
        "account_id": f"A{i}",
        "location": GeoPoint(lat, lon),
        "precision": Precision.ROOFTOP,
        "amount": Decimal(1000 * (i + 1)),
        "probability": 0.5,
        "stage": "Proposal" if i % 2 else "Prospect",
        "owner": "Rep One" if lon < 11.3 else "Rep Two",
        "last_visit": date(2026, 10, 1),
    }
    fields.update(kw)
    return Account(**fields)  # type: ignore[arg-type]


@pytest.fixture
def accounts() -> list[Account]:
    out = [account(i, 44.4 + 0.02 * (i % 5), 11.0 + 0.03 * i) for i in range(20)]
    out[3] = account(3, 44.5, 11.2, name=EVIL, owner=EVIL, stage=EVIL, notes="planted")
    # two town-level pins on the same spot, and one account that was never geocoded
    out.append(account(20, 44.7, 11.6, precision=Precision.TOWN))
    out.append(account(21, 44.7, 11.6, precision=Precision.TOWN))
    out.append(Account(name="Nowhere Srl", account_id="A22"))
    return out


def _visit(a: Account, start: datetime) -> Visit:
    return Visit(a.key, a.account_id, a.name, start, start + timedelta(minutes=45), Money.of(500))


def _leg(a: str, b: str, geometry: tuple[tuple[float, float], ...] = ()) -> Leg:
    return Leg(a, b, 10_000, 900, Money.of(3.5), geometry=geometry)


@pytest.fixture
def plan(accounts: list[Account]) -> WeekPlan:
    home = Stop("Home <b>base</b>", GeoPoint(44.49, 11.34))
    days = []
    for d, chosen in enumerate(
        ([accounts[0], accounts[3], accounts[5]], [accounts[8], accounts[9]])
    ):
        day = date(2026, 11, 30) + timedelta(days=d)
        clock = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)
        visits = tuple(_visit(a, clock + timedelta(hours=i)) for i, a in enumerate(chosen))
        keys = ["home", *(a.key for a in chosen), "home"]
        legs = [_leg(keys[i], keys[i + 1]) for i in range(len(keys) - 1)]
        if d == 1:  # road geometry from the travel model: drawn as given
            legs[0] = _leg("home", chosen[0].key, ((44.49, 11.34), (44.6, 11.3), (44.56, 11.24)))
        days.append(DayPlan(day, home, home, visits, tuple(legs)))
    remote = (
        Decision(accounts[12].key, "A12", accounts[12].name, "remote", "low value", Money.of(1)),
    )
    return WeekPlan("Rep One", date(2026, 11, 30), "EUR", tuple(days), remote=remote)


@pytest.fixture
def territories(accounts: list[Account]) -> list[Territory]:
    one = frozenset(a.key for a in accounts if a.owner == "Rep One")
    two = frozenset(a.key for a in accounts if a.owner == "Rep Two")
    return [Territory("West", "Rep One", one), Territory("East", "Rep Two", two)]


Place = tuple[str, float, float, int]  # (name, lat, lon, population), as the gazetteer's


class FakeGazetteer:
    """Gives `rows` for any box, and keeps the boxes asked for."""

    def __init__(self, rows: list[Place]) -> None:
        self.rows = rows
        self.asked: list[tuple[float, float, float, float]] = []

    def places_within(
        self, box: tuple[float, float, float, float], towns: object = ()
    ) -> list[Place]:
        self.asked.append(box)
        return self.rows


SETTLED = "!document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')"


@dataclass
class Browser:
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        self.requests.clear()
        self.errors.clear()
        self.page.goto(path.as_uri())  # type: ignore[attr-defined]
        self.page.wait_for_function("window.planner && planner.ready", timeout=10_000)  # type: ignore[attr-defined]
        # The first fit zooms with an animation that briefly keeps the old markers.
        self.page.wait_for_function(SETTLED, timeout=10_000)  # type: ignore[attr-defined]

    def js(self, script: str) -> object:
        return self.page.evaluate(script)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (see .ci/system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chrome = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = chrome.new_context(viewport={"width": 1000, "height": 700})
        page = context.new_page()
        state = Browser(page)

        def gate(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if url.startswith(("file:", "data:")):
                route.continue_()  # type: ignore[attr-defined]
            else:
                state.requests.append(url)
                route.abort()  # type: ignore[attr-defined]

        page.route("**/*", gate)
        page.on("pageerror", lambda e: state.errors.append(str(e)))
        yield state
        context.close()
        chrome.close()


def values_of(accounts: list[Account], plan: WeekPlan | None = None) -> dict[str, WeekValue]:
    """The one valuation the app and the exports use, for the week of `plan`."""
    return week_valuation(accounts, date(2026, 11, 30), plan).week_values()


@pytest.fixture
def offline_page(
    tmp_path: Path, accounts: list[Account], plan: WeekPlan, territories: list[Territory]
) -> Path:
    """The week's standalone page without a tile layer: the offline base map only."""
    from planner.maps import MapOptions, write_standalone_page

    return write_standalone_page(
        tmp_path / "week.html", accounts, plan, territories,
        values=values_of(accounts, plan), options=MapOptions(tiles=None),
    )  # fmt: skip
