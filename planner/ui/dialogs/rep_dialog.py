"""The rep profile and cost settings: home base, hours, limits and costs."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from decimal import Decimal
from zoneinfo import available_timezones

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.domain import DomainError, GeoPoint, Rep
from planner.ui.dialogs.buttons import ok_cancel_buttons
from planner.ui.formatting import QT_TRANSLATE_NOOP

DAY_NAMES = (
    QT_TRANSLATE_NOOP("RepDialog", "Mon"),
    QT_TRANSLATE_NOOP("RepDialog", "Tue"),
    QT_TRANSLATE_NOOP("RepDialog", "Wed"),
    QT_TRANSLATE_NOOP("RepDialog", "Thu"),
    QT_TRANSLATE_NOOP("RepDialog", "Fri"),
    QT_TRANSLATE_NOOP("RepDialog", "Sat"),
    QT_TRANSLATE_NOOP("RepDialog", "Sun"),
)


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    return edit


def _py_time(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


def _money_box(value: Decimal, maximum: float = 10000) -> QDoubleSpinBox:
    box = QDoubleSpinBox(decimals=2, maximum=maximum)
    box.setValue(float(value))
    return box


class RepDialog(QDialog):
    def __init__(self, rep: Rep, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rep profile and costs"))
        self._rep = rep
        self.name = QLineEdit(rep.name)
        self.address = QLineEdit(rep.home_address)
        self.lat = QDoubleSpinBox(decimals=6, minimum=-90, maximum=90)
        self.lon = QDoubleSpinBox(decimals=6, minimum=-180, maximum=180)
        if rep.home is not None:
            self.lat.setValue(rep.home.lat)
            self.lon.setValue(rep.home.lon)
        self.days = [QCheckBox(self.tr(name)) for name in DAY_NAMES]
        for index, box in enumerate(self.days):
            box.setChecked(index in rep.work_days)
        self.start, self.end = _time_edit(rep.work_start), _time_edit(rep.work_end)
        self.lunch_from, self.lunch_to = _time_edit(rep.lunch_start), _time_edit(rep.lunch_end)
        self.lunch = QSpinBox(maximum=180, suffix=" min", value=rep.lunch_minutes)
        self.driving = QSpinBox(
            minimum=15, maximum=14 * 60, suffix=" min", value=rep.max_driving_minutes
        )
        self.per_km = _money_box(rep.cost_per_km, 100)
        self.per_hour = _money_box(rep.cost_per_hour, 1000)
        self.hotel = _money_box(rep.hotel_per_night)
        self.meals = _money_box(rep.meal_allowance)
        self.currency = QLineEdit(rep.currency)
        self.currency.setMaxLength(3)
        self.timezone = QComboBox(editable=True)
        self.timezone.addItems(sorted(available_timezones()))
        self.timezone.setCurrentText(rep.timezone)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Home address"), self.address)
        home = QHBoxLayout()
        home.addWidget(self.lat)
        home.addWidget(self.lon)
        form.addRow(self.tr("Home (lat, lon)"), home)
        days = QHBoxLayout()
        for box in self.days:
            days.addWidget(box)
        form.addRow(self.tr("Working days"), days)
        form.addRow(self.tr("Working hours"), self._pair(self.start, self.end))
        form.addRow(self.tr("Lunch window"), self._pair(self.lunch_from, self.lunch_to))
        form.addRow(self.tr("Lunch break"), self.lunch)
        form.addRow(self.tr("Max driving per day"), self.driving)
        form.addRow(self.tr("Cost per km"), self.per_km)
        form.addRow(self.tr("Cost per hour"), self.per_hour)
        form.addRow(self.tr("Hotel per night"), self.hotel)
        form.addRow(self.tr("Meal allowance per night"), self.meals)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Time zone"), self.timezone)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @staticmethod
    def _pair(a: QWidget, b: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(a)
        row.addWidget(QLabel("–"))
        row.addWidget(b)
        return row

    def rep(self) -> Rep:
        """The edited rep; raises DomainError with a readable message when invalid."""
        home = (
            GeoPoint(self.lat.value(), self.lon.value())
            if (self.lat.value() or self.lon.value())
            else None
        )
        return replace(
            self._rep,
            name=self.name.text().strip(),
            home_address=self.address.text().strip(),
            home=home,
            work_days=tuple(i for i, box in enumerate(self.days) if box.isChecked()),
            work_start=_py_time(self.start),
            work_end=_py_time(self.end),
            lunch_start=_py_time(self.lunch_from),
            lunch_end=_py_time(self.lunch_to),
            lunch_minutes=self.lunch.value(),
            max_driving_minutes=self.driving.value(),
            cost_per_km=Decimal(str(round(self.per_km.value(), 2))),
            cost_per_hour=Decimal(str(round(self.per_hour.value(), 2))),
            hotel_per_night=Decimal(str(round(self.hotel.value(), 2))),
            meal_allowance=Decimal(str(round(self.meals.value(), 2))),
            currency=self.currency.text().strip().upper(),
            timezone=self.timezone.currentText().strip(),
        )

    def accept(self) -> None:
        try:
            self.rep()
        except DomainError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
