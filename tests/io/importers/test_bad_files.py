# ruff: noqa: E501  (expected report lines are kept whole so they read like the output)
"""The bad-file corpus (tests/data/import, see make_corpus.py): each file gives exactly
the report or the one-sentence error below, and an unreadable file changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planner.domain import Account, GeoPoint
from planner.io.importers import ImportFileError
from planner.io.workspace import Workspace
from planner.services.import_accounts import import_accounts

CORPUS = Path(__file__).parents[2] / "data" / "import"
SF = "columns matched preset salesforce-report"

REPORTS: dict[str, list[str]] = {
    "bad_cadence_and_minutes.csv": [
        "bad_cadence_and_minutes.csv: 3 rows: 3 new, 0 updated, 0 merged, 0 rejected, 0 skipped, 2 warnings",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
        "  row 3, column 'cadence': warning: not a visit cadence: 'sometimes' (expected days, e.g. 30); value left empty",
        "  row 4, column 'meeting minutes': warning: meeting duration must be 1–720 minutes, got '900'; value left empty",
    ],
    "bad_coordinates.csv": [
        "bad_coordinates.csv: 4 rows: 1 new, 0 updated, 0 merged, 3 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
        "  row 2, column 'latitude': latitude must be a number within ±90, got 144.5",
        "  row 3, column 'longitude': longitude is missing while latitude is given",
        "  row 4, column 'latitude': no address and no coordinates: nowhere to place the account",
    ],
    "bad_opening_hours.csv": [
        "bad_opening_hours.csv: 3 rows: 3 new, 0 updated, 0 merged, 0 rejected, 0 skipped, 2 warnings",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
        "  row 3, column 'opening hours': warning: cannot read time range '9-18' in 'Mon-Fri 9-18' (expected HH:MM-HH:MM); value left empty",
        "  row 4, column 'opening hours': warning: unknown weekday in opening hours: 'Xyz'; value left empty",
    ],
    "cp1252_semicolon.csv": [
        "cp1252_semicolon.csv: 2 rows: 2 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, cp1252, delimiter ';', decimal mark ','; columns matched preset generic-it",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
    ],
    "dates_three_formats.csv": [
        "dates_three_formats.csv: 4 rows: 4 new, 0 updated, 0 merged, 0 rejected, 0 skipped, 1 warning",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
        "  row 5, column 'close date': warning: not a valid date: '2026-13-01'; value left empty",
    ],
    "decimal_comma_thousands.csv": [
        "decimal_comma_thousands.csv: 2 rows: 2 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ';', decimal mark ','; columns matched preset generic-it+en",
    ],
    "duplicate_ids.csv": [
        "duplicate_ids.csv: 3 rows: 2 new, 0 updated, 0 merged, 1 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
        "  row 4, column 'Account ID': duplicate account id '001': already on row 2",
    ],
    "embedded_newlines.csv": [
        "embedded_newlines.csv: 2 rows: 2 new, 0 updated, 0 merged, 0 rejected, 0 skipped, 1 warning",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
        "  row 3, column 'Amount': warning: not an amount: 'abc'; value left empty",
    ],
    "header_only.csv": [
        "header_only.csv: 0 rows: 0 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: the file has a header but no data rows",
    ],
    "missing_name.csv": [
        "missing_name.csv: 2 rows: 1 new, 0 updated, 0 merged, 1 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
        "  row 3, column 'Account Name': account name is required",
    ],
    "negative_amount.csv": [
        "negative_amount.csv: 3 rows: 3 new, 0 updated, 0 merged, 0 rejected, 0 skipped, 2 warnings",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
        "  row 2, column 'amount': warning: amount cannot be negative, got '-500'; value left empty",
        "  row 3, column 'currency': warning: currency must be a three-letter code, got 'euro'; value left empty",
    ],
    "non_numeric_amount.csv": [
        "non_numeric_amount.csv: 1 rows: 1 new, 0 updated, 0 merged, 0 rejected, 0 skipped, 1 warning",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
        "  row 2, column 'Amount': warning: not an amount: 'tbd'; value left empty",
    ],
    "pipe_delimited.csv": [
        "pipe_delimited.csv: 2 rows: 2 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter '|', decimal mark '.'; columns matched preset generic-en",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
    ],
    "probability_150.csv": [
        "probability_150.csv: 2 rows: 2 new, 0 updated, 0 merged, 0 rejected, 0 skipped, 2 warnings",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
        "  row 2, column 'Probability (%)': warning: probability must be between 0 and 100 %, got 150 %; value left empty",
        "  row 3, column 'Probability (%)': warning: probability must be between 0 and 100 %, got -5 %; value left empty",
    ],
    "ragged_rows.csv": [
        "ragged_rows.csv: 3 rows: 2 new, 0 updated, 0 merged, 1 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
        "  row 3: row has 5 values but the header has 3 columns",
    ],
    "salesforce_footer.csv": [
        "salesforce_footer.csv: 7 rows: 1 new, 0 updated, 0 merged, 0 rejected, 6 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
    ],
    "tab_delimited.tsv": [
        "tab_delimited.tsv: 1 rows: 1 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter tab, decimal mark '.'; columns matched preset generic-en",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
    ],
    "unclosed_quote.csv": [
        "unclosed_quote.csv: 3 rows: 2 new, 0 updated, 0 merged, 1 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
        "  row 3, column 'name': a quote opened in this cell is never closed: it would have swallowed the next line, which was read as rows of their own",
    ],
    "us_dates.csv": [
        "us_dates.csv: 2 rows: 2 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, utf-8, delimiter ',', decimal mark '.'; columns matched preset generic-en",
    ],
    "utf16_tab.txt": [
        "utf16_tab.txt: 1 rows: 1 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, utf-16, delimiter tab, decimal mark '.'; columns matched preset generic-en",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
    ],
    "utf8_bom.csv": [
        "utf8_bom.csv: 1 rows: 1 new, 0 updated, 0 merged, 0 rejected, 0 skipped",
        "  note: read as csv, utf-8-sig, delimiter ',', decimal mark '.'; columns matched preset salesforce-report",
        "  note: no country column, and the rows point to no single country: a town found in several countries will not be pinned (add a country column or [options] country)",
    ],
}
ERRORS: dict[str, str] = {
    "binary_junk.csv": "cannot read binary_junk.csv: it is a binary file, not a CSV or XLSX export",
    "binary_no_nul.dat": "cannot read binary_no_nul.dat: it is a binary file, not a CSV or XLSX export",
    "broken.xlsx": "cannot read broken.xlsx: not a valid .xlsx workbook (File is not a zip file)",
    "empty.csv": "empty.csv is empty: there is nothing to import",
    "no_name_column.csv": "no_name_column.csv has no account name column (e.g. 'Account Name', 'Company name', 'Name' or 'Ragione sociale'); its columns are: 'foo', 'bar'",
    "old_excel.xls": "cannot read old_excel.xls: old Excel (.xls) files are not supported; save it as .xlsx or CSV",
    "whitespace_only.csv": "whitespace_only.csv is empty: there is nothing to import",
}


def test_corpus_has_at_least_twenty_files() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.suffix != ".py"}
    assert files == set(REPORTS) | set(ERRORS)
    assert len(files) >= 20


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_is_exactly_as_expected(name: str, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        report = import_accounts(ws, CORPUS / name)
        assert report.lines() == REPORTS[name]
        kept = ws.rejected_rows(report.import_id)
        assert [(r.row_number, r.column, r.reason) for r in kept] == [
            (r.number, r.column, r.reason) for r in report.rejected
        ]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_unreadable_file_gives_one_message_and_changes_nothing(name: str, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        ws.save_accounts([Account("Existing", account_id="X1")])
        with pytest.raises(ImportFileError) as caught:
            import_accounts(ws, CORPUS / name)
        assert str(caught.value) == ERRORS[name]
        assert [a.name for a in ws.accounts()] == ["Existing"]
        assert ws.imports() == []
        assert ws.rejected_rows() == []


def _imported(name: str, tmp_path: Path) -> dict[str, Account]:
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        import_accounts(ws, CORPUS / name)
        return {a.name: a for a in ws.accounts()}


def test_cp1252_semicolons_and_decimal_commas_read_right(tmp_path: Path) -> None:
    accounts = _imported("cp1252_semicolon.csv", tmp_path)
    cafe = accounts["Caffè Nerò S.r.l."]
    assert cafe.address.city == "Forlì" and cafe.address.street == "Via Città 3"
    assert cafe.address.postcode == "47121" and cafe.address.region == "FC"
    assert cafe.location == GeoPoint(44.2227, 12.0407)
    assert cafe.amount == Decimal("1250.50") and cafe.probability == 0.75
    assert accounts["Pasticceria Perché"].probability == pytest.approx(0.30)


def test_thousands_separators_and_decimal_commas(tmp_path: Path) -> None:
    accounts = _imported("decimal_comma_thousands.csv", tmp_path)
    assert accounts["Alfa"].amount == Decimal("1234567.89")
    assert accounts["Beta"].amount == Decimal("12.50")
    assert accounts["Beta"].location == GeoPoint(44.5, 11.25)


def test_embedded_newlines_and_doubled_quotes(tmp_path: Path) -> None:
    bar = _imported("embedded_newlines.csv", tmp_path)['Bar "Centrale"']
    assert bar.address.street == "Via Roma 1\nScala B\nInterno 4"


def test_three_date_formats_and_month_first_dates(tmp_path: Path) -> None:
    three = _imported("dates_three_formats.csv", tmp_path)
    assert {a.close_date for a in three.values()} == {date(2026, 3, 31), None}
    assert three["Delta"].close_date is None  # 2026-13-01: dropped with a warning
    assert three["Alfa"].last_visit == date(2026, 1, 31)
    us = _imported("us_dates.csv", tmp_path / "us")
    assert us["Beta"].close_date == date(2026, 4, 1)  # 3/31 shows the column is month-first


def test_other_encodings_and_delimiters(tmp_path: Path) -> None:
    assert _imported("utf16_tab.txt", tmp_path / "a")["Bar Sport"].amount == Decimal("1200.50")
    assert "Caffè Roma" in _imported("utf8_bom.csv", tmp_path / "b")
    pipe = _imported("pipe_delimited.csv", tmp_path / "c")
    assert pipe["Beta"].probability == 0.25 and pipe["Beta"].address.city == "Piacenza"
    assert _imported("tab_delimited.tsv", tmp_path / "d")["Alfa"].amount == Decimal("1234.50")


def test_zero_zero_coordinates_mean_not_located(tmp_path: Path) -> None:
    accounts = _imported("bad_coordinates.csv", tmp_path)
    assert "Gamma" not in accounts  # 0,0 and no address: nowhere to place it (rejected)
    assert accounts["Delta"].location == GeoPoint(44.5, 11.25)


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        with pytest.raises(ImportFileError, match=r"^cannot read x\.csv: no such file$"):
            import_accounts(ws, tmp_path / "x.csv")
        (tmp_path / "folder").mkdir()
        with pytest.raises(ImportFileError, match="it is a folder, not a file"):
            import_accounts(ws, tmp_path / "folder")
