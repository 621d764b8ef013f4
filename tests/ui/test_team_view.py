"""The team view and the team workspace dialog."""

from __future__ import annotations

from datetime import date

from planner.domain import Money
from planner.domain.formats import Formats
from planner.services.team_view import RepWeek
from planner.ui.team_view import COLUMNS, TeamView
from planner.ui.team_workflows import TeamWorkspaceDialog


def test_team_view_shows_each_reps_week_side_by_side(qtbot) -> None:  # type: ignore[no-untyped-def]
    formats = Formats("en_GB")
    view = TeamView(formats)
    qtbot.addWidget(view)
    view.set_week(date(2026, 12, 9))
    assert view.week_start() == date(2026, 12, 7)  # any day picks its week's Monday
    view.show_team([
        RepWeek("Anna", True, 12, 3, 250_000, 14_400, Money(9000), Money(400000), 0.82, 1),
        RepWeek("Bruno", False),
    ])  # fmt: skip
    cells = [view.table.item(0, c).text() for c in range(len(COLUMNS))]
    assert cells[:5] == ["Anna", "12", "3", formats.distance(250_000), formats.duration(14_400)]
    assert cells[7] == formats.money(Money(400000) - Money(9000))
    assert view.table.cellWidget(0, COLUMNS.index("Utilisation")).text() == formats.percent(0.82)
    assert view.table.cellWidget(1, COLUMNS.index("Utilisation")).text() == "not planned"
    assert view.summary.text().startswith(
        f"1 of 2 reps planned · 12 visits · {formats.distance(250_000)}"
    )
    with qtbot.waitSignal(view.plan_team_requested) as requested:
        view.plan_button.click()
    assert requested.args == [date(2026, 12, 7)]


def test_team_workspace_dialog_puts_a_typed_password_in_the_url(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TeamWorkspaceDialog("postgresql://anna@db.example:5432/sales")
    qtbot.addWidget(dialog)
    assert dialog.target() == "postgresql://anna@db.example:5432/sales"
    dialog.password.setText("p@ss:w/rd")
    assert dialog.target() == "postgresql://anna:p%40ss%3Aw%2Frd@db.example:5432/sales"
