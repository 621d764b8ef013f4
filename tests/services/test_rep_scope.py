"""The selected rep's own accounts: territory, else CRM owner, else everything."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.domain import Account, Rep, Territory
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_in_workspace
from planner.services.rep_scope import rep_scope
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY, account

GIULIA = Rep(name="Giulia", home=HOME)
LUCA = Rep(name="Luca", home=HOME)


def owned() -> list[Account]:
    return [
        replace(account("Imola Tech", 44.353, 11.714), owner="Giulia"),
        replace(account("Budrio Agri", 44.537, 11.534), owner="Giulia"),
        replace(account("Rimini Big", 44.060, 12.566, amount=900_000), owner="Luca"),
        account("Nobody's", 44.471, 11.409),
    ]


def test_crm_owner_decides_when_no_territory_is_saved() -> None:
    scope = rep_scope(owned(), GIULIA, [GIULIA, LUCA])
    assert [a.name for a in scope.accounts] == ["Imola Tech", "Budrio Agri"]
    rimini, nobody = owned()[2:]
    assert scope.reason_out(rimini).startswith("Luca's account")
    assert scope.reason_out(nobody).startswith("assigned to no rep")
    assert scope.left_out_note(4).startswith("2 accounts of 1 other rep(s)")


def test_a_saved_territory_wins_over_the_owner_column() -> None:
    accounts = owned()
    mine = Territory("Romagna", "Giulia", frozenset({accounts[2].key}))
    scope = rep_scope(accounts, GIULIA, [GIULIA, LUCA], [mine])
    assert [a.name for a in scope.accounts] == ["Rimini Big"]


def test_a_plain_list_and_the_all_switch_cover_every_account() -> None:
    plain = [replace(a, owner="") for a in owned()]
    assert len(rep_scope(plain, GIULIA, [GIULIA, LUCA]).accounts) == 4
    everyone = rep_scope(owned(), GIULIA, [GIULIA, LUCA], everyone=True)
    assert len(everyone.accounts) == 4
    assert everyone.reason_out(owned()[2]) == ""
    assert everyone.left_out_note(4) == ""


def test_planning_covers_the_rep_own_accounts_unless_all(tmp_path: Path) -> None:
    path = tmp_path / "ws.tpw"
    with Workspace.open(path) as ws:
        ws.save_reps([GIULIA, LUCA])
        ws.save_accounts(owned())
    fast = WeekParams(time_limit_s=0.3, overnight=False)
    with Workspace.open(path) as ws:
        plan = plan_in_workspace(ws, "Giulia", MONDAY, 2, GeodesicModel(), params=fast).plan
        names = {v.name for v in plan.visits()}
        assert names == {"Imola Tech", "Budrio Agri"}
        assert plan.notes[0].startswith("2 accounts of 1 other rep(s) or of no rep were left out")
        plan = plan_in_workspace(
            ws, "Giulia", MONDAY, 2, GeodesicModel(), params=fast, everyone=True
        ).plan
        assert "Rimini Big" in {v.name for v in plan.visits()}
