"""The table shows the selected rep's own accounts by default; "All reps" shows every one;
the week selector steps between weeks."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from planner.domain import Rep
from planner.io.workspace import Workspace
from tests.ui.conftest import REP, _open_window, make_accounts

LUCA = Rep("Luca Bianchi", home_address="Rimini", home=REP.home)


@pytest.fixture
def two_reps(qtbot, isolated: Path):  # type: ignore[no-untyped-def]
    path = isolated / "two.tpw"
    accounts = make_accounts(30)
    accounts = [replace(a, owner=LUCA.name) if i % 3 == 0 else a for i, a in enumerate(accounts)]
    with Workspace.open(path) as ws:
        ws.save_accounts(accounts)
        ws.save_reps([REP, LUCA])
    yield from _open_window(qtbot, path, isolated)


def test_the_table_shows_the_selected_reps_accounts_unless_all(two_reps) -> None:  # type: ignore[no-untyped-def]
    win = two_reps
    panel = win.accounts_panel
    assert win.session.rep.name == REP.name
    assert panel.proxy.rowCount() == 20  # Luca's ten are not Giulia's
    owners = {win.session.account(panel.proxy.data(panel.proxy.index(r, 0), 0x0101)).owner
              for r in range(panel.proxy.rowCount())}  # fmt: skip
    assert owners == {REP.name}
    panel.everyone.setChecked(True)
    assert panel.proxy.rowCount() == 30
    assert win.session.model.all_accounts  # planning follows the switch
    panel.everyone.setChecked(False)
    lucas = next(a for a in win.session.accounts if a.owner == LUCA.name)
    win._map_clicked(lucas.key)  # the map shows every pin: the inspector says whose it is
    assert "Luca Bianchi's account" in win.inspector._why.text()
    win.session.choose_rep(LUCA.name)
    assert panel.proxy.rowCount() == 10


def test_the_week_selector_steps_weeks(two_reps) -> None:  # type: ignore[no-untyped-def]
    win = two_reps
    first = win.session.week_start
    win.week_bar.week_next.click()
    assert win.session.week_start == first + timedelta(weeks=1)
    assert win.session.plan is None  # nothing stored yet for that week
    assert win.units.long_date(first + timedelta(weeks=1)) in win.week_bar.week_label.text()
    win.week_bar.week_back.click()
    assert win.session.week_start == first
