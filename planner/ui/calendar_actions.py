"""Calendar actions on an account (the table's right-click menu): a new appointment the
next plan of the week keeps, and the best free slots this week or next with their price.

The texts keep the main window's translation context, where the catalogue has them.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.domain.errors import DomainError
from planner.services.calendar_week import AppointmentRequest, add_appointment
from planner.services.find_slot import describe_slot, find_slots
from planner.ui.dialogs.appointment_dialog import AppointmentDialog
from planner.ui.formatting import translate
from planner.ui.session import Session


class CalendarActions(QObject):
    message = Signal(str, int)  # a status line and how long to show it (ms)
    appointment_added = Signal()

    def __init__(self, session: Session, host: QWidget) -> None:
        super().__init__(host)
        self.session, self.host = session, host

    def new_appointment(self, key: str) -> None:
        """Right-click ▸ New appointment…: kept by the next plan of that week."""
        account, rep = self.session.account(key), self.session.rep
        if account is None or rep is None:
            return
        start = datetime.combine(self.session.week_start, time(10))
        dialog = AppointmentDialog(account.name, start, self.host)
        if dialog.exec() != AppointmentDialog.DialogCode.Accepted:
            return
        request = AppointmentRequest(
            rep.name, dialog.start(), dialog.minutes.value(), dialog.appointment_kind(),
            account_id=key, title=dialog.title.text().strip(),
        )  # fmt: skip
        try:
            add_appointment(self.session.workspace, request)
        except DomainError as exc:
            title = translate("MainWindow", "New appointment")
            QMessageBox.warning(self.host, title, str(exc))
            return
        self.message.emit(
            translate("MainWindow", "Appointment added: plan the week again to fit it in"),
            8000,
        )
        self.appointment_added.emit()

    def find_slot(self, key: str) -> None:
        """Right-click ▸ Find a slot…: the best times this week or next, and their price."""
        rep = self.session.rep
        if rep is None:
            return
        title = translate("MainWindow", "Find a slot")
        try:
            slots = find_slots(self.session.workspace, rep.name, key, self.session.week_start)
        except DomainError as exc:
            QMessageBox.warning(self.host, title, str(exc))
            return
        lines = [f"{s.arrival:%a %d %b %H:%M}: {describe_slot(s)}" for s in slots]
        text = "\n".join(lines) or translate("MainWindow", "No slot fits this week or next.")
        QMessageBox.information(self.host, title, text)
