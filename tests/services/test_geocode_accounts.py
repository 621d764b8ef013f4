"""The batch geocoding service: order of sources, kept pins, failures, resumability, cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.domain import Account, Address, GeoPoint, Precision, Rep
from planner.domain.pins import shared_pins
from planner.domain.progress import CancelFlag, Cancelled
from planner.io.geocoding import (
    CacheGeocoder,
    Gazetteer,
    GeocodeConfig,
    GeocodeError,
    GeocodeResult,
    cache_key,
)
from planner.io.workspace import Workspace
from planner.services.geocode_accounts import geocode_accounts, geocode_rep_home


class Scripted:
    """A geocoder that answers from a dict by city; records every address it is asked."""

    def __init__(
        self,
        name: str,
        answers: dict[str, GeocodeResult | Exception],
        fail_after: int | None = None,
    ) -> None:
        self.name = name
        self.answers = answers
        self.asked: list[str] = []
        self.fail_after = fail_after

    def geocode(self, address: Address) -> GeocodeResult | None:
        if self.fail_after is not None and len(self.asked) >= self.fail_after:
            raise KeyboardInterrupt  # the user pressed Ctrl-C mid-batch
        self.asked.append(address.city)
        answer = self.answers.get(address.city)
        if isinstance(answer, Exception):
            raise answer
        return answer


def rooftop(lat: float, lon: float, source: str = "nominatim") -> GeocodeResult:
    return GeocodeResult(GeoPoint(lat, lon), Precision.ROOFTOP, source)


def account(name: str, city: str, **kwargs: object) -> Account:
    return Account(name=name, address=Address(city=city, country="IT"), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "w.tpw")
    yield workspace
    workspace.close()


def test_manual_and_source_pins_are_never_touched(ws: Workspace) -> None:
    pin = GeoPoint(45.0, 9.0)
    ws.save_accounts(
        [
            account("Manual", "Pavia", location=pin, precision=Precision.MANUAL),
            account("From CRM", "Lodi", location=pin, precision=Precision.SOURCE),
            account("New", "Como"),
        ]
    )
    online = Scripted("nominatim", {c: rooftop(46.0, 9.1) for c in ("Pavia", "Lodi", "Como")})
    summary = geocode_accounts(ws, geocoders=[online])
    assert online.asked == ["Como"]
    saved = {a.name: a for a in ws.accounts()}
    assert saved["Manual"].location == pin and saved["Manual"].precision is Precision.MANUAL
    assert saved["From CRM"].precision is Precision.SOURCE
    assert (
        saved["New"].precision is Precision.ROOFTOP and saved["New"].geocode_source == "nominatim"
    )
    assert summary.attempted == 1 and summary.located == 1
    assert summary.by_precision[Precision.MANUAL] == 1


def test_sources_in_order_failures_are_noted_and_retried_later(ws: Workspace) -> None:
    ws.save_accounts([account("A", "Asti"), account("B", "Bra"), account("C", "Nowhere")])
    down = Scripted("nominatim", {"Asti": GeocodeError("timed out"), "Bra": rooftop(44.7, 7.9)})
    offline = Scripted(
        "gazetteer",
        {"Asti": GeocodeResult(GeoPoint(44.9, 8.2), Precision.TOWN, "gazetteer:geonames")},
    )
    summary = geocode_accounts(ws, geocoders=[down, offline])
    saved = {a.name: a for a in ws.accounts()}
    assert saved["A"].precision is Precision.TOWN
    assert "nominatim: timed out" in saved["A"].geocode_note  # why the pin is only town-level
    assert saved["B"].precision is Precision.ROOFTOP and offline.asked == ["Asti", "Nowhere"]
    assert saved["C"].precision is Precision.NONE and saved["C"].location is None
    assert "no match" in saved["C"].geocode_note
    assert summary.failures == (("C", saved["C"].geocode_note),)
    # A later run asks only for what is still missing.
    again = Scripted("nominatim", {"Nowhere": rooftop(45.5, 8.5)})
    second = geocode_accounts(ws, geocoders=[again])
    assert again.asked == ["Nowhere"] and second.located == 1
    assert {a.precision for a in ws.accounts()} == {Precision.TOWN, Precision.ROOFTOP}


def test_interruption_keeps_every_result_obtained(ws: Workspace) -> None:
    cities = [f"Town{i}" for i in range(60)]
    ws.save_accounts([account(f"Acc{i}", c) for i, c in enumerate(cities)])
    answers: dict[str, GeocodeResult | Exception] = {
        c: rooftop(45 + i / 100, 9.0) for i, c in enumerate(cities)
    }
    with pytest.raises(KeyboardInterrupt):
        geocode_accounts(ws, geocoders=[Scripted("nominatim", answers, fail_after=37)])
    assert sum(a.location is not None for a in ws.accounts()) == 37
    assert len(ws.cached_geocodes(cache_key(a.address) for a in ws.accounts())) == 37
    rest = Scripted("nominatim", answers)
    geocode_accounts(ws, geocoders=[rest])
    assert len(rest.asked) == 23
    assert all(a.precision is Precision.ROOFTOP for a in ws.accounts())


def test_cancel_saves_then_raises(ws: Workspace) -> None:
    ws.save_accounts([account(f"Acc{i}", f"T{i}") for i in range(10)])
    cancel = CancelFlag()

    class CancelAtHalf:
        def report(self, fraction: float, message: str = "") -> None:
            if fraction >= 0.5:
                cancel.cancel()

    answers: dict[str, GeocodeResult | Exception] = {
        f"T{i}": rooftop(45, 9 + i / 10) for i in range(10)
    }
    with pytest.raises(Cancelled):
        geocode_accounts(ws, None, CancelAtHalf(), cancel, geocoders=[Scripted("x", answers)])
    assert sum(a.location is not None for a in ws.accounts()) == 5


def test_cache_answers_repeated_addresses_without_asking_online(ws: Workspace) -> None:
    ws.save_accounts([account("First", "Alba")])
    online = Scripted("nominatim", {"Alba": rooftop(44.7, 8.03)})
    geocode_accounts(ws, geocoders=[CacheGeocoder(ws), online])
    ws.save_accounts([account("Second", "alba ")])  # same address once normalised
    again = Scripted("nominatim", {})
    geocode_accounts(ws, geocoders=[CacheGeocoder(ws), again])
    second = next(a for a in ws.accounts() if a.name == "Second")
    assert again.asked == []
    assert second.precision is Precision.ROOFTOP and second.geocode_source == "nominatim"
    assert "cached" in second.geocode_note


def test_refine_replaces_coarse_pins_only_with_finer_ones() -> None:
    town = GeoPoint(45.0, 9.0)
    accounts = [
        account("Coarse", "Pavia", location=town, precision=Precision.TOWN, geocode_source="g"),
        account("Stays", "Lodi", location=town, precision=Precision.TOWN, geocode_source="g"),
    ]
    online = Scripted(
        "nominatim",
        {
            "Pavia": rooftop(45.18, 9.15),
            "Lodi": GeocodeResult(GeoPoint(45.3, 9.5), Precision.REGION, "nominatim"),
        },
    )
    committed: list[Account] = []
    summary = geocode_accounts(
        accounts, geocoders=[online], refine=True, on_commit=committed.extend
    )
    by_name = {a.name: a for a in summary.accounts}
    assert by_name["Coarse"].precision is Precision.ROOFTOP
    assert by_name["Stays"].location == town and by_name["Stays"].precision is Precision.TOWN
    assert [a.name for a in committed] == ["Coarse"]


def test_summary_flags_shared_pins() -> None:
    milan = GeoPoint(45.46427, 9.18951)
    accounts = [
        account(n, "Milano", location=milan, precision=Precision.TOWN) for n in ("A", "B", "C")
    ] + [account("D", "Pavia", location=GeoPoint(45.18, 9.15), precision=Precision.ROOFTOP)]
    (pin,) = shared_pins(accounts)
    assert pin.names == ("A", "B", "C") and pin.precision is Precision.TOWN
    summary = geocode_accounts(accounts, geocoders=[])
    assert any("3 accounts share 1 pins" in line for line in summary.lines())


def test_empty_address_is_flagged_not_dropped() -> None:
    summary = geocode_accounts([Account(name="No address")], geocoders=[])
    (only,) = summary.accounts
    assert only.precision is Precision.NONE and only.geocode_note == "no address to geocode"


def test_offline_config_never_builds_an_online_client() -> None:
    config = GeocodeConfig(offline=True)
    assert config.sources == ("cache", "addresses", "gazetteer")
    with pytest.raises(ValueError, match="unknown geocoding source"):
        GeocodeConfig(order=("gazetteer", "google"))


def test_rep_home_from_one_line_address() -> None:
    gazetteer = Gazetteer()
    rep = Rep(name="Giulia", home_address="Via Roma 1, 20121 Milano MI, Italia")
    located, result, note = geocode_rep_home(rep, geocoders=[gazetteer])
    assert result is not None and result.source == "gazetteer:cap-it"
    assert located.home == result.location and note == ""
    nobody = Rep(name="Nobody")
    assert geocode_rep_home(nobody, geocoders=[gazetteer])[1] is None
    gazetteer.close()
