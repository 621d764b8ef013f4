"""The week plan in the window: hand edits re-time the week, undo restores it, a cancel
leaves the window responsive."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from planner.optimise.week.planner import WeekParams


def views_follow(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    """The views redraw once the map has shown an edit."""
    qtbot.waitUntil(win.views_settled, timeout=5000)


def test_plan_is_shown_in_columns_and_on_the_map(qtbot, planned_window) -> None:  # type: ignore[no-untyped-def]
    win = planned_window
    plan = win.session.plan
    assert plan is not None and len(plan.visits()) > 3
    lists = win.plan_view.day_lists
    assert [lst.count() for lst in lists] == [len(d.visits) for d in plan.days]
    assert win.map_sync.last_stats["legs"] > 0
    assert "Week:" in win.plan_view.totals_text
    # Each day with visits shows its lunch break once, at its place in the day.
    for day, day_list in zip(plan.days, lists, strict=True):
        texts = [day_list.item(i).text() for i in range(day_list.count())]
        if day.lunch is not None:
            lunch = f"lunch break {day.lunch.start:%H:%M}–{day.lunch.end:%H:%M}"
            assert sum(lunch in t for t in texts) == 1


def test_drop_on_another_day_retimes_and_undo_restores(qtbot, planned_window) -> None:  # type: ignore[no-untyped-def]
    win = planned_window
    before = win.session.plan
    totals_before = win.plan_view.totals_text
    target = min(range(len(before.days)), key=lambda d: len(before.days[d].visits))
    # What DayList.dropEvent emits when a visit is dropped at the top of another day.
    # A full day refuses some visits (with the reason, plan unchanged): try until one fits.
    for visit in [v for d, day in enumerate(before.days) if d != target for v in day.visits]:
        win.plan_view.day_lists[target].dropped.emit(visit.account_key, target, 0)
        if win.session.plan is not before:
            break
        assert win.plan_view.notice_text.startswith("Not changed: ")
        assert win.session.undo_stack.count() == 0
    after = win.session.plan
    moved = after.days[target].visits[0]
    assert moved.account_key == visit.account_key and moved.arrival != visit.arrival
    views_follow(qtbot, win)
    assert win.plan_view.day_lists[target].count() == len(before.days[target].visits) + 1
    assert win.plan_view.totals_text != totals_before
    assert win.session.workspace.load_plan(after.rep_name, after.week_start) == after
    win.session.undo_stack.undo()
    assert win.session.plan == before
    views_follow(qtbot, win)
    assert win.plan_view.totals_text == totals_before
    assert win.session.workspace.load_plan(before.rep_name, before.week_start) == before


def test_an_edit_redraws_only_the_days_it_changed(qtbot, planned_window) -> None:  # type: ignore[no-untyped-def]
    """Removing a visit redraws that day's column; the other days keep their lists."""
    win = planned_window
    plan = win.session.plan
    day = max(range(len(plan.days)), key=lambda d: len(plan.days[d].visits))
    lists = win.plan_view.day_lists
    assert win.session.remove_visit(plan.days[day].visits[-1].account_key) == ""
    edited = win.session.plan
    views_follow(qtbot, win)
    after = win.plan_view.day_lists
    changed = {d for d in range(len(plan.days)) if edited.days[d] != plan.days[d]}
    assert day in changed
    for d, (old, new) in enumerate(zip(lists, after, strict=True)):
        assert (old is new) == (d not in changed)
        assert new.count() == len(edited.days[d].visits)
    win.session.undo_stack.undo()
    views_follow(qtbot, win)
    assert [lst.count() for lst in win.plan_view.day_lists] == [len(d.visits) for d in plan.days]


def test_cancelled_solve_keeps_ui_responsive_and_best_plan(qtbot, planned_window) -> None:  # type: ignore[no-untyped-def]
    win = planned_window
    ticks: list[float] = []
    timer = QTimer(win, interval=50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    old = win.session.plan
    with qtbot.waitSignal(win.session.plan_changed, timeout=20000):
        win.workflows._solve(old.week_start, 3, WeekParams(time_limit_s=60, overnight=False))
        qtbot.waitUntil(lambda: bool(win.runner.running), timeout=5000)
        qtbot.wait(800)
        started = time.monotonic()
        win.runner.cancel_all()
    assert time.monotonic() - started < 10
    timer.stop()
    assert len(ticks) > 10  # the event loop kept running while the solver worked
    assert win.session.plan is not None and win.session.plan.visits()
    assert any("cancelled" in note for note in win.session.plan.notes)
    assert win.runner.wait(5000)
    qtbot.waitUntil(lambda: not win.runner.running, timeout=5000)  # `done` is queued


def test_export_calendar_from_the_window(qtbot, planned_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    win = planned_window
    out = tmp_path / "week.ics"
    with qtbot.waitSignal(win.workflows.exported, timeout=20000) as blocker:
        win.workflows.export_to("ics", out)
    assert blocker.args == [[out]]
    calendar = Calendar.from_ical(out.read_bytes())
    events = [c for c in calendar.walk("VEVENT") if "Cliente" in str(c.get("SUMMARY"))]
    assert len(events) == len(win.session.plan.visits())


def test_a_refused_edit_shows_its_whole_reason(qtbot, planned_window) -> None:  # type: ignore[no-untyped-def]
    win = planned_window
    plan = win.session.plan
    win.plan_view.visit_moved.emit(plan.visits()[0].account_key, len(plan.days) + 3, 0)  # no day
    notice = win.plan_view._notice
    assert (
        win.plan_view.notice_text
        == f"Not changed: there is no day {len(plan.days) + 4} in this plan"
    )
    assert notice.isVisible() and notice.wordWrap()  # wrapped in full, never clipped
    assert win.session.plan is plan


def test_navigate_menus_on_days_and_in_the_inspector(qtbot, planned_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolButton

    win = planned_window
    buttons = [b for b in win.plan_view.findChildren(QToolButton) if b.menu() is not None]
    assert len(buttons) == sum(1 for d in win.session.plan.days if d.visits)
    actions = [a.text() for a in buttons[0].menu().actions() if a.text()]
    assert actions[0].startswith("Google Maps")
    win.inspector.show_account(None)
    assert not win.inspector._navigate.isVisible()
    first = win.session.plan.visits()[0].account_key
    win._select([first], from_map=False)
    entries = [a.text() for a in win.inspector._navigate.menu().actions() if a.text()]
    assert entries[:4] == ["Google Maps", "Apple Maps", "Waze", "Other app (geo:)"]
    assert not win.inspector._navigate.isHidden()
