"""Plan the week: which week, how many days, how long the optimiser may think."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.ui.dialogs.buttons import ok_cancel_buttons


class PlanDialog(QDialog):
    def __init__(self, week_start: date, has_plan: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan the week"))
        self.week = QDateEdit(QDate(week_start.year, week_start.month, week_start.day))
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("ddd dd MMM yyyy")
        self.days = QSpinBox(minimum=1, maximum=7, value=5)
        self.time_limit = QDoubleSpinBox(
            minimum=0.5, maximum=600, value=10, suffix=" s", decimals=1
        )
        self.overnight = QCheckBox(self.tr("Consider hotel nights"))
        self.overnight.setChecked(True)
        self.keep = QCheckBox(self.tr("Keep visits on their days (re-plan only what changed)"))
        self.keep.setChecked(has_plan)
        self.keep.setEnabled(has_plan)
        form = QFormLayout()
        form.addRow(self.tr("Week starting"), self.week)
        form.addRow(self.tr("Working days"), self.days)
        form.addRow(self.tr("Optimiser time"), self.time_limit)
        form.addRow(self.overnight)
        form.addRow(self.keep)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def week_start(self) -> date:
        chosen: date = self.week.date().toPython()  # type: ignore[assignment]
        return chosen - timedelta(days=chosen.weekday())  # weeks start on Monday
