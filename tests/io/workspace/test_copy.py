"""`workspace copy`: a file to PostgreSQL and back is the same workspace, row for row."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from planner.cli.main import main
from planner.domain import Account, Address, GeoPoint, Precision, Rep, Territory
from planner.io.workspace import CachedGeocode, ImportRecord, RejectedRow, Workspace


def _fill(ws: Workspace) -> None:
    accounts = [
        Account(f"Zeta <b>{i}</b>\n'quoted'", f"A{i}", Address("Via Roma 1", "Forlì", "47121"),
                GeoPoint(44.2 + i / 100, 12.0), Precision.STREET, amount=Decimal("1234.56"),
                probability=0.25, close_date=date(2026, 12, 1), tags=("x", "y"))
        for i in range(7, 0, -1)
    ]  # fmt: skip
    ws.save_accounts(accounts)
    ws.save_accounts([accounts[2]])  # a second version of one row
    ws.save_reps([Rep("Zoe", home=GeoPoint(44.5, 11.3)), Rep("Adam", home=GeoPoint(44.4, 11.9))])
    ws.save_reps([Rep("Zoe", home=GeoPoint(44.6, 11.3))])
    first = ws.record_import(ImportRecord("a.csv", datetime(2026, 1, 2, tzinfo=UTC), "csv", "g"))
    second = ws.record_import(ImportRecord("b.csv", datetime(2026, 1, 3, tzinfo=UTC), "csv", "g"))
    ws.save_rejected_rows(second, [RejectedRow(3, "Amount", "bad", {"Amount": "x€"})])
    ws.delete_rejected_rows([])
    now = datetime.now(UTC)
    ws.cache_geocodes([CachedGeocode("k", 44.1, 12.1, "town", "gazetteer", now),
                       CachedGeocode("nowhere", None, None, "none", "x", now)])  # fmt: skip
    ws.matrix_put("m", np.arange(4, dtype=np.int64).reshape(2, 2), np.eye(2, dtype=np.int64))
    ws.replace_territories([Territory("North", "Zoe", frozenset({"id:A1", "id:A2"}))])
    ws.log_visit("id:A1", date(2026, 3, 1), "ok")
    ws.set_value("ics", "uid", {"sequence": 3})
    assert first < second


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
            for t in tables
            if t != "sqlite_sequence"
        }


def test_file_to_postgres_and_back_is_lossless(tmp_path: Path, pg_url: str) -> None:
    original = tmp_path / "original.tpw"
    with Workspace.open(original) as ws:
        _fill(ws)
        accounts, reps, plans = ws.accounts(), ws.reps(), ws.plans()
    assert main(["workspace", "copy", str(original), pg_url]) == 0
    with Workspace.open(pg_url) as team:
        assert team.accounts() == accounts and team.reps() == reps and team.plans() == plans
        assert team.rejected_rows()[0].raw == {"Amount": "x€"}
        # identities continue after the copied ids
        assert team.record_import(ImportRecord("c.csv", datetime.now(UTC), "csv", "g")) == 3
        team.database.execute("DELETE FROM imports WHERE id = 3")
    back = tmp_path / "back.tpw"
    assert main(["workspace", "copy", pg_url, str(back)]) == 0
    assert _dump(back) == _dump(original)


def test_copy_refuses_a_target_that_is_not_empty(tmp_path: Path, pg_url: str, capsys) -> None:
    source = tmp_path / "s.tpw"
    with Workspace.open(source) as ws:
        _fill(ws)
    assert main(["workspace", "copy", str(source), pg_url]) == 0
    assert main(["workspace", "copy", str(source), pg_url]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert main(["workspace", "copy", str(tmp_path / "missing.tpw"), pg_url]) == 1
    assert "no workspace file" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_init_creates_the_schema(backend: str, tmp_path: Path, request, capsys) -> None:
    target = str(tmp_path / "new.tpw") if backend == "sqlite" else request.getfixturevalue("pg_url")
    assert main(["workspace", "init", target]) == 0
    assert "is ready (schema version" in capsys.readouterr().out
    with Workspace.open(target) as ws:
        assert ws.accounts() == []
