"""Table model over the domain account list, and the sort/filter proxy in front of it.

The model only adapts: each column is a pure function of an Account plus the planner's
figures for it (priority value, outcome) handed in by the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from planner.domain import Account, Precision
from planner.ui.formatting import QT_TRANSLATE_NOOP

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PlannerFigures:
    """What the planner says about one account; empty until a plan exists."""

    priority: float | None = None  # value of a visit this week, in the rep's currency
    outcome: str = ""  # planned | remote | excluded
    day: str = ""  # planned day, e.g. "Tue 09:40"


def days_overdue(account: Account, today: date) -> int | None:
    if account.cadence_days is None or account.last_visit is None:
        return None
    return (today - account.last_visit).days - account.cadence_days


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Account, PlannerFigures, date], Any]
    numeric: bool = False


def _money(value: Any) -> str:
    return "" if value is None else f"{float(value):,.0f}"


COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("AccountsModel", "Name"), lambda a, f, t: a.name.replace("\n", " ")),
    Column(QT_TRANSLATE_NOOP("AccountsModel", "City"), lambda a, f, t: a.address.city),
    Column(QT_TRANSLATE_NOOP("AccountsModel", "Stage"), lambda a, f, t: a.stage),
    Column(QT_TRANSLATE_NOOP("AccountsModel", "Amount"), lambda a, f, t: a.amount, numeric=True),
    Column(
        QT_TRANSLATE_NOOP("AccountsModel", "Prob."), lambda a, f, t: a.probability, numeric=True
    ),
    Column(
        QT_TRANSLATE_NOOP("AccountsModel", "Visit value"), lambda a, f, t: f.priority, numeric=True
    ),
    Column(QT_TRANSLATE_NOOP("AccountsModel", "Plan"), lambda a, f, t: f.day or f.outcome),
    Column(
        QT_TRANSLATE_NOOP("AccountsModel", "Overdue (d)"),
        lambda a, f, t: days_overdue(a, t),
        numeric=True,
    ),
    Column(QT_TRANSLATE_NOOP("AccountsModel", "Last visit"), lambda a, f, t: a.last_visit),
    Column(QT_TRANSLATE_NOOP("AccountsModel", "Pin"), lambda a, f, t: a.precision.value),
    Column(QT_TRANSLATE_NOOP("AccountsModel", "Owner"), lambda a, f, t: a.owner),
)
PRIORITY_COLUMN = 5


def _display(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.title == "Prob.":
        return f"{float(value):.0%}"
    if column.numeric and column.title != "Overdue (d)":
        return _money(value)
    return str(value)


class AccountsModel(QAbstractTableModel):
    def __init__(self, today: date | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._accounts: list[Account] = []
        self._figures: dict[str, PlannerFigures] = {}
        self._today = today or date.today()
        self._row_of: dict[str, int] = {}

    # data in ---------------------------------------------------------------------------
    def set_accounts(self, accounts: Sequence[Account]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self._row_of = {a.key: i for i, a in enumerate(self._accounts)}
        self.endResetModel()

    def set_figures(self, figures: dict[str, PlannerFigures]) -> None:
        self._figures = dict(figures)
        if self._accounts:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._accounts) - 1, len(COLUMNS) - 1)
            )

    def replace_account(self, account: Account) -> None:
        row = self._row_of.get(account.key)
        if row is None:
            return
        self._accounts[row] = account
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # data out --------------------------------------------------------------------------
    @property
    def today(self) -> date:
        return self._today

    def accounts(self) -> list[Account]:
        return list(self._accounts)

    def account_at(self, row: int) -> Account:
        return self._accounts[row]

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    def figures(self, key: str) -> PlannerFigures:
        return self._figures.get(key, PlannerFigures())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        account = self._accounts[index.row()]
        column = COLUMNS[index.column()]
        if role == KEY_ROLE:
            return account.key
        value = column.value(account, self.figures(account.key), self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(column, value)
        if role == SORT_ROLE:
            return _sort_key(column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(account, column, value)
        if role == Qt.ItemDataRole.ToolTipRole and column.title == "Pin":
            return account.geocode_note or account.geocode_source or None
        return None

    def _foreground(self, account: Account, column: Column, value: Any) -> QBrush | None:
        if column.title == "Overdue (d)" and value is not None and value > 0:
            return QBrush(QColor("#b3261e"))
        if column.title == "Pin" and (
            account.precision.is_coarse or account.precision is Precision.NONE
        ):
            return QBrush(QColor("#b26a00"))
        return None


def _sort_key(column: Column, value: Any) -> Any:
    if column.numeric:
        return float("-inf") if value is None else float(value)
    return "" if value is None else str(value).lower()


@dataclass
class AccountFilter:
    text: str = ""
    stage: str = ""
    precision: str = ""
    owner: str = ""
    overdue_only: bool = False
    outcome: str = ""


class AccountsProxy(QSortFilterProxyModel):
    """Sorting by the model's SORT_ROLE and filtering by stage, precision, owner, text..."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._filter = AccountFilter()
        self._haystack: list[str] = []

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        model.modelReset.connect(self._index_text)
        self._index_text()

    def _index_text(self) -> None:
        model = self.sourceModel()
        accounts: list[Account] = model.accounts() if isinstance(model, AccountsModel) else []
        self._haystack = [
            " ".join((a.name, a.address.one_line(), a.owner, a.account_id, a.stage)).lower()
            for a in accounts
        ]

    def set_filter(self, account_filter: AccountFilter) -> None:
        self.beginFilterChange()
        self._filter = account_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def current_filter(self) -> AccountFilter:
        return self._filter

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        f = self._filter
        model: AccountsModel = self.sourceModel()  # type: ignore[assignment]
        account = model.account_at(source_row)
        if f.text and f.text.lower() not in self._haystack[source_row]:
            return False
        if f.stage and account.stage != f.stage:
            return False
        if f.precision and account.precision.value != f.precision:
            return False
        if f.owner and account.owner != f.owner:
            return False
        if f.outcome and model.figures(account.key).outcome != f.outcome:
            return False
        if f.overdue_only:
            overdue = days_overdue(account, model.today)
            return overdue is not None and overdue > 0
        return True
