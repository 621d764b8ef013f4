"""Manager mode: balance territories, read each rep's metrics, move accounts by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.ui.formatting import QT_TRANSLATE_NOOP, ui_formats

if TYPE_CHECKING:
    from planner.services.assign_territories import TerritoryResult

COLUMNS = (
    QT_TRANSLATE_NOOP("TerritoriesPanel", "Rep"),
    QT_TRANSLATE_NOOP("TerritoriesPanel", "Accounts"),
    QT_TRANSLATE_NOOP("TerritoriesPanel", "Value"),
    QT_TRANSLATE_NOOP("TerritoriesPanel", "Workload h"),
    QT_TRANSLATE_NOOP("TerritoriesPanel", "Capacity h"),
    QT_TRANSLATE_NOOP("TerritoriesPanel", "Travel km/wk"),
    QT_TRANSLATE_NOOP("TerritoriesPanel", "Spread km"),
)


NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The balance modes of planner.optimise.territories.Balance, by value.
BALANCE_LABELS = {
    "workload": QT_TRANSLATE_NOOP("TerritoriesPanel", "workload"),
    "value": QT_TRANSLATE_NOOP("TerritoriesPanel", "value"),
    "both": QT_TRANSLATE_NOOP("TerritoriesPanel", "workload and value"),
}


class TerritoriesPanel(QWidget):
    balance_requested = Signal(str, float)  # balance mode, tolerance (fraction)
    assign_requested = Signal(str)  # rep name for the selected accounts

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        for mode, label in BALANCE_LABELS.items():
            self.mode.addItem(self.tr(label), mode)
        self.tolerance = QDoubleSpinBox(minimum=1, maximum=50, value=5, suffix=" %", decimals=1)
        self.balance_button = QPushButton(self.tr("Balance territories"))
        self.balance_button.clicked.connect(
            lambda: self.balance_requested.emit(
                self.mode.currentData(), self.tolerance.value() / 100
            )
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.target = QComboBox()
        assign = QPushButton(self.tr("Give selected accounts to"))
        assign.clicked.connect(lambda: self.assign_requested.emit(self.target.currentText()))
        controls = QHBoxLayout()
        for widget in (QLabel(self.tr("Balance")), self.mode, self.tolerance, self.balance_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        edit = QHBoxLayout()
        edit.addWidget(assign)
        edit.addWidget(self.target, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(edit)

    def show_result(
        self, result: TerritoryResult | None, rep_names: list[str], problem: str = ""
    ) -> None:
        self.target.clear()
        self.target.addItems(rep_names)
        rows = result.metrics.territories if result else ()
        currency = result.currency if result else ""
        self.table.setRowCount(len(rows))
        f = ui_formats()
        n = f.number
        for r, t in enumerate(rows):
            values = (
                t.rep_name, n(t.accounts), f.amount(t.value, currency, whole=True),
                n(t.workload_hours, 1), n(t.capacity_hours), n(t.travel_km_estimate),
                n(t.compactness_km, 1),
            )  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:  # figures line up on their units
                    item.setTextAlignment(NUMBER_ALIGNMENT)
                self.table.setItem(r, c, item)
        self.summary.setText(problem or self._summary(result))

    def _summary(self, result: TerritoryResult | None) -> str:
        if result is None:
            return self.tr("No territories yet: balance them, or give accounts to reps by hand.")
        m = result.metrics
        text = self.tr("Workload spread ±%.1f %% · value spread ±%.1f %% · %d unassigned") % (
            m.workload_spread * 100,
            m.value_spread * 100,
            m.unassigned,
        )
        if result.comparison is not None:
            text += " · " + self.tr("%d accounts change hands") % result.comparison.changed_hands
        if result.notes:
            text += "\n" + "\n".join(result.notes)
        return text
