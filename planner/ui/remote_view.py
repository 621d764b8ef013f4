"""The accounts to serve remotely (phone/video) this week, with the reason in money."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from planner.domain import Decision
from planner.domain.reasons import translate_reason
from planner.ui.formatting import ui_formats, ui_locale

KEY_COLUMN_ROLE = 0x0100 + 1


class RemoteView(QTableWidget):
    account_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Account"), self.tr("Value"), self.tr("Why remote")]
        )
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.itemSelectionChanged.connect(self._selected)

    def show_decisions(self, decisions: tuple[Decision, ...]) -> None:
        self.setRowCount(len(decisions))
        for row, decision in enumerate(decisions):
            name = QTableWidgetItem(decision.name.replace("\n", " "))
            name.setData(KEY_COLUMN_ROLE, decision.account_key)
            self.setItem(row, 0, name)
            self.setItem(row, 1, QTableWidgetItem(ui_formats().money(decision.value)))
            text = translate_reason(decision.reason, ui_locale())
            reason = QTableWidgetItem(text)
            reason.setToolTip(text)
            self.setItem(row, 2, reason)
        self.resizeColumnToContents(0)

    def _selected(self) -> None:
        items = self.selectedItems()
        if items:
            first = self.item(items[0].row(), 0)
            if first is not None:
                self.account_selected.emit(first.data(KEY_COLUMN_ROLE))
