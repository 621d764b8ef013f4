"""The accounts dock: the filter bar above the ranked table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain import Account, Precision
from planner.ui.accounts_model import (
    DOUBTFUL,
    KEY_ROLE,
    PRIORITY_COLUMN,
    AccountFilter,
    AccountsModel,
    AccountsProxy,
)


class AccountsPanel(QWidget):
    selection_changed = Signal(list)  # account keys
    new_appointment = Signal(str)  # account key (right-click ▸ New appointment…)
    find_slot = Signal(str)  # account key (right-click ▸ Find a slot…)

    def __init__(self, model: AccountsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = AccountsProxy(self)
        self.proxy.setSourceModel(model)
        self.search = QLineEdit(placeholderText=self.tr("Filter: name, town, owner…"))
        self.search.setClearButtonEnabled(True)
        self.stage = QComboBox()
        self.precision = QComboBox()
        self.owner = QComboBox()
        self.outcome = QComboBox()
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.everyone = QCheckBox(self.tr("All reps"))
        self.everyone.setToolTip(
            self.tr("Show every rep's accounts, not only the selected rep's territory")
        )
        self._scope: frozenset[str] | None = None
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PRIORITY_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Name, City and Stage leave the Amount whole in the dock's default width: a
        # number cut at the edge ("39,10" of 39,100.00) reads as another number.
        for column, width in enumerate((150, 90, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._emit_selection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        # The search and two choices a row, so that each filter shows its whole choice
        # ("Tutti i responsabili") at the dock's default width.
        filters = QHBoxLayout()
        for widget in (self.search, self.overdue, self.everyone):
            filters.addWidget(widget)
        filters.setStretch(0, 1)
        choices = QGridLayout()
        for i, combo in enumerate((self.stage, self.precision, self.owner, self.outcome)):
            choices.addWidget(combo, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(filters)
        layout.addLayout(choices)
        layout.addWidget(self.table)
        self.search.textChanged.connect(self._apply_filter)
        for combo in (self.stage, self.precision, self.owner, self.outcome):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.overdue.toggled.connect(self._apply_filter)
        self.everyone.toggled.connect(self._apply_filter)
        model.modelReset.connect(self._refill_choices)

    def _refill_choices(self) -> None:
        accounts: list[Account] = self.model.accounts()
        self._fill(
            self.stage, self.tr("All stages"), sorted({a.stage for a in accounts if a.stage})
        )
        self._fill(self.precision, self.tr("Any pin"), [p.value for p in Precision])
        self.precision.addItem(self.tr("doubtful pins"), DOUBTFUL)
        self._fill(
            self.owner, self.tr("All owners"), sorted({a.owner for a in accounts if a.owner})
        )
        self._fill(self.outcome, self.tr("Any plan"), ["planned", "remote", "excluded"])

    @staticmethod
    def _fill(combo: QComboBox, everything: str, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def set_scope(self, keys: frozenset[str] | None) -> None:
        """The selected rep's own accounts, shown unless "All reps" is ticked."""
        self._scope = keys
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            AccountFilter(
                keys=None if self.everyone.isChecked() else self._scope,
                text=self.search.text().strip(),
                stage=self.stage.currentData() or "",
                precision=self.precision.currentData() or "",
                owner=self.owner.currentData() or "",
                overdue_only=self.overdue.isChecked(),
                outcome=self.outcome.currentData() or "",
            )
        )

    def selected_keys(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, KEY_ROLE) for index in rows]

    def _emit_selection(self) -> None:
        self.selection_changed.emit(self.selected_keys())

    def select_keys(self, keys: list[str]) -> None:
        """Select (and scroll to) these accounts without echoing the selection back."""
        selection = self.table.selectionModel()
        self.table.blockSignals(True)
        selection.blockSignals(True)
        selection.clearSelection()
        first = None
        for key in keys:
            row = self.model.row_of(key)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                flags = (
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                selection.select(index, flags)
                first = first or index
        selection.blockSignals(False)
        self.table.blockSignals(False)
        self.table.viewport().update()
        if first is not None:
            self.table.scrollTo(first)

    def _menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        keys = self.selected_keys()
        if not index.isValid() or not keys:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("New appointment…"), lambda: self.new_appointment.emit(keys[0]))
        menu.addAction(self.tr("Find a slot…"), lambda: self.find_slot.emit(keys[0]))
        menu.exec(self.table.viewport().mapToGlobal(pos))
