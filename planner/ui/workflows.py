"""What the menus do: workspace files, import, geocode, rep settings, plan the week.

Each long step runs in the task runner behind a progress dialog; results come back to
the session on the main thread. Workflows know the session, the task runner, the
settings and a parent widget for their dialogs — not the window: what the window shows
in its status bar or title comes out as signals.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from planner.domain import Rep, WeekPlan
from planner.services.workspaces import Workspace, WorkspaceError
from planner.ui.dialogs.import_wizard import ImportWizard
from planner.ui.dialogs.plan_dialog import PlanDialog
from planner.ui.dialogs.rep_dialog import RepDialog
from planner.ui.formatting import QT_TRANSLATE_NOOP
from planner.ui.progress_ui import run_with_progress
from planner.ui.session import Session
from planner.ui.workers import Task, TaskRunner

if TYPE_CHECKING:
    from planner.services.assign_territories import TerritoryResult
    from planner.services.export_itinerary import ExportResult
    from planner.services.geocode_accounts import GeocodeSummary
    from planner.services.plan_week import WeekParams

# The services below load the solver, scipy, folium or fpdf: they are imported where they
# are first used, so the window opens without waiting for them.

WORKSPACE_FILTER = "Territory workspaces (*.tpw);;All files (*)"


class Workflows(QObject):
    exported = Signal(list)  # the files an export wrote
    message = Signal(str, int)  # a status line and how long to show it (ms)
    workspace_opened = Signal(str)  # the title (file name or URL) of the workspace switched to

    def __init__(
        self, session: Session, runner: TaskRunner, parent: QWidget, settings: QSettings
    ) -> None:
        super().__init__(parent)
        self.session, self.runner, self.settings = session, runner, settings
        self.host = parent  # the widget dialogs and message boxes open over

    # workspace files -------------------------------------------------------------------
    def new_workspace(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.host, self.tr("New workspace"), "", WORKSPACE_FILTER
        )
        if name:
            self._switch(Path(name).with_suffix(".tpw"))

    def open_workspace(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.host, self.tr("Open workspace"), "", WORKSPACE_FILTER
        )
        if name:
            self._switch(Path(name))

    def save_workspace_as(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.host, self.tr("Save workspace as"), "", WORKSPACE_FILTER
        )
        if not name:
            return
        target = Path(name).with_suffix(".tpw")
        try:
            self.session.workspace.copy_to(target)
        except (OSError, WorkspaceError) as exc:
            QMessageBox.warning(self.host, self.tr("Save workspace as"), str(exc))
            return
        self._switch(target)

    def _switch(self, path: Path) -> None:
        self.switch_to(path)

    def switch_to(self, target: str | Path) -> bool:
        """Work on the workspace at `target` (a file or a team URL); False when it failed."""
        try:
            workspace = Workspace.open(target)
        except WorkspaceError as exc:
            QMessageBox.warning(self.host, self.tr("Open workspace"), str(exc))
            return False
        self.runner.cancel_all()
        self.runner.wait()
        old = self.session.workspace
        self.session.switch(workspace)
        old.close()
        self.workspace_opened.emit(workspace.title)
        return True

    # import, geocode -------------------------------------------------------------------
    def import_accounts(self, initial: Path | None = None) -> ImportWizard:
        wizard = ImportWizard(self.session, self.runner, self.host, initial)
        wizard.open()
        return wizard

    def geocode(self) -> None:
        from planner.services.geocode_accounts import GeocodeConfig, geocode_accounts

        workspace = self.session.workspace
        offline = bool(self.settings.value("geocoding/offline", True, type=bool))

        def work(progress: Any, cancel: Any) -> GeocodeSummary:
            return geocode_accounts(workspace, GeocodeConfig(offline=offline), progress, cancel)

        def done(summary: GeocodeSummary) -> None:
            self.session.set_accounts(workspace.accounts())
            QMessageBox.information(self.host, self.tr("Geocoding"), "\n".join(summary.lines()))

        def cancelled() -> None:  # what was found before the cancel is already saved
            self.session.set_accounts(workspace.accounts())

        run_with_progress(
            self.host, runner=self.runner, title=self.tr("Geocoding"), work=work,
            on_result=done, on_cancelled=cancelled, workspace=workspace.location,
        )  # fmt: skip

    # exports ---------------------------------------------------------------------------
    EXPORTS = (
        ("ics", QT_TRANSLATE_NOOP("MainWindow", "Calendar (.ics)…"), "Calendar (*.ics)"),
        ("gpx", QT_TRANSLATE_NOOP("MainWindow", "Navigation route (GPX)…"), "GPX (*.gpx)"),
        ("csv", QT_TRANSLATE_NOOP("MainWindow", "Spreadsheet itinerary (CSV)…"), "CSV (*.csv)"),
        ("pdf", QT_TRANSLATE_NOOP("MainWindow", "Printable itinerary (PDF)…"), "PDF (*.pdf)"),
        ("html", QT_TRANSLATE_NOOP("MainWindow", "Map page (HTML)…"), "Web page (*.html)"),
    )

    def export(self, fmt: str) -> None:
        plan, rep = self.session.plan, self.session.rep
        if plan is None or rep is None:
            QMessageBox.information(self.host, self.tr("Export"), self.tr("Plan a week first."))
            return
        pattern = next(p for f, _, p in self.EXPORTS if f == fmt)
        suggested = f"{rep.name}-{plan.week_start.isoformat()}.{fmt}".replace(" ", "-")
        name, _ = QFileDialog.getSaveFileName(self.host, self.tr("Export"), suggested, pattern)
        if name:
            self.export_to(fmt, Path(name))

    def export_to(self, fmt: str, out: Path) -> None:
        from planner.services.export_itinerary import export_from_workspace

        plan = self.session.plan
        assert plan is not None
        workspace = self.session.workspace
        locale = "it" if self.settings.value("ui/language", "", type=str) == "it" else None

        def work(progress: Any, cancel: Any) -> ExportResult:
            return export_from_workspace(
                workspace, plan.rep_name, plan.week_start, fmt, out, locale=locale,
                progress=progress, cancel=cancel,
            )  # fmt: skip

        def done(result: ExportResult) -> None:
            files = "\n".join(str(f) for f in result.files)
            self.message.emit(self.tr("Exported %s") % files.replace("\n", ", "), 10000)
            self.exported.emit(list(result.files))

        run_with_progress(
            self.host, runner=self.runner, title=self.tr("Exporting"), work=work,
            on_result=done,
        )  # fmt: skip

    # territories -----------------------------------------------------------------------
    def balance_territories(self, mode: str, tolerance: float) -> None:
        from planner.services.assign_territories import (
            Balance,
            BalanceSettings,
            assign_in_workspace,
        )

        session = self.session
        workspace = session.workspace
        reps = workspace.reps()
        if len(reps) < 2:
            QMessageBox.information(
                self.host,
                self.tr("Territories"),
                self.tr("Import at least two reps first."),
            )
            return
        settings = BalanceSettings(balance=Balance(mode), tolerance=tolerance)

        def work(progress: Any, cancel: Any) -> TerritoryResult:
            return assign_in_workspace(
                workspace, reps, settings, save=False, progress=progress, cancel=cancel
            )

        def done(result: TerritoryResult) -> None:
            session.edit_territories(self.tr("Balance territories"), result)

        run_with_progress(
            self.host, runner=self.runner, title=self.tr("Balancing territories"),
            work=work, on_result=done,
        )  # fmt: skip

    # rep and plan ----------------------------------------------------------------------
    def edit_rep(self) -> None:
        rep = self.session.rep or Rep(self.tr("Me"))
        dialog = RepDialog(rep, self.host)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.set_rep(dialog.rep())

    def edit_tiers(self) -> None:
        from planner.services.value_settings import load_tier_settings
        from planner.ui.dialogs.tiers_dialog import TiersDialog

        currency = self.session.rep.currency if self.session.rep else "EUR"
        dialog = TiersDialog(load_tier_settings(self.session.workspace), currency, self.host)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.set_tier_settings(dialog.settings())

    def edit_rates(self) -> None:
        from collections import Counter

        from planner.services.currencies import load_rates
        from planner.ui.dialogs.rates_dialog import RatesDialog

        in_use = Counter(a.currency for a in self.session.accounts)
        dialog = RatesDialog(load_rates(self.session.workspace), in_use, self.host)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.set_exchange_rates(dialog.rates())

    def plan_week(
        self, *, ask: bool = True, time_limit_s: float = 10.0, days: int = 5
    ) -> Task | None:
        """Plan in the background; the running task (None when nothing started)."""
        from planner.services.plan_week import WeekParams

        session = self.session
        if session.rep is None or session.rep.home is None:
            QMessageBox.information(
                self.host,
                self.tr("Plan the week"),
                self.tr("Set the rep's home location first."),
            )
            self.edit_rep()
            return None
        week, keep, overnight = session.week_start, session.plan is not None, True
        if ask:
            dialog = PlanDialog(session.week_start, session.plan is not None, self.host)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            week, days = dialog.week_start(), dialog.days.value()
            time_limit_s, keep = dialog.time_limit.value(), dialog.keep.isChecked()
            overnight = dialog.overnight.isChecked()
        return self._solve(
            week, days, WeekParams(time_limit_s=time_limit_s, overnight=overnight, keep_days=keep)
        )

    def _solve(self, week: Any, days: int, params: WeekParams) -> Task:
        session = self.session

        def done(plan: WeekPlan) -> None:
            session.edit_plan(self.tr("Plan week"), plan)

        return run_with_progress(
            self.host, runner=self.runner, title=self.tr("Planning the week"),
            work=session.plan_job(week, days, params), on_result=done,
        )  # fmt: skip
