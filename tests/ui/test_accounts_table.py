"""The accounts table's cells: money in each account's own currency, notes translated."""

from __future__ import annotations

from dataclasses import replace

from planner.ui.accounts_model import COLUMNS, AccountsModel
from tests.ui.conftest import make_accounts


def test_amounts_show_the_accounts_own_currency(qtbot) -> None:  # type: ignore[no-untyped-def]
    euro, dollar = make_accounts(2)
    dollar = replace(dollar, currency="USD")
    model = AccountsModel()
    model.set_accounts([euro, dollar])
    amount = [c.title for c in COLUMNS].index("Amount")
    texts = [model.index(row, amount).data() for row in range(2)]
    assert texts[0].startswith("€") and "$" in texts[1]  # a list may mix currencies
    assert texts[0].endswith(f"{int(euro.amount or 0):,}")  # whole units, grouped
