"""Travel ▸ Regions…: add OpenStreetMap regions (file, URL or Geofabrik name), see them,
update or remove them. Building runs in the background behind a cancellable progress
dialog; the regions live in the user data folder, shared by every workspace."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.services.regions import (
    RegionError,
    RegionStore,
    add_region,
    outdated_roads,
    remove_region,
    update_region,
)
from planner.ui.formatting import ui_formats
from planner.ui.progress_ui import run_with_progress
from planner.ui.workers import TaskRunner


class RegionsDialog(QDialog):
    """The list of regions with Add / Update / Remove."""

    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, store: RegionStore | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.store = store or RegionStore()
        self.setWindowTitle(self.tr("Regions"))
        self.resize(760, 320)
        intro = QLabel(
            self.tr(
                "Road times and street addresses come from OpenStreetMap extracts built "
                "once on this computer (in %1) and used by every workspace."
            ).replace("%1", str(self.store.root))
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([
            self.tr("Region"), self.tr("Addresses"), self.tr("Size"), self.tr("Built"),
            self.tr("Source"),
        ])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        self.add_file = QPushButton(self.tr("Add from &file…"))
        self.add_named = QPushButton(self.tr("Add from &URL or name…"))
        self.update_button = QPushButton(self.tr("&Update"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        for button in (self.add_file, self.add_named, self.update_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.add_file.clicked.connect(self._add_file)
        self.add_named.clicked.connect(self._add_named)
        self.update_button.clicked.connect(self._update)
        self.remove_button.clicked.connect(self._remove)
        self.table.itemSelectionChanged.connect(self._enable)
        self.refresh()

    def refresh(self) -> None:
        regions = self.store.regions()
        f = ui_formats()
        self.table.setRowCount(len(regions))
        for row, info in enumerate(regions):
            size = f"{f.number(info.size_bytes / 1e6, 1)} MB"
            cells = (info.name, f.number(info.addresses), size,
                     info.built_at.replace("T", " ")[:16], info.source)  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
            name = QTableWidgetItem(info.name)
            name.setData(Qt.ItemDataRole.UserRole, info.name)
            self.table.setItem(row, 0, name)
            if outdated_roads(info, self.store):
                self._mark_outdated(row)
        self.table.resizeColumnsToContents()
        self._enable()

    def _mark_outdated(self, row: int) -> None:
        """A region built by an older version (or left incomplete): Update rebuilds it."""
        item = self.table.item(row, 0)
        if item is None:
            return
        item.setText(self.tr("%1 (update needed)").replace("%1", item.text()))
        item.setToolTip(
            self.tr(
                "Its road data is of an older kind or incomplete: road times are slower or "
                "missing. Select it and press Update to rebuild it."
            )
        )

    def _selected(self) -> str | None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1:
            return None
        item = self.table.item(rows.pop(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _enable(self) -> None:
        chosen = self._selected() is not None
        self.update_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("OpenStreetMap extract"), "", self.tr("OSM extracts (*.osm.pbf *.pbf)")
        )
        if path:
            self.add(path)

    def _add_named(self) -> None:
        text, ok = QInputDialog.getText(
            self, self.tr("Add a region"),
            self.tr("An https URL of an .osm.pbf, or a Geofabrik region such as italy/nord-est:"),
        )  # fmt: skip
        if ok and text.strip():
            self.add(text.strip())

    def add(self, source: str) -> Any:
        """Build `source` in the background; the list refreshes when it is done."""

        def work(progress: Any, cancel: Any) -> Any:
            return add_region(source, store=self.store, progress=progress, cancel=cancel)

        return run_with_progress(
            self, runner=self.runner, title=self.tr("Adding a region"), work=work,
            on_result=lambda _result: self.refresh(), on_cancelled=self.refresh,
        )  # fmt: skip

    def _update(self) -> None:
        name = self._selected()
        if name is None:
            return

        def work(progress: Any, cancel: Any) -> Any:
            return update_region(name, store=self.store, progress=progress, cancel=cancel)

        def done(result: Any) -> None:
            self.refresh()

        task = run_with_progress(
            self, runner=self.runner, title=self.tr("Updating a region"), work=work,
            on_result=done,
        )  # fmt: skip
        task.signals.finished.connect(lambda result: self._up_to_date(name, result))

    def _up_to_date(self, name: str, result: Any) -> None:
        if result is None:
            QMessageBox.information(
                self, self.tr("Regions"), self.tr("%1 is up to date.").replace("%1", name)
            )

    def _remove(self) -> None:
        name = self._selected()
        if name is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove region"),
            self.tr("Remove the region %1 and its road and address data?").replace("%1", name),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            remove_region(name, self.store)
        except RegionError as exc:
            QMessageBox.warning(self, self.tr("Remove region"), str(exc))
        self.refresh()
