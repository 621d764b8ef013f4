"""Manager's team view: each rep's week side by side (visits, km, cost, value, utilisation)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.formats import Formats
from planner.ui.formatting import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from planner.services.team_view import RepWeek

COLUMNS = (
    QT_TRANSLATE_NOOP("TeamView", "Rep"),
    QT_TRANSLATE_NOOP("TeamView", "Visits"),
    QT_TRANSLATE_NOOP("TeamView", "Remote"),
    QT_TRANSLATE_NOOP("TeamView", "Distance"),
    QT_TRANSLATE_NOOP("TeamView", "Driving"),
    QT_TRANSLATE_NOOP("TeamView", "Cost"),
    QT_TRANSLATE_NOOP("TeamView", "Value"),
    QT_TRANSLATE_NOOP("TeamView", "Net"),
    QT_TRANSLATE_NOOP("TeamView", "Utilisation"),
    QT_TRANSLATE_NOOP("TeamView", "Nights away"),
)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TeamView(QWidget):
    week_changed = Signal(object)  # the Monday (datetime.date) to show
    plan_team_requested = Signal(object)  # the Monday to plan every rep's week for

    def __init__(self, units: Formats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = units
        self.week = QDateEdit()
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("ddd d MMM yyyy")
        self.week.dateChanged.connect(lambda _d: self.week_changed.emit(self.week_start()))
        self.plan_button = QPushButton(self.tr("Plan the whole team"))
        self.plan_button.clicked.connect(lambda: self.plan_team_requested.emit(self.week_start()))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        utilisation = COLUMNS.index("Utilisation")
        header.setSectionResizeMode(utilisation, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(utilisation, 160)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.summary = QLabel()
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Week of")))
        controls.addWidget(self.week)
        controls.addWidget(self.plan_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def week_start(self) -> date:
        d = self.week.date()
        day = date(d.year(), d.month(), d.day())
        return day - timedelta(days=day.weekday())

    def set_week(self, monday: date) -> None:
        self.week.blockSignals(True)
        self.week.setDate(QDate(monday.year, monday.month, monday.day))
        self.week.blockSignals(False)

    def show_team(self, weeks: list[RepWeek]) -> None:
        self.table.setRowCount(len(weeks))
        for row, week in enumerate(weeks):
            for column, text in enumerate(self._cells(week)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(row, column, item)
            self.table.setCellWidget(row, COLUMNS.index("Utilisation"), self._bar(week))
        self.summary.setText(self._summary(weeks))

    def _cells(self, week: RepWeek) -> list[str]:
        if not week.planned:
            return [week.rep, *[""] * (len(COLUMNS) - 1)]
        u = self.units
        money = [u.money(m) if m is not None else "" for m in (week.cost, week.value, week.net)]
        return [week.rep, str(week.visits), str(week.remote), u.distance(week.distance_m),
                u.duration(week.driving_s), *money, "", str(week.nights_away)]  # fmt: skip

    def _bar(self, week: RepWeek) -> QWidget:
        if not week.planned:
            label = QLabel(self.tr("not planned"))
            label.setEnabled(False)
            return label
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setValue(min(100, round(week.utilisation * 100)))
        bar.setFormat(self.units.percent(week.utilisation))
        return bar

    def _summary(self, weeks: list[RepWeek]) -> str:
        planned = [w for w in weeks if w.planned]
        if not weeks:
            return self.tr("No reps in this workspace.")
        if not planned:
            return self.tr("No plans for this week yet: plan the whole team.")
        visits = sum(w.visits for w in planned)
        km = self.units.distance(sum(w.distance_m for w in planned))
        mean = sum(w.utilisation for w in planned) / len(planned)
        return self.tr("%d of %d reps planned · %d visits · %s · mean utilisation %d %%") % (
            len(planned), len(weeks), visits, km, round(mean * 100),
        )  # fmt: skip
