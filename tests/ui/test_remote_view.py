"""The remote list: the column says why an account is not visited, in a few lines."""

from __future__ import annotations

from planner.domain import Decision
from planner.domain.units import Money
from planner.ui.remote_view import RemoteView

WORTH = "video call worth €774.32 (60% of €1,290.54 in person)"
WHY = "day capacity: day full on Mon, Wed, Thu, Fri; it would have netted €1,288.89"


def test_the_reason_column_shows_why_and_the_tooltips_the_rest(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = RemoteView()
    qtbot.addWidget(view)
    decision = Decision("k1", "A1", "Ferramenta Bruno", "remote", f"{WORTH}; not in person: {WHY}",
                        Money(129054, "EUR"), Money(165, "EUR"), "video")  # fmt: skip
    view.show_decisions((decision,))
    assert view.item(0, 0).text().startswith("Video calls (1)")
    reason = view.item(1, 2)
    assert reason.text() == WHY
    assert WORTH in reason.toolTip() and WHY in reason.toolTip()
    assert view.item(1, 1).toolTip() == WORTH


def test_behind_another_tab_the_list_is_drawn_when_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    """In the window the remote list shares a tab with the inspector: while hidden it
    keeps the decisions and draws them when its tab comes up."""
    from PySide6.QtWidgets import QTabWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    view = RemoteView()
    tabs.addTab(QTabWidget(), "inspector")
    tabs.addTab(view, "remote")
    tabs.show()
    decision = Decision("k1", "A1", "Ferramenta Bruno", "remote", f"{WORTH}; not in person: {WHY}",
                        Money(129054, "EUR"), Money(165, "EUR"), "video")  # fmt: skip
    view.show_decisions((decision,))
    assert view.rowCount() == 0  # not drawn yet: its tab is not shown
    tabs.setCurrentWidget(view)
    assert view.item(1, 2).text() == WHY
