"""The week view draws the rep's calendar: a holiday's column, busy time, appointments and
logged visits; right-click an account ▸ New appointment… stores one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from planner.domain.calendar import Outcome
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.calendar_week import (
    AppointmentRequest,
    add_appointment,
    add_time_off,
    all_appointments,
)
from planner.services.plan_week import plan_in_workspace
from planner.services.visit_log import log_visit
from planner.travel import make_model
from planner.ui.dialogs.appointment_dialog import AppointmentDialog

from .conftest import REP, _open_window, make_accounts

WEEK = date(2026, 12, 7)  # Tuesday 8 December: Immacolata


@pytest.fixture
def calendar_window(qtbot, isolated: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    path = isolated / "calendar.tpw"
    with Workspace.open(path) as ws:
        accounts = make_accounts(14)
        ws.save_accounts(accounts)
        ws.save_reps([REP])
        add_appointment(ws, AppointmentRequest(REP.name, datetime(2026, 12, 9, 10, 0),
                                               account_id=accounts[0].key))  # fmt: skip
        garage = AppointmentRequest(REP.name, datetime(2026, 12, 7, 8, 30), 90,
                                    address="Garage, Bologna", title="Car service")  # fmt: skip
        add_appointment(ws, garage)
        add_time_off(ws, REP.name, date(2026, 12, 10))
        params = WeekParams(time_limit_s=1.0, overnight=False)
        plan = plan_in_workspace(ws, None, WEEK, 4, make_model("geodesic"), params=params).plan
        first = plan.days[0].visits[0]
        log_visit(ws, REP.name, first.account_key, first.arrival.date(),
                  outcome=Outcome.COMPLETED)  # fmt: skip
    yield from _open_window(qtbot, path, isolated)


def test_week_view_shows_holiday_time_off_busy_time_appointment_and_logged_visit(
    calendar_window,  # type: ignore[no-untyped-def]
) -> None:
    win = calendar_window
    labels = [label.text() for label in win.plan_view.widget().findChildren(QLabel)]
    assert any("Closed: public holiday: Immacolata Concezione" in t for t in labels)
    assert any("Closed: time off" in t for t in labels)
    assert any("08:30–10:00 Car service" in t for t in labels)
    rows = [lst.item(i).text() for lst in win.plan_view.day_lists for i in range(lst.count())]
    assert any(r.startswith("✓ ") for r in rows)
    assert any("◆ " in r and r.split("  ")[0].endswith("10:00") for r in rows)


def test_right_click_new_appointment_stores_it(
    calendar_window,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win = calendar_window
    key = win.session.accounts[5].key
    monkeypatch.setattr(AppointmentDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    win.accounts_panel.new_appointment.emit(key)
    stored = all_appointments(win.session.workspace, REP.name)
    assert key in {a.account_key for a in stored}
    assert win.statusBar().currentMessage().startswith("Appointment added")
