"""Row versions: the same account or plan edited from two places is a conflict, never a
silent overwrite; two imports at once both complete."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from planner.domain import Account, WeekPlan
from planner.io.workspace import ConflictError, Workspace
from planner.services.import_accounts import import_accounts


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.tpw")
    return str(request.getfixturevalue("pg_url"))


def test_second_edit_of_an_account_is_refused_with_both_values(target: str) -> None:
    with Workspace.open(target, create=True) as setup:
        setup.save_accounts([Account("Acme", "1", stage="Prospect"), Account("Beta", "2")])
    with Workspace.open(target) as anna, Workspace.open(target) as maria:
        acme_a = anna.account_by_key("id:1")
        (acme_m, _) = maria.accounts()
        assert acme_a is not None
        anna.save_accounts([replace(acme_a, stage="Won")])
        with pytest.raises(ConflictError) as caught:
            maria.save_accounts([Account("Beta", "2", stage="x"), replace(acme_m, stage="Lost")])
        message = str(caught.value)
        assert "account 'Acme' was changed by someone else" in message
        assert "Yours: stage='Lost'" in message and "theirs: stage='Won'" in message
        assert maria.account_by_key("id:1") == replace(acme_a, stage="Won")
        assert maria.account_by_key("id:2") == Account("Beta", "2")  # the batch rolled back
        # having re-read it, Maria's edit goes through; Anna's stale copy is refused now
        maria.save_accounts([replace(acme_a, stage="Lost")])
        with pytest.raises(ConflictError):
            anna.save_accounts([replace(acme_a, notes="call back")])


def test_an_account_deleted_meanwhile_is_a_conflict(target: str) -> None:
    with Workspace.open(target, create=True) as setup:
        setup.save_accounts([Account("Acme", "1")])
    with Workspace.open(target) as one, Workspace.open(target) as two:
        (acme,) = one.accounts()
        two.accounts()
        two.delete_accounts(["id:1"])
        with pytest.raises(ConflictError, match="they deleted it"):
            one.save_accounts([replace(acme, stage="Won")])


def test_second_edit_of_a_plan_is_refused(target: str) -> None:
    week = date(2026, 11, 30)
    with Workspace.open(target, create=True) as setup:
        setup.save_plan(WeekPlan("Anna", week, "EUR", (), notes=("first",)))
    with Workspace.open(target) as laptop, Workspace.open(target) as office:
        mine, theirs = laptop.load_plan("Anna", week), office.load_plan("Anna", week)
        assert mine is not None and theirs is not None
        office.save_plan(replace(theirs, notes=("from the office",)))
        with pytest.raises(ConflictError, match=r"plan Anna\|2026-11-30 .*from the office"):
            laptop.save_plan(replace(mine, notes=("from the laptop",)))
        stored = laptop.load_plan("Anna", week)
        assert stored is not None and stored.notes == ("from the office",)
        # a plan nobody stored yet is written without question
        laptop.save_plan(WeekPlan("Anna", date(2026, 12, 7), "EUR", ()))


def test_a_failed_transaction_forgets_the_versions_it_wrote(target: str) -> None:
    with Workspace.open(target, create=True) as ws:
        ws.save_accounts([Account("Acme", "1")])
        (acme,) = ws.accounts()
        with pytest.raises(RuntimeError), ws.transaction():
            ws.save_accounts([replace(acme, stage="Won")])
            raise RuntimeError("cancelled")
        ws.save_accounts([replace(acme, stage="Lost")])  # no false conflict
        assert ws.account_by_key("id:1") == replace(acme, stage="Lost")


def test_two_imports_at_once_both_complete(target: str, tmp_path: Path) -> None:
    rows = "\n".join(f"C{i},Customer {i},Via Roma {i},Bologna,{i}000" for i in range(400))
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("Account ID,Account Name,Billing Street,Billing City,Amount\n" + rows)
    more = "\n".join(f"C{i},Customer {i},Via Po {i},Bologna,{i}" for i in range(200, 600))
    second.write_text("Account ID,Account Name,Billing Street,Billing City,Amount\n" + more)
    with Workspace.open(target, create=True):
        pass
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        try:
            with Workspace.open(target) as ws:
                import_accounts(ws, path)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    with Workspace.open(target) as ws:
        assert ws.account_count() == 600 and len(ws.imports()) == 2
