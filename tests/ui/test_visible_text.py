"""Issue 20, *Why* "Minor": a bidi override in a CRM name is shown on screen, not obeyed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from planner.domain import Account
from planner.ui.accounts_model import AccountsModel


def test_minor_bidi_override_in_the_accounts_table_is_shown_not_obeyed(qtbot: object) -> None:
    model = AccountsModel(today=date(2026, 3, 2))
    model.set_accounts([Account("Invoice\u202egnp.exe"), Account("Ca\u200bffè")])
    names = [model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole) for row in range(2)]
    assert names == ["Invoice[U+202E]gnp.exe", "Caffè"]
