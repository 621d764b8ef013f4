import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from planner.domain import (
    Account,
    Address,
    Break,
    DayPlan,
    Decision,
    GeoPoint,
    Leg,
    Lock,
    Money,
    OpeningHours,
    Precision,
    Rep,
    Stop,
    Territory,
    Visit,
    WeekPlan,
)
from planner.io.workspace import (
    SCHEMA_VERSION,
    CachedGeocode,
    ImportRecord,
    RejectedRow,
    Workspace,
    WorkspaceError,
    WorkspaceVersionError,
)

ROME = ZoneInfo("Europe/Rome")


def _account(i: int, **kw: object) -> Account:
    base: dict[str, object] = {
        "name": f'Acme <b>{i}</b>\nSrl; "quoted"',
        "account_id": f"001{i:05d}",
        "address": Address("Via Emilia 1\nScala B", "Forlì", "47121", "FC", "IT"),
        "location": GeoPoint(44.22, 12.04),
        "precision": Precision.MANUAL,
        "amount": Decimal("12500.50"),
        "probability": 0.4,
        "close_date": date(2026, 12, 15),
        "last_visit": date(2026, 10, 1),
        "cadence_days": 30,
        "opening_hours": OpeningHours.parse("Mon-Fri 08:30-12:30,14:00-18:00"),
        "tags": ("key", "ceramics"),
    }
    base.update(kw)
    return Account(**base)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "postgresql"])
def ws(request: pytest.FixtureRequest, tmp_path: Path) -> Workspace:
    """The same tests on a workspace file and on a team (PostgreSQL) workspace."""
    if request.param == "sqlite":
        target: str | Path = tmp_path / "t.tpw"
    else:
        target = request.getfixturevalue("pg_url")
    with Workspace.open(target, create=True) as workspace:
        yield workspace  # type: ignore[misc]


def test_accounts_round_trip_and_upsert(ws: Workspace) -> None:
    accounts = [_account(i) for i in range(3)]
    ws.save_accounts(accounts)
    assert ws.accounts() == accounts
    changed = _account(1, stage="Negotiation")
    ws.save_accounts([changed])
    assert ws.account_count() == 3
    assert ws.account_by_key(changed.key) == changed


def test_transaction_rolls_back_everything(ws: Workspace) -> None:
    ws.save_accounts([_account(0)])
    with pytest.raises(RuntimeError), ws.transaction():
        ws.save_accounts([_account(1), _account(2)])
        ws.record_import(ImportRecord("f.csv", datetime.now(UTC), "csv", "generic"))
        raise RuntimeError("boom")
    assert [a.account_id for a in ws.accounts()] == ["00100000"]
    assert ws.imports() == []


def test_imports_and_rejected_rows(ws: Workspace) -> None:
    started = datetime(2026, 11, 27, 9, tzinfo=UTC)
    import_id = ws.record_import(
        ImportRecord("f.csv", started, "csv", "salesforce-report", 3, 1, 1, 2, messages=("m",))
    )
    ws.save_rejected_rows(
        import_id, [RejectedRow(7, "Amount", "not a number: 'abc'", {"Amount": "abc"})]
    )
    (record,) = ws.imports()
    assert (record.import_id, record.accepted, record.messages) == (import_id, 3, ("m",))
    (row,) = ws.rejected_rows(import_id)
    assert (row.row_number, row.column, row.raw) == (7, "Amount", {"Amount": "abc"})
    assert row.row_id is not None
    ws.delete_rejected_rows([row.row_id])
    assert ws.rejected_rows() == []


