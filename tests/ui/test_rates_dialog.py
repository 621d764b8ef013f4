"""Exchange rates in the app: the dialog edits the same table as `settings rates`."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import QDialog, QTableWidgetItem

from planner.services.currencies import Rates, load_rates
from planner.ui.dialogs.rates_dialog import RatesDialog


def _rows(dialog: RatesDialog) -> dict[str, str]:
    table = dialog.table
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def _set_row(dialog: RatesDialog, row: int, code: str, rate: str) -> None:
    if row >= dialog.table.rowCount():
        dialog.table.insertRow(row)
    dialog.table.setItem(row, 0, QTableWidgetItem(code))
    dialog.table.setItem(row, 1, QTableWidgetItem(rate))


def test_saved_rates_and_currencies_in_use_without_a_rate_are_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    rates = Rates("EUR", {"USD": Decimal("0.92")})
    dialog = RatesDialog(rates, {"EUR": 40, "USD": 3, "GBP": 2})
    qtbot.addWidget(dialog)
    assert dialog.base.text() == "EUR"
    assert _rows(dialog) == {"USD": "0.92", "GBP": ""}  # GBP: a row to fill in
    assert dialog.table.horizontalHeaderItem(1).text() == "Value of 1 unit in EUR"
    _set_row(dialog, 1, "gbp", "1,17")  # lower case and a decimal comma are fine
    dialog._accept_if_valid()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.rates() == Rates("EUR", {"USD": Decimal("0.92"), "GBP": Decimal("1.17")})


def test_a_row_left_without_a_rate_sets_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RatesDialog(Rates(), {"CHF": 1})
    qtbot.addWidget(dialog)
    dialog._accept_if_valid()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.rates() == Rates("EUR", {})


def test_bad_rows_are_named_and_keep_the_dialog_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RatesDialog(Rates("EUR", {"USD": Decimal("0.92")}))
    qtbot.addWidget(dialog)
    dialog.show()
    cases = {
        ("USD", "0.95"): "USD appears twice",
        ("EUR", "1"): "EUR is the base currency: its rate is always 1",
        ("US", "1"): "Row 2: a currency is a three-letter code, e.g. USD",
        ("JPY", "0"): "The rate of JPY must be more than 0",
        ("JPY", "."): "The rate of JPY must be more than 0",
    }
    for (code, rate), message in cases.items():
        _set_row(dialog, 1, code, rate)
        dialog._accept_if_valid()
        assert dialog.error.isVisible() and dialog.error.text() == message
        assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.base.setText("E")
    _set_row(dialog, 1, "JPY", "0.0062")
    dialog._accept_if_valid()
    assert dialog.error.text() == "The base currency is a three-letter code, e.g. EUR"


def test_a_new_base_currency_converts_the_rates(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RatesDialog(Rates("EUR", {"USD": Decimal("0.92"), "GBP": Decimal("1.17")}))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.base.setText("chf")  # no rate for CHF: refused, the base stays
    dialog._rebase()
    assert dialog.base.text() == "EUR"
    assert "CHF has no rate" in dialog.error.text()
    dialog.base.setText("USD")
    dialog._rebase()
    assert not dialog.error.isVisible()
    assert _rows(dialog) == {"EUR": "1.08696", "GBP": "1.27174"}
    assert dialog.table.horizontalHeaderItem(1).text() == "Value of 1 unit in USD"
    dialog._accept_if_valid()
    assert dialog.rates().base == "USD"


def test_saved_rates_value_foreign_accounts_in_the_reps_currency(window) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    key = session.accounts[1].key
    before = session.valuation.breakdowns[key].deal
    session.set_accounts(
        [replace(a, currency="USD") if a.key == key else a for a in session.accounts]
    )
    assert session.valuation.breakdowns[key].deal.cents == before.cents  # no rate: as it is
    session.set_exchange_rates(Rates("EUR", {"USD": Decimal("0.5")}))
    assert load_rates(session.workspace).per_unit == {"USD": Decimal("0.5")}
    after = session.valuation.breakdowns[key].deal
    assert after.currency == "EUR"
    assert abs(after.cents - before.cents // 2) <= 1  # the deal at half its dollar amount
    actions = [a.text() for a in window.menus.plan.actions()]
    assert "E&xchange rates…" in actions


def test_rates_are_shown_in_the_windows_number_format(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Italian, QLocale.Country.Italy))
    try:
        dialog = RatesDialog(Rates("EUR", {"USD": Decimal("0.92")}), {"USD": 3})
        qtbot.addWidget(dialog)
        assert _rows(dialog) == {"USD": "0,92"}  # an Italian decimal comma, read back as such
        dialog._accept_if_valid()
        assert dialog.rates() == Rates("EUR", {"USD": Decimal("0.92")})
    finally:
        QLocale.setDefault(before)
