"""The accounts to serve remotely (phone/video) this week, with the reason in money."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
NAME_WIDTH = 110  # px; names wrap too, the reason takes the rest of the dock


class RemoteView(QTableWidget):
    account_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Account"), self.tr("Value"), self.tr("Why remote")]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Reasons wrap onto as many lines as they need: readable at the dock's width.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            value = QTableWidgetItem(ui_formats().money(decision.value, whole=True))
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.setItem(row, 1, value)
            text = translate_reason(decision.reason, ui_locale())
            reason = QTableWidgetItem(text)
            reason.setToolTip(text)
            self.setItem(row, 2, reason)
        self.setColumnWidth(0, NAME_WIDTH)

    def _selected(self) -> None:
        items = self.selectedItems()
        if items:
            first = self.item(items[0].row(), 0)
            if first is not None:
                self.account_selected.emit(first.data(KEY_COLUMN_ROLE))
