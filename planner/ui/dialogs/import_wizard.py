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
    ImportFileError,
    ImportReport,
    Mapping,
    Table,
    guess_columns,
    import_accounts,
    read_table,
)
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
        self.preview = QTableWidget()
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.preset)
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

    def mapping(self) -> Mapping:
        table = self.file_page.table
        assert table is not None
        columns = {
            h: combo.currentData() or ""
            for h, combo in zip(table.headers, self.combos, strict=False)
            if h
        }
        return Mapping(columns=columns, source="import wizard")


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 1)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignRight)
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
            for c, value in enumerate((str(rejection.number), rejection.column, rejection.reason)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.rejected.setItem(r, c, item)
            for c, header in enumerate(headers, start=3):
                self.rejected.setItem(r, c, QTableWidgetItem(rejection.raw.get(header, "")))
        self._headers = headers
        self.retry.setEnabled(bool(report.rejected))
        self.session.set_accounts(self.session.workspace.accounts())
        self._done = True
        self.completeChanged.emit()

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
