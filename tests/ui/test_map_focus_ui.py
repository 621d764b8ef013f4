"""The app's map opens on the rep's week and frames again when the week changes."""

from __future__ import annotations

from datetime import timedelta

from planner.maps.focus import Focus

VIEW = (
    "(m => ({key: planner.core.focusKey, south: m.getBounds().getSouth(),"
    " west: m.getBounds().getWest(), north: m.getBounds().getNorth(),"
    " east: m.getBounds().getEast()}))(planner.map)"
)


def _view(qtbot, win):  # type: ignore[no-untyped-def]
    box: list[dict[str, object]] = []
    win.map_view.evaluate(VIEW, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def _framed(view: dict, focus: Focus) -> bool:  # type: ignore[type-arg]
    assert focus.box is not None
    south, west, north, east = focus.box
    return (
        view["key"] == focus.key
        and view["south"] <= south <= north <= view["north"]
        and view["west"] <= west <= east <= view["east"]
    )


def test_the_map_frames_the_week_then_the_reps_accounts_of_a_week_without_plan(
    qtbot, planned_window
) -> None:  # type: ignore[no-untyped-def]
    win, session = planned_window, planned_window.session
    week = session.map_data().focus
    assert week is not None and week.key == f"week Giulia Neri {session.week_start.isoformat()}"
    assert _framed(_view(qtbot, win), week)
    session.choose_week(session.week_start + timedelta(days=7))  # nothing planned there
    mine = session.map_data().focus
    assert mine is not None and mine.key == "rep Giulia Neri"
    qtbot.waitUntil(lambda: _framed(_view(qtbot, win), mine), timeout=5000)
