"""Import through the wizard: guessed mapping, report with rejected rows, fix and re-import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem, QWizard

CSV = (
    "Ragione sociale;Indirizzo;Comune;CAP;Importo;Probabilità\n"
    "Alfa S.r.l.;Via Roma 1;Bologna;40121;12.500,50;40\n"
    "Beta S.p.A.;Via Emilia 2;Modena;41121;tanti;30\n"
    "Gamma & C.;Via Po 3;Ferrara;44121;3.000,00;150\n"
    ";Via Po 4;Ferrara;44121;100,00;10\n"
    "Delta;;;;200,00;20\n"
)


def _next(wizard: QWizard) -> None:
    wizard.next()


def test_wizard_imports_reports_and_reimports_fixed_rows(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "clienti.csv"
    path.write_bytes(CSV.encode("cp1252"))
    before = len(window.session.accounts)
    wizard = window.workflows.import_accounts(initial=path)
    qtbot.addWidget(wizard)
    _next(wizard)  # file → mapping
    mapping = wizard.mapping_page
    assert [c.currentData() for c in mapping.combos] == [
        "name", "street", "city", "postcode", "amount", "probability",
    ]  # fmt: skip
    assert "generic-it" in mapping.preset.text()
    # Four Italian towns with their CAP: the rows' country is inferred, shown and editable.
    assert mapping.country.text() == "IT" and "inferred: IT" in mapping.country_why.text()
    _next(wizard)  # mapping → report: the import runs in the background
    report_page = wizard.report_page
    qtbot.waitUntil(report_page.isComplete, timeout=20000)
    report = report_page.report
    # A bad amount or probability drops that value with a warning; the row is kept.
    assert report is not None and report.accepted == 3 and len(report.rejected) == 2
    assert {w.column for w in report.warnings} == {"Importo", "Probabilità"}
    assert report_page.warnings.rowCount() == 2 and report_page.warnings.isVisibleTo(wizard)
    assert len(window.session.accounts) == before + 3
    table = report_page.rejected
    reasons = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert set(reasons) == {"Ragione sociale", "Indirizzo"}
    # Correct both rows in the report and import them again.
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    for row in range(table.rowCount()):
        table.setItem(row, headers.index("Ragione sociale"), QTableWidgetItem(f"Fixed {row}"))
        table.setItem(row, headers.index("Indirizzo"), QTableWidgetItem("Via Nuova 1"))
        table.setItem(row, headers.index("Comune"), QTableWidgetItem("Parma"))
    report_page.retry.click()
    qtbot.waitUntil(
        lambda: report_page.report is not report and report_page.isComplete(), timeout=20000
    )
    assert report_page.report.accepted == 2 and not report_page.report.rejected
    assert len(window.session.accounts) == before + 5
    assert window.accounts_model.rowCount() == before + 5
