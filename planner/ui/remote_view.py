"""The accounts to serve remotely this week, grouped by channel (video, phone), each with
what the call is worth and the true reason it is not a visit, in money."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from planner.domain import Decision
from planner.domain.reasons import translate_reason
from planner.services.valuation import PHONE, VIDEO
from planner.ui.formatting import ui_formats, ui_locale

KEY_COLUMN_ROLE = 0x0100 + 1
NAME_WIDTH = 110  # px; names wrap too, the reason takes the rest of the dock
REMOTE_SEPARATOR = "; not in person: "  # "{worth}; not in person: {why}" (the explanation)


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
        self._shown: tuple[Decision, ...] | None = None
        self._stale = False  # the list shows older decisions than `_shown`

    def show_decisions(self, decisions: tuple[Decision, ...]) -> None:
        """Grouped by channel — video calls, then phone calls — the most valuable first."""
        if decisions == self._shown:
            return  # e.g. an edit that changed no reason: nothing to redraw
        self._shown = decisions
        # Laying out a hundred wrapped reasons is the costly part: behind another tab
        # (the inspector's, by default) the list is drawn when its tab is shown.
        self._stale = self.window().isVisible() and not self.isVisible()
        if not self._stale:
            self._draw(decisions)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self._shown is not None:
            self._stale = False
            self._draw(self._shown)

    def _draw(self, decisions: tuple[Decision, ...]) -> None:
        # Sizing to contents while filling re-measures every row for every cell (a
        # hundred rows: seconds); the sizes are worked out once, after the fill.
        rows, values = self.verticalHeader(), self.horizontalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        values.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        try:
            self._fill(decisions)
        finally:
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            values.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def _fill(self, decisions: tuple[Decision, ...]) -> None:
        groups = [
            (self.tr("Video calls (%s)"), [d for d in decisions if d.channel == VIDEO]),
            (self.tr("Phone calls (%s)"), [d for d in decisions if d.channel == PHONE]),
            (self.tr("Remote (%s)"), [d for d in decisions if d.channel not in (VIDEO, PHONE)]),
        ]
        groups = [(title, items) for title, items in groups if items]
        self.clearSpans()
        self.setRowCount(len(decisions) + len(groups))
        row = 0
        for title, items in groups:
            self._group_row(row, title % len(items))
            row += 1
            for decision in sorted(items, key=lambda d: -d.value.cents):
                self._decision_row(row, decision)
                row += 1
        self.setColumnWidth(0, NAME_WIDTH)

    def _group_row(self, row: int, title: str) -> None:
        item = QTableWidgetItem(title)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.setItem(row, 0, item)
        for column in (1, 2):
            self.setItem(row, column, QTableWidgetItem(""))
        self.setSpan(row, 0, 1, 3)

    def _decision_row(self, row: int, decision: Decision) -> None:
        name = QTableWidgetItem(decision.name.replace("\n", " "))
        name.setData(KEY_COLUMN_ROLE, decision.account_key)
        self.setItem(row, 0, name)
        value = QTableWidgetItem(ui_formats().money(decision.value, whole=True))
        value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.setItem(row, 1, value)
        # The column says why it is not a visit; what the call is worth (the group says
        # which call) is in the tooltips with the whole explanation.
        worth, _, why = decision.reason.partition(REMOTE_SEPARATOR)
        text = translate_reason(decision.reason, ui_locale())
        reason = QTableWidgetItem(translate_reason(why, ui_locale()) if why else text)
        reason.setToolTip(text)
        value.setToolTip(translate_reason(worth, ui_locale()) if why else text)
        self.setItem(row, 2, reason)

    def _selected(self) -> None:
        items = self.selectedItems()
        if items:
            first = self.item(items[0].row(), 0)
            key = first.data(KEY_COLUMN_ROLE) if first is not None else None
            if key:  # a group's title row has no account
                self.account_selected.emit(key)