def test_reps_geocodes_matrices_kv_and_visit_log(ws: Workspace) -> None:
    rep = Rep(
        "Giulia Neri", home=GeoPoint(44.49, 11.34), work_start=time(8), cost_per_km=Decimal("0.42")
    )
    ws.save_reps([rep])
    assert ws.reps() == [rep] and ws.rep("Giulia Neri") == rep
    hit = CachedGeocode(
        "via emilia 1, 47121 forli, it", 44.2, 12.0, "street", "nominatim", datetime.now(UTC)
    )
    miss = CachedGeocode("nowhere", None, None, "none", "nominatim", datetime.now(UTC))
    ws.cache_geocodes([hit, miss])
    assert ws.cached_geocodes([hit.address_key, "other", "nowhere"]) == {
        hit.address_key: hit,
        "nowhere": miss,
    }
    dist = np.arange(9, dtype=np.int64).reshape(3, 3)
    ws.matrix_put("geodesic:abc", dist, dist * 2)
    got = ws.matrix_get("geodesic:abc")
    assert got is not None and (got[1] == dist * 2).all() and ws.matrix_get("nope") is None
    ws.set_value("ics", "uid-1", {"sequence": 2})
    assert ws.get_value("ics", "uid-1") == {"sequence": 2} and ws.get_value("ics", "x") is None
    ws.log_visit("id:1", date(2026, 11, 2), "demo")
    assert ws.visit_log("id:1") == [(date(2026, 11, 2), "demo")]


def test_plans_and_territories_round_trip(ws: Workspace) -> None:
    home = Stop("Home", GeoPoint(44.49, 11.34))
    start = datetime(2026, 11, 30, 9, tzinfo=ROME)
    visit = Visit(
        "id:1", "1", "Acme", start, start + timedelta(minutes=45), Money(12345), Lock.DAY, "why"
    )
    legs = (
        Leg(
            "home",
            "id:1",
            12000,
            900,
            Money(800),
            start - timedelta(minutes=15),
            ((44.49, 11.34), (44.5, 11.4)),
        ),
        Leg("id:1", "home", 12000, 900, Money(800)),
    )
    lunch = Break(start + timedelta(hours=4), start + timedelta(hours=4, minutes=45))
    day = DayPlan(date(2026, 11, 30), home, home, (visit,), legs, Money(12500), lunch)
    remote = Decision(
        "id:2", "2", "Beta", "remote", "trip costs € 80 more than it earns", Money(100), Money(8000)
    )
    plan = WeekPlan("Giulia", date(2026, 11, 30), "EUR", (day,), remote=(remote,), notes=("n",))
    ws.save_plan(plan)
    assert ws.load_plan("Giulia", date(2026, 11, 30)) == plan
    assert ws.plans() == [("Giulia", date(2026, 11, 30))]
    assert plan.value == Money(12345) and plan.cost == Money(14100) and plan.distance_m == 24000
    territory = Territory("North", "Giulia", frozenset({"id:1", "id:2"}), frozenset({"id:1"}))
    ws.replace_territories([territory])
    assert ws.territories() == [territory]


def test_refuses_newer_schema_and_non_workspace(tmp_path: Path) -> None:
    path = tmp_path / "new.tpw"
    Workspace.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(WorkspaceVersionError, match="newer than this program"):
        Workspace.open(path)
    junk = tmp_path / "junk.tpw"
    junk.write_bytes(b"\x00\xffnot sqlite" * 100)
    with pytest.raises(WorkspaceError, match="is not a workspace file"):
        Workspace.open(junk)


def test_accounts_list_is_reused_until_the_table_changes(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.tpw") as ws, Workspace.open(tmp_path / "w.tpw") as other:
        ws.save_accounts([Account("A", "a1"), Account("B", "b1")])
        first = ws.accounts()
        assert ws.accounts() == first and ws.accounts() is not first
        other.save_accounts([replace(other.accounts()[0], name="A2")])  # another handle
        assert [a.name for a in ws.accounts()] == ["A2", "B"]
        ws.delete_accounts([first[1].key])
        other.save_accounts([Account("C", "c1")])
        assert [a.name for a in ws.accounts()] == ["A2", "C"]
        other.delete_accounts([other.accounts()[1].key])  # the same row count, versions,
        other.save_accounts([Account("D", "d1")])  # row id and length: a later change
        assert [a.name for a in ws.accounts()] == ["A2", "D"]
