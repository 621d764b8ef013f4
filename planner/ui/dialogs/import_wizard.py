"""Import wizard: choose a file → check the guessed column mapping → read the report.

The mapping page shows the first rows and, for each column, the field it was mapped
to (editable). The report page lists every rejected row with its row number, column and
reason; the rows are kept in the workspace, and can be corrected here and imported again.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.services.import_accounts import (
    FIELDS,
    ColumnMap,
    ImportFileError,
    ImportReport,
    Mapping,
    Table,
    guess_columns,
    import_accounts,
    read_table,
)
from planner.services.import_country import guess_country
from planner.ui.progress_ui import run_with_progress
from planner.ui.session import Session
from planner.ui.workers import TaskRunner

PREVIEW_ROWS = 20
FILE_FILTER = "CRM exports (*.csv *.txt *.tsv *.xlsx);;All files (*)"


class FilePage(QWizardPage):
    def __init__(self, initial: Path | None = None) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose a CRM export"))
        self.setSubTitle(self.tr("Salesforce or HubSpot exports, CSV (any delimiter) or Excel."))
        self.path_edit = QLineEdit(str(initial) if initial else "")
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.table: Table | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import accounts"), "", FILE_FILTER)
        if name:
            self.path_edit.setText(name)

    @property
    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        try:
            self.table = read_table(self.path)
        except ImportFileError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        return True


class MappingPage(QWizardPage):
    def __init__(self, file_page: FilePage) -> None:
        super().__init__()
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(
            self.tr("Each column's field was guessed from its header; change any that is wrong.")
        )
        self.file_page = file_page
        self.preset = QLabel()
        self.notes = QLabel()  # preamble skipped, columns found by their values
        self.notes.setWordWrap(True)
        self.country = QLineEdit()
        self.country.setMaximumWidth(80)
        self.country_why = QLabel()
        self.country_why.setWordWrap(True)
        self.currency = QLineEdit()
        self.currency.setMaximumWidth(120)
        self.currency.setPlaceholderText(self.tr("from country"))
        self.preview = QTableWidget()
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.combos: list[QComboBox] = []
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Country of rows without one:")))
        options.addWidget(self.country)
        options.addWidget(self.country_why, 1)
        options.addWidget(QLabel(self.tr("Currency of amounts without one:")))
        options.addWidget(self.currency)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preset)
        layout.addWidget(self.notes)
        layout.addLayout(options)
        layout.addWidget(self.preview)

    def initializePage(self) -> None:
        table = self.file_page.table
        assert table is not None
        guess = guess_columns(table.headers, [r.cells for r in table.rows[:500]])
        by_index = {index: fld for fld, index in guess.fields.items()}
        self.preset.setText(
            self.tr("Recognised as: %s · %s, delimiter %r · %d rows")
            % (guess.preset, table.encoding or table.format, table.delimiter, len(table.rows))
        )
        self._show_guesses(table, guess)
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(table.headers))
        self.preview.setRowCount(len(rows) + 1)
        self.preview.setHorizontalHeaderLabels(list(table.headers))
        self.combos = []
        for column, _header in enumerate(table.headers):
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), "")
            for fld in FIELDS:
                combo.addItem(fld, fld)
            combo.setCurrentIndex(max(0, combo.findData(by_index.get(column, ""))))
            self.preview.setCellWidget(0, column, combo)
            self.combos.append(combo)
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row.cells[: len(table.headers)]):
                self.preview.setItem(r, c, QTableWidgetItem(cell))

    def _show_guesses(self, table: Table, guess: ColumnMap) -> None:
        """What the import will do beyond the columns: lines skipped, columns told by
        their values, the country it infers for rows without one (the user may change it)."""
        found = [
            self.tr("%s found from its values (column %s)")
            % (fld, table.headers[guess.fields[fld]])
            for fld in guess.guessed_by_values
        ]
        self.notes.setText("\n".join([*table.notes, *found]))
        self.notes.setVisible(bool(table.notes or found))
        inferred = guess_country(table, guess)
        self.country.setText(inferred.country)
        if inferred.country:
            self.country_why.setText(self.tr("inferred: %s") % inferred.describe())
        elif "country" in guess.fields:
            self.country_why.setText(self.tr("the file has a country column"))
        else:
            self.country_why.setText(self.tr("not inferred: the rows point to no single country"))

    def mapping(self) -> Mapping:
        table = self.file_page.table
        assert table is not None
        columns = {
            h: combo.currentData() or ""
            for h, combo in zip(table.headers, self.combos, strict=False)
            if h
        }
        options = {"country": self.country.text().strip(), "currency": self.currency.text().strip()}
        options = {k: v for k, v in options.items() if v}
        return Mapping(columns=columns, options=options, source="import wizard")


class ReportPage(QWizardPage):
    def __init__(
        self, session: Session, runner: TaskRunner, file_page: FilePage, mapping_page: MappingPage
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("Import report"))
        self.session, self.runner = session, runner
        self.file_page, self.mapping_page = file_page, mapping_page
        self.summary = QLabel(self.tr("Importing…"))
        self.summary.setWordWrap(True)
        self.rejected = QTableWidget(0, 0)
        self.retry = QPushButton(self.tr("Import corrected rows"))
        self.retry.setEnabled(False)
        self.retry.clicked.connect(self._retry)
        self.warnings = QTableWidget(0, 3)  # values left empty, rows kept
        self.warnings.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value left empty because")]
        )
        self.warnings.horizontalHeader().setStretchLastSection(True)
        self.warnings_title = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 2)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.warnings_title)
        layout.addWidget(self.warnings, 1)
        self.report: ImportReport | None = None
        self._done = False

    def initializePage(self) -> None:
        self._run(self.file_page.path)

    def _run(self, path: Path) -> None:
        self._done = False
        self.completeChanged.emit()
        mapping = self.mapping_page.mapping()
        workspace = self.session.workspace

        def work(progress: Any, cancel: Any) -> ImportReport:
            return import_accounts(
                workspace, path, mapping=mapping, progress=progress, cancel=cancel
            )

        run_with_progress(
            self, runner=self.runner, title=self.tr("Importing"), work=work,
            on_result=self._show, workspace=workspace.location,
        )  # fmt: skip

    def _show(self, report: ImportReport) -> None:
        self.report = report
        self.summary.setText(
            "\n".join(report.lines()[:1] + [f"note: {m}" for m in report.messages])
        )
        headers = sorted({h for r in report.rejected for h in r.raw}, key=lambda h: (h != "", h))
        self.rejected.clear()
        self.rejected.setColumnCount(3 + len(headers))
        self.rejected.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Reason"), *headers]
        )
        self.rejected.setRowCount(len(report.rejected))
        for r, rejection in enumerate(report.rejected):
            _fixed_cells(self.rejected, r, (rejection.number, rejection.column, rejection.reason))
            for c, header in enumerate(headers, start=3):
                self.rejected.setItem(r, c, QTableWidgetItem(rejection.raw.get(header, "")))
        self._headers = headers
        self.retry.setEnabled(bool(report.rejected))
        self._show_warnings(report)
        self.session.set_accounts(self.session.workspace.accounts())
        self._done = True
        self.completeChanged.emit()

    def _show_warnings(self, report: ImportReport) -> None:
        self.warnings_title.setText(
            self.tr("%d values could not be read and were left empty (the rows were imported):")
            % len(report.warnings)
        )
        self.warnings.setRowCount(len(report.warnings))
        for r, warning in enumerate(report.warnings):
            _fixed_cells(self.warnings, r, (warning.number, warning.column, warning.reason))
        for widget in (self.warnings_title, self.warnings):
            widget.setVisible(bool(report.warnings))

    def _retry(self) -> None:
        """Write the corrected rows to a file with the original headers and import it."""
        folder = Path(tempfile.mkdtemp(prefix="tp-fixed-"))
        path = folder / f"corrected-{self.file_page.path.stem}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(self._headers)
            for r in range(self.rejected.rowCount()):
                writer.writerow(
                    (self.rejected.item(r, c) or QTableWidgetItem()).text()
                    for c in range(3, 3 + len(self._headers))
                )
        self._run(path)

    def isComplete(self) -> bool:
        return self._done


def _fixed_cells(table: QTableWidget, row: int, values: tuple[int, str, str]) -> None:
    """Row number, column and reason of a report line: shown, not editable."""
    for column, value in enumerate(values):
        item = QTableWidgetItem(str(value))
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, column, item)


class ImportWizard(QWizard):
    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        parent: QWidget | None = None,
        initial: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import accounts"))
        self.resize(960, 640)
        self.file_page = FilePage(initial)
        self.mapping_page = MappingPage(self.file_page)
        self.report_page = ReportPage(session, runner, self.file_page, self.mapping_page)
        for page in (self.file_page, self.mapping_page, self.report_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
