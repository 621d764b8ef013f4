"""The Travel menu: Regions… (OpenStreetMap extracts for road times and addresses) and
a check of the current plan on roads (late arrivals, missed hours, overtime)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenuBar, QMessageBox, QWidget

from planner.ui.dialogs.regions_dialog import RegionsDialog
from planner.ui.progress_ui import run_with_progress
from planner.ui.session import Session
from planner.ui.workers import TaskRunner


class TravelActions(QObject):
    def __init__(self, session: Session, runner: TaskRunner, host: QWidget) -> None:
        super().__init__(host)
        self.session, self.runner, self.host = session, runner, host
        self.last_report: list[str] = []

    def install(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self.tr("&Travel"))
        menu.addAction(self.tr("&Regions…"), self.regions)
        menu.addAction(self.tr("Check the plan on &roads"), self.check_roads)

    def regions(self) -> RegionsDialog:
        dialog = RegionsDialog(self.runner, self.host)
        dialog.open()
        return dialog

    def check_roads(self) -> Any:
        from planner.services.check_roads import check_roads, report_lines

        plan, rep = self.session.plan, self.session.rep
        if plan is None or rep is None:
            QMessageBox.information(self.host, self.tr("Check on roads"),
                                    self.tr("Plan a week first."))  # fmt: skip
            return None
        workspace = self.session.workspace

        def work(progress: Any, cancel: Any) -> list[str]:
            return report_lines(*check_roads(workspace, rep.name, plan.week_start))

        return run_with_progress(
            self.host, runner=self.runner, title=self.tr("Checking the plan on roads"),
            work=work, on_result=self._show,
        )  # fmt: skip

    def _show(self, lines: list[str]) -> None:
        self.last_report = lines
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Check on roads"), lines[-1],
                          QMessageBox.StandardButton.Ok, self.host)  # fmt: skip
        if len(lines) > 2:
            box.setDetailedText("\n".join(lines[1:-1]))
        box.open()
