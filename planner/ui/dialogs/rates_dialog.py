"""Exchange rates: the workspace's table of currency rates, viewed and edited.

The same rates as `territory-planner settings rates USD=0.92 GBP=1.17 [--base EUR]`, kept
in the workspace (`planner.services.currencies`): each the value of one unit in the base
currency. Plans convert accounts in another currency than the rep's at these rates.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain import DomainError
from planner.services.currencies import Rates, parse_rates
from planner.ui.dialogs.buttons import ok_cancel_buttons
from planner.ui.formatting import ui_formats

_CODE = QRegularExpression("[A-Za-z]{0,3}")
_RATE = QRegularExpression(r"\d{0,9}([.,]\d{0,9})?")


class _Validated(QStyledItemDelegate):
    """Cells edited through a line edit that only takes what the column can hold."""

    def __init__(self, pattern: QRegularExpression, parent: QWidget) -> None:
        super().__init__(parent)
        self.pattern = pattern

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(self.pattern, editor))
        return editor


class RatesDialog(QDialog):
    def __init__(
        self,
        rates: Rates,
        in_use: Mapping[str, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``in_use``: how many accounts each currency has; those without a rate get an
        empty row to fill in."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exchange rates"))
        self._in_use = dict(in_use or {})
        self.base = QLineEdit(rates.base)
        self.base.setValidator(QRegularExpressionValidator(_CODE, self.base))
        self.base.setMaximumWidth(80)
        self.base.editingFinished.connect(self._rebase)
        self._shown_base = rates.base
        self.table = QTableWidget(0, 3)
        self.table.setItemDelegateForColumn(0, _Validated(_CODE, self.table))
        self.table.setItemDelegateForColumn(1, _Validated(_RATE, self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self._fill(rates)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Base currency"), self.base)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addLayout(self._row_buttons())
        layout.addWidget(self._hint())
        layout.addWidget(self.error)
        buttons = ok_cancel_buttons(self)
        buttons.accepted.disconnect()
        buttons.accepted.connect(self._accept_if_valid)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def _row_buttons(self) -> QHBoxLayout:
        add = QPushButton(self.tr("Add currency"))
        add.clicked.connect(lambda: self._add_row("", ""))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        return row

    def _hint(self) -> QLabel:
        hint = QLabel(
            self.tr(
                "Plans value every account in the rep's currency. Accounts in another "
                "currency are converted at these rates, each the value of one unit in "
                "the base currency (e.g. 1 USD = 0.92 EUR). A currency left without a "
                "rate cannot be mixed with others."
            )
        )
        hint.setWordWrap(True)
        return hint

    def _fill(self, rates: Rates) -> None:
        self.table.setRowCount(0)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Currency"),
                self.tr("Value of 1 unit in %s") % rates.base,
                self.tr("Accounts"),
            ]
        )
        for code, rate in sorted(rates.per_unit.items()):
            # In the window's number format (1,17 in Italian); either mark is read back.
            self._add_row(code, f"{rate:f}".replace(".", ui_formats().decimal_symbol))
        for code in sorted(set(self._in_use) - set(rates.per_unit) - {rates.base}):
            self._add_row(code, "")  # accounts in it, no rate yet: a row to fill in

    def _add_row(self, code: str, rate: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        code_item = QTableWidgetItem(code)
        self.table.setItem(row, 0, code_item)
        self.table.setItem(row, 1, QTableWidgetItem(rate))
        count = QTableWidgetItem(str(self._in_use.get(code, 0)) if code else "")
        count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 2, count)
        if not code:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(code_item)

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _cells(self, row: int) -> tuple[str, str]:
        code, rate = (self.table.item(row, c) for c in (0, 1))
        return (
            code.text().strip().upper() if code else "",
            rate.text().strip() if rate else "",
        )

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _pairs(self, base: str) -> list[str]:
        """``CODE=RATE`` of every filled row; a row without a rate means no rate. Raises
        ValueError with a translated message naming the first bad row."""
        seen, pairs = set(), []
        for row in range(self.table.rowCount()):
            code, rate = self._cells(row)
            if not code and not rate:
                continue
            if len(code) != 3:
                raise ValueError(
                    self.tr("Row %d: a currency is a three-letter code, e.g. USD") % (row + 1)
                )
            if code == base:
                raise ValueError(self.tr("%s is the base currency: its rate is always 1") % code)
            if code in seen:
                raise ValueError(self.tr("%s appears twice") % code)
            seen.add(code)
            if not rate:
                continue
            if not _positive(rate):
                raise ValueError(self.tr("The rate of %s must be more than 0") % code)
            pairs.append(f"{code}={rate}")
        return pairs

    def _edited(self) -> Rates:
        base = self.base.text().strip().upper()
        if len(base) != 3:
            raise ValueError(self.tr("The base currency is a three-letter code, e.g. EUR"))
        try:
            return Rates(base, parse_rates(self._pairs(base), base))
        except DomainError as exc:  # the service's own check, should the dialog's miss
            raise ValueError(str(exc)) from None

    def _rebase(self) -> None:
        """A new base currency: the rates are converted to it, when it has a rate."""
        base = self.base.text().strip().upper()
        if base == self._shown_base or len(base) != 3:
            return
        try:
            shown = Rates(
                self._shown_base, parse_rates(self._pairs(self._shown_base), self._shown_base)
            )
        except ValueError as exc:  # a bad row (DomainError is a ValueError too)
            self._undo_base(str(exc))
            return
        if base not in shown.per_unit:
            message = self.tr(
                "%(new)s has no rate: give it its value in %(old)s first, then make it the "
                "base currency"
            )
            self._undo_base(message % {"new": base, "old": self._shown_base})
            return
        rebased = shown.rebased(base)
        self._shown_base = base
        self.base.setText(base)
        self._fill(rebased)
        self._show_error("")

    def _undo_base(self, message: str) -> None:
        self.base.setText(self._shown_base)
        self._show_error(message)

    def _accept_if_valid(self) -> None:
        self._rebase()
        try:
            self._edited()
        except ValueError as exc:
            self._show_error(str(exc))
            return
        self.accept()

    def rates(self) -> Rates:
        """The rates as edited (call after the dialog was accepted)."""
        return self._edited()


def _positive(rate: str) -> bool:
    try:
        return Decimal(rate.replace(",", ".")) > 0
    except InvalidOperation:  # "." alone
        return False
