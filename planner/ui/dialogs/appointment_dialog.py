"""New appointment at an account: when, how long, and how fixed it is."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain.calendar import AppointmentKind
from planner.ui.dialogs.buttons import ok_cancel_buttons


class AppointmentDialog(QDialog):
    def __init__(self, account_name: str, start: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New appointment"))
        self.when = QDateTimeEdit(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        )
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd dd MMM yyyy HH:mm")
        self.minutes = QSpinBox(minimum=5, maximum=720, value=60, singleStep=15)
        self.minutes.setSuffix(self.tr(" min"))
        self.kind = QComboBox()
        labels = {
            AppointmentKind.FIXED: self.tr("Fixed: this day and time"),
            AppointmentKind.DAY: self.tr("Flexible on the day"),
            AppointmentKind.WEEK: self.tr("Flexible in the week"),
        }
        for kind, label in labels.items():
            self.kind.addItem(label, kind.value)
        self.title = QLineEdit(account_name)
        form = QFormLayout()
        form.addRow(self.tr("Account"), QLabel(account_name))
        form.addRow(self.tr("When"), self.when)
        form.addRow(self.tr("Length"), self.minutes)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Title"), self.title)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def start(self) -> datetime:
        """The chosen local date and time (naive: the rep's zone is applied by the service)."""
        value = self.when.dateTime()
        d, t = value.date(), value.time()
        return datetime.combine(
            datetime(d.year(), d.month(), d.day()).date(), time(t.hour(), t.minute())
        )

    def appointment_kind(self) -> AppointmentKind:
        return AppointmentKind(self.kind.currentData())
