"""Issue 20, *Why*: each test is named after the finding it guards against
(silent row loss, duplicated deals summed, silent mojibake, hang, tracebacks, minor)."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from planner.domain import Account, Address
from planner.domain.progress import CancelFlag, Cancelled
from planner.io.importers import ImportFileError, Limits, read_import
from planner.io.importers.limits import MAX_CELL_CHARS
from planner.io.importers.table import read_table
from planner.io.workspace import Workspace
from planner.services.import_accounts import ImportReport, import_accounts
from tests.data.hostile.xlsx_writer import SharedRef, sheet_xml, table_rows, write_xlsx

HEADER = "Account ID,Account Name,Notes,Billing City,Amount\n"


def _import(tmp_path: Path, name: str, data: bytes) -> tuple[ImportReport, Workspace]:
    source = tmp_path / name
    source.write_bytes(data)
    ws = Workspace.open(tmp_path / "ws.tpw")
    return import_accounts(ws, source), ws


def _accounted(report: ImportReport) -> int:
    return report.accepted + report.updated + report.merged + len(report.rejected) + report.skipped


def test_silent_row_loss_unclosed_quote_in_notes_closed_by_a_later_quoted_cell(
    tmp_path: Path,
) -> None:
    rows = [f"{i},Account {i},plain note,Bologna,{i}00" for i in range(1, 11)]
    rows[2] = '3,Account 3,"never closed note,Bologna,300'
    rows[7] = '8,Account 8,"a quoted, proper note",Bologna,800'
    report, ws = _import(tmp_path, "runaway.csv", (HEADER + "\n".join(rows) + "\n").encode())
    with ws:
        assert report.rows == 10 == _accounted(report)
        assert (report.accepted, len(report.rejected)) == (9, 1)
        (bad,) = report.rejected
        assert (bad.number, bad.column) == (4, "Notes")
        assert "never closed" in bad.reason and "read as rows of their own" in bad.reason
        names = {a.name for a in ws.accounts()}
        assert names == {f"Account {i}" for i in range(1, 11)} - {"Account 3"}
        assert all("\n" not in a.notes for a in ws.accounts())
        (kept,) = ws.rejected_rows(report.import_id)
        assert kept.raw["Notes"] == '"never closed note'


def test_silent_row_loss_quote_never_closed_before_the_end_of_the_file(tmp_path: Path) -> None:
    text = HEADER + '1,Alfa,ok,Parma,1\n2,Beta,"open,Parma,2\n3,Gamma,ok,Parma,3\n'
    report, ws = _import(tmp_path, "eof.csv", text.encode())
    with ws:
        assert [a.name for a in ws.accounts()] == ["Alfa", "Gamma"]
        assert [r.number for r in report.rejected] == [3]
        assert report.rows == 3 == _accounted(report)


def test_duplicated_deals_summed_contact_roles_report_counts_each_deal_once(
    tmp_path: Path,
) -> None:
    text = (
        "Opportunity ID,Opportunity Name,Account ID,Account Name,Billing City,Amount,"
        "Contact Name\n"
        "O1,Renewal,A1,Alfa,Parma,10000,Anna\n"
        "O1,Renewal,A1,Alfa,Parma,10000,Bruno\n"
        "O1,Renewal,A1,Alfa,Parma,10000,Carla\n"
        "O2,Upsell,A1,Alfa,Parma,5000,Anna\n"
        "O3,New,A2,Beta,Modena,7000,Dario\n"
    )
    report, ws = _import(tmp_path, "contact_roles.csv", text.encode())
    with ws:
        amounts = {a.name: a.amount for a in ws.accounts()}
        assert amounts == {"Alfa": Decimal("15000.00"), "Beta": Decimal("7000.00")}
        assert (report.accepted, report.merged, report.rows) == (2, 3, 5)
        assert report.rows == _accounted(report)
        assert any("3 rows merged" in m and "2 repeated" in m for m in report.messages)
        assert "5 rows: 2 new, 0 updated, 3 merged, 0 rejected, 0 skipped" in report.summary()


def test_duplicated_deals_summed_rejected_account_rejects_every_row_merged_into_it(
    tmp_path: Path,
) -> None:
    text = "Opportunity ID,Account ID,Account Name,Amount\nO1,A9,Ghost,10\nO1,A9,Ghost,10\n"
    report, ws = _import(tmp_path, "orphans.csv", text.encode())
    with ws:
        assert [r.number for r in report.rejected] == [2, 3]
        assert report.merged == 0 and report.rows == 2 == _accounted(report)


def test_silent_mojibake_one_bad_byte_keeps_the_utf8_text_and_names_the_row(
    tmp_path: Path,
) -> None:
    data = "name,city\nCaffè Roma,Forlì\nBar Sport,Modena\n".encode() + b"Osteria Perch\xe9,Bra\n"
    report, ws = _import(tmp_path, "mixed.csv", data)
    with ws:
        names = {a.name for a in ws.accounts()}
        assert names == {"Caffè Roma", "Bar Sport", "Osteria Perché"}
        assert any(
            m.startswith("text not valid UTF-8, read as Windows-1252") and m.endswith("row 4")
            for m in report.messages
        )
        assert "utf-8" in report.messages[0]


def test_misleading_messages_utf16_without_bom_is_read(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        data = "name\tcity\nBar Sport\tModena\nCaffè\tForlì\n".encode(codec)
        (tmp_path / codec).mkdir()
        report, ws = _import(tmp_path / codec, "u16.txt", data)
        with ws:
            assert {a.name for a in ws.accounts()} == {"Bar Sport", "Caffè"}
            assert codec in report.messages[0]


def test_misleading_messages_one_nul_byte_is_dropped_and_reported(tmp_path: Path) -> None:
    report, ws = _import(tmp_path, "nul.csv", b"name,city\nAl\x00fa,Parma\nBeta,Modena\n")
    with ws:
        assert {a.name for a in ws.accounts()} == {"Alfa", "Beta"}
        assert "NUL bytes (0x00) removed: row 2" in report.messages


def test_hang_xlsx_declared_dimension_is_ignored(tmp_path: Path) -> None:
    rows = [(1, [(1, "Account Name"), (2, "City")]), (2, [(1, "Alfa"), (2, "Parma")])]
    rows += [(r, [(16384, None)]) for r in range(3, 3003)]  # one styled empty cell in XFD
    path = tmp_path / "dimension.xlsx"
    write_xlsx(path, sheet_xml(rows, "A1:XFD300000"))
    table = read_table(path)
    assert table.headers == ("Account Name", "City")
    assert [r.cells for r in table.rows] == [("Alfa", "Parma")]
    assert (table.records, table.skipped) == (3001, 3000)


def test_hang_import_can_be_cancelled_while_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("name,city\n" + "Alfa,Parma\n" * 50_000, encoding="utf-8")
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        read_import(path, cancel=flag)
    rows = [(1, [(1, "Account Name")])] + [(r, [(1, f"A{r}")]) for r in range(2, 10_002)]
    write_xlsx(tmp_path / "big.xlsx", sheet_xml(rows, ""))
    with pytest.raises(Cancelled):
        read_import(tmp_path / "big.xlsx", cancel=flag)


def test_tracebacks_amount_with_27_digits_is_rejected_in_its_cell(tmp_path: Path) -> None:
    text = "name,amount\nAlfa,123456789012345678901234567\nBeta,10\nGamma,1e25\n"
    text += "Delta,10000000000000000000000000\n"
    report, ws = _import(tmp_path, "digits.csv", text.encode())
    with ws:  # the bad optional value is dropped with a warning; the account is kept
        amounts = {a.name: a.amount for a in ws.accounts()}
        assert amounts == {"Alfa": None, "Beta": Decimal("10.00"), "Gamma": None, "Delta": None}
        assert [(w.number, w.column) for w in report.warnings] == [
            (2, "amount"),
            (4, "amount"),
            (5, "amount"),
        ]
        assert "out of range" in report.warnings[0].reason and not report.rejected


def test_tracebacks_cadence_beyond_ten_years_is_rejected_in_its_cell(tmp_path: Path) -> None:
    report, ws = _import(tmp_path, "cad.csv", b"name,cadence\nAlfa,99999999\nBeta,30\n")
    with ws:
        assert {a.name: a.cadence_days for a in ws.accounts()} == {"Alfa": None, "Beta": 30}
        assert "visit cadence must be 1–3650 days" in report.warnings[0].reason


def test_minor_one_mb_cell_is_cut_alike_in_csv_and_xlsx(tmp_path: Path) -> None:
    big = "x" * 1_000_000
    csv_path = tmp_path / "cell.csv"
    csv_path.write_text(f"name,notes\nAlfa,{big}\nBeta,short\n", encoding="utf-8")
    xlsx_path = tmp_path / "cell.xlsx"
    rows = [["Account Name", "Notes"], ["Alfa", SharedRef(0)], ["Beta", "short"]]
    write_xlsx(xlsx_path, sheet_xml(table_rows(rows), "A1:B3"), shared=[big])
    for path in (csv_path, xlsx_path):
        table = read_table(path)
        assert [len(r.cells[1]) for r in table.rows] == [MAX_CELL_CHARS, 5]
        assert table.notes == [f"cells longer than {MAX_CELL_CHARS:,} characters cut to that "
                               "length: row 2"]  # fmt: skip


def test_minor_file_size_and_row_guards_name_the_override(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("name\n" + "Alfa\n" * 30, encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"more than 20 rows.*--allow-large"):
        read_table(path, limits=Limits(max_rows=20))
    with pytest.raises(ImportFileError, match="--allow-large"):
        read_table(path, limits=Limits(max_file_bytes=100))
    assert len(read_table(path, limits=Limits.unlimited()).rows) == 30


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_minor_fifo_as_input_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    outcome: list[str] = []
    worker = threading.Thread(target=lambda: outcome.append(_error_of(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert outcome and "not a regular file" in outcome[0]


def _error_of(path: Path) -> str:
    try:
        read_table(path)
    except ImportFileError as exc:
        return str(exc)
    return ""


def test_minor_reimport_replaces_crm_notes_and_keeps_local_notes(tmp_path: Path) -> None:
    source = tmp_path / "crm.csv"
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        for run, crm_text in enumerate(("first call", "second call", "third call")):
            source.write_text(f"Account ID,Account Name,Billing City,Description\n"
                              f"A1,Alfa,Parma,{crm_text}\n", encoding="utf-8")  # fmt: skip
            import_accounts(ws, source)
            (alfa,) = ws.accounts()
            if run == 0:
                ws.save_accounts([replace(alfa, notes="mine: ring twice")])
        (alfa,) = ws.accounts()
        assert (alfa.crm_notes, alfa.notes) == ("third call", "mine: ring twice")
        assert alfa.all_notes == "third call\nmine: ring twice"


def test_minor_reimport_takes_old_crm_text_out_of_local_notes_once(tmp_path: Path) -> None:
    source = tmp_path / "crm.csv"
    source.write_text("Account ID,Account Name,Billing City,Description\nA1,Alfa,Parma,crm text\n",
                      encoding="utf-8")  # fmt: skip
    with Workspace.open(tmp_path / "ws.tpw") as ws:  # notes as stored before the split
        ws.save_accounts([Account("Alfa", "A1", Address(city="Parma"), notes="mine\ncrm text")])
        import_accounts(ws, source)
        (alfa,) = ws.accounts()
        assert (alfa.crm_notes, alfa.notes) == ("crm text", "mine")


def test_minor_small_workbook_cannot_grow_a_huge_workspace(tmp_path: Path) -> None:
    # 108 KB of workbook made a 1 GB workspace: one long shared string in every cell.
    rows = [["Account Name", "Notes"]] + [[f"A{i}", SharedRef(0)] for i in range(400)]
    path = tmp_path / "repeat.xlsx"
    write_xlsx(path, sheet_xml(table_rows(rows), ""), shared=["z" * 30_000])
    with pytest.raises(ImportFileError, match=r"more than 10 MB of text.*--allow-large"):
        read_table(path, limits=Limits(max_file_bytes=10 * 2**20))
    assert len(read_table(path).rows) == 400  # within the default 200 MB


def test_minor_rejected_row_with_100000_values_is_not_kept_whole(tmp_path: Path) -> None:
    report, ws = _import(
        tmp_path, "wide.csv", b"name,city\nAlfa,Parma\n" + b"Beta" + b",x" * 100_000 + b"\n"
    )
    with ws:
        (kept,) = ws.rejected_rows(report.import_id)
        assert len(kept.raw) == 2 + 50 + 1 and kept.raw["…"] == "99,949 more values not kept"
