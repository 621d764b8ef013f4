"""The status bar's permanent line: how many accounts, how many on the map, how many on
rough pins, and the week's plan in one sentence (visits, distance, value, cost).

The texts keep the main window's translation context, where the catalogue has them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from planner.domain.formats import Formats
from planner.domain.pins import shared_pins
from planner.ui.formatting import translate
from planner.ui.session import Session


class StatusLine(QLabel):
    def show_state(self, session: Session, units: Formats, shown: int) -> None:
        """`shown`: the rows the accounts table shows after its filter."""
        accounts = session.accounts
        located = sum(1 for a in accounts if a.location is not None)
        text = translate("MainWindow", "%d accounts (%d shown) · %d on the map") % (
            len(accounts),
            shown,
            located,
        )
        coarse = sum(1 for a in accounts if a.precision.is_coarse)
        crowded = sum(len(pin.names) for pin in shared_pins(accounts))
        if coarse or crowded:
            text += " · " + translate(
                "MainWindow", "%d town/postcode pins, %d accounts share a pin"
            ) % (coarse, crowded)
        plan = session.plan
        if plan is not None and plan.days:
            text += " · " + translate(
                "MainWindow", "week of %s: %d visits, %s, value %s, cost %s"
            ) % (
                units.day(plan.week_start),
                len(plan.visits()),
                units.distance(plan.distance_m),
                units.money(plan.value),
                units.money(plan.cost),
            )
        self.setText(text)
