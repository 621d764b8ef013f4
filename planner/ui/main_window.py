"""The main window: accounts, map and week side by side.

Layout: the map in the centre; the ranked accounts on the left; the week plan below;
the inspector and the remote list on the right. Docks can be moved; the layout and the
last workspace are remembered (QSettings).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolButton,
    QWidget,
)

from planner.domain.errors import DomainError
from planner.domain.pins import shared_pins
from planner.domain.reasons import translate_reason
from planner.services.calendar_week import AppointmentRequest, add_appointment
from planner.services.find_slot import describe_slot, find_slots
from planner.services.rep_scope import RepScope
from planner.services.week_overlay import week_overlay
from planner.services.workspaces import Workspace
from planner.ui.accounts_model import AccountsModel
from planner.ui.accounts_panel import AccountsPanel
from planner.ui.dialogs.appointment_dialog import AppointmentDialog
from planner.ui.formatting import ui_formats, ui_locale
from planner.ui.inspector import Inspector
from planner.ui.map_sync import MapSync
from planner.ui.map_view import MapView
from planner.ui.plan_view import PlanView
from planner.ui.remote_view import RemoteView
from planner.ui.session import Session
from planner.ui.team_view import TeamView
from planner.ui.team_workflows import TeamWorkflows
from planner.ui.territories_panel import TerritoriesPanel
from planner.ui.travel_menu import TravelActions
from planner.ui.workers import TaskRunner
from planner.ui.workflows import Workflows

ORG, APP = "territory-planner", "Territory planner"


class MainWindow(QMainWindow):
    relaunch_requested = Signal()  # e.g. after a language change: rebuild the window

    def __init__(self, workspace: Workspace, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings(ORG, APP)
        self.runner = TaskRunner(self)
        self.session = Session(workspace, parent=self)
        self.units = ui_formats(miles=bool(self.settings.value("units/miles", False, type=bool)))
        self.setWindowTitle(f"{APP} — {workspace.title}")
        self.accounts_model = AccountsModel(parent=self)
        self.accounts_panel = AccountsPanel(self.accounts_model)
        self.map_view = MapView()
        self.plan_view = PlanView(self.units)
        self.inspector = Inspector()
        self._scope: RepScope | None = None  # the selected rep's accounts, for the inspector
        self.remote_view = RemoteView()
        self.territories_panel = TerritoriesPanel()
        self.team_view = TeamView(self.units)
        self.setCentralWidget(self.map_view)
        self._docks()
        self._status = QLabel()
        self.statusBar().addPermanentWidget(self._status)
        self.workflows = Workflows(self.session, self.runner, self, self.settings)
        self.workflows.message.connect(self.statusBar().showMessage)
        self.workflows.workspace_opened.connect(lambda name: self.setWindowTitle(f"{APP} — {name}"))
        self.team_flows = TeamWorkflows(
            self.session, self.runner, self, self.settings,
            workflows=self.workflows, view=self.team_view,
        )  # fmt: skip
        self.team_flows.opened.connect(self.team_dock.raise_)
        self._menus()
        self._toolbar()
        self._connect()
        self._restore_layout()
        self._refresh_accounts()
        self._refresh_plan()
        self.map_sync = MapSync(self.session, self.map_view, self.runner)

    # construction ----------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.accounts_dock = self._dock(self.tr("Accounts"), "accounts", self.accounts_panel, left)
        self.plan_dock = self._dock(
            self.tr("Week plan"), "plan", self.plan_view, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.inspector_dock = self._dock(self.tr("Account"), "inspector", self.inspector, right)
        self.remote_dock = self._dock(self.tr("Serve remotely"), "remote", self.remote_view, right)
        self.tabifyDockWidget(self.inspector_dock, self.remote_dock)
        self.territories_dock = self._dock(
            self.tr("Territories"),
            "territories",
            self.territories_panel,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.tabifyDockWidget(self.plan_dock, self.territories_dock)
        self.team_dock = self._dock(
            self.tr("Team"), "team", self.team_view, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.tabifyDockWidget(self.territories_dock, self.team_dock)
        self.plan_dock.raise_()
        self.inspector_dock.raise_()
        # Sizes apply once the window has its geometry (see _restore_layout).

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _menus(self) -> None:
        flows = self.workflows
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        keys = QKeySequence.StandardKey
        self.file_menu.addActions([
            self._action(self.tr("&New workspace…"), flows.new_workspace, keys.New),
            self._action(self.tr("&Open workspace…"), flows.open_workspace, keys.Open),
            self._action(self.tr("Open &team workspace…"), self.team_flows.open_team_workspace),
            self._action(self.tr("Save workspace &as…"), flows.save_workspace_as, keys.SaveAs),
        ])  # fmt: skip
        self.file_menu.addSeparator()
        self.file_menu.addAction(
            self._action(self.tr("&Import accounts…"), flows.import_accounts, "Ctrl+I")
        )
        self.export_menu = self.file_menu.addMenu(self.tr("&Export"))
        for fmt, label, _pattern in flows.EXPORTS:
            self.export_menu.addAction(self._action(self.tr(label), lambda f=fmt: flows.export(f)))
        self.file_menu.addSeparator()
        self.file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )
        edit = bar.addMenu(self.tr("&Edit"))
        undo = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addAction(
            self._action(
                self.tr("&Find account"), self._focus_filter, QKeySequence.StandardKey.Find
            )
        )
        self.plan_menu = bar.addMenu(self.tr("&Plan"))
        self.plan_menu.addActions([
            self._action(self.tr("&Geocode accounts"), flows.geocode, "Ctrl+G"),
            self._action(self.tr("Rep profile and &costs…"), flows.edit_rep, "Ctrl+,"),
            self._action(self.tr("Customer &tiers…"), flows.edit_tiers),
            self._action(self.tr("E&xchange rates…"), flows.edit_rates),
        ])  # fmt: skip
        self.plan_menu.addSeparator()
        self.plan_menu.addActions([
            self._action(self.tr("&Plan week…"), flows.plan_week, "Ctrl+P"),
            self._action(self.tr("&Re-optimise"), lambda: flows.plan_week(ask=False), "Ctrl+R"),
            self._action(self.tr("Plan the whole &team"),
                         lambda: self.team_flows.plan_team(self.team_view.week_start())),
        ])  # fmt: skip
        self.travel = TravelActions(self.session, self.runner, self)
        self.travel.install(bar)
        self.view_menu = bar.addMenu(self.tr("&View"))
        docks = (self.accounts_dock, self.plan_dock, self.inspector_dock, self.remote_dock)
        for dock in (*docks, self.territories_dock, self.team_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        miles = self._action(self.tr("Distances in &miles"), self._toggle_miles)
        miles.setCheckable(True)
        miles.setChecked(self.units.miles)
        self.view_menu.addAction(miles)
        language = self.view_menu.addMenu(self.tr("&Language"))
        for code, name in (("en", "English"), ("it", "Italiano")):
            language.addAction(self._action(name, lambda c=code: self._set_language(c)))

    def _toggle_miles(self, checked: bool) -> None:
        self.settings.setValue("units/miles", checked)
        self.units = ui_formats(miles=checked)
        self.plan_view.set_units(self.units)
        self._update_status()

    def _set_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        self.relaunch_requested.emit()

    def _toolbar(self) -> None:
        bar = self.addToolBar(self.tr("Rep"))
        bar.setObjectName("rep-toolbar")
        bar.addWidget(QLabel(self.tr(" Rep: ")))
        self.rep_combo = QComboBox()
        self.rep_combo.setMinimumWidth(180)
        bar.addWidget(self.rep_combo)
        self.week_back, self.week_next = QToolButton(), QToolButton()
        self.week_back.setText("◀")
        self.week_back.setToolTip(self.tr("Previous week"))
        self.week_next.setText("▶")
        self.week_next.setToolTip(self.tr("Next week"))
        self.week_label = QLabel()
        for widget in (self.week_back, self.week_label, self.week_next):
            bar.addWidget(widget)
        self.week_back.clicked.connect(lambda: self._step_week(-1))
        self.week_next.clicked.connect(lambda: self._step_week(1))
        self.rep_combo.activated.connect(
            lambda: self.session.choose_rep(self.rep_combo.currentText())
        )
        self._fill_reps()

    def _step_week(self, weeks: int) -> None:
        """The week selector: the previous or next week's stored plan (or none yet)."""
        self.session.choose_week(self.session.week_start + timedelta(weeks=weeks))
        self._fill_reps()

    def _fill_reps(self) -> None:
        self.rep_combo.blockSignals(True)
        self.rep_combo.clear()
        self.rep_combo.addItems([r.name for r in self.session.workspace.reps()])
        if self.session.rep is not None:
            self.rep_combo.setCurrentText(self.session.rep.name)
        self.rep_combo.blockSignals(False)
        self.week_label.setText(
            self.tr("  week of %s") % self.units.long_date(self.session.week_start)
        )

    def _connect(self) -> None:
        s = self.session
        s.accounts_changed.connect(self._refresh_accounts)
        s.account_changed.connect(self._account_changed)
        s.plan_changed.connect(self._refresh_plan)
        self.accounts_panel.selection_changed.connect(self._table_selected)
        self.accounts_panel.new_appointment.connect(self._new_appointment)
        self.accounts_panel.find_slot.connect(self._find_slot)
        self.map_view.account_clicked.connect(self._map_clicked)
        self.map_view.selection_changed.connect(self._map_selected)
        self.map_view.failed.connect(
            lambda why: self.statusBar().showMessage(self.tr("The map is not available: %s") % why)
        )
        self.plan_view.visit_selected.connect(lambda key: self._select([key], from_map=False))
        self.remote_view.account_selected.connect(lambda key: self._select([key], from_map=False))
        self.inspector.pin_requested.connect(s.set_manual_pin)
        s.territories_changed.connect(self._refresh_territories)
        # Measuring territories loads scipy: only when the manager looks at them.
        self.territories_dock.visibilityChanged.connect(self._refresh_territories)
        s.rep_changed.connect(self._fill_reps)
        s.rep_changed.connect(self._refresh_scope)
        self.accounts_panel.everyone.toggled.connect(self._all_reps_toggled)
        s.plan_changed.connect(self._fill_reps)
        self.territories_panel.balance_requested.connect(self.workflows.balance_territories)
        self.territories_panel.assign_requested.connect(self._give_selected)
        self.plan_view.visit_moved.connect(lambda *move: self._refused(s.move_visit(*move)))
        self.plan_view.lock_toggled.connect(lambda key: self._refused(s.toggle_lock(key)))
        self.plan_view.visit_removed.connect(lambda key: self._refused(s.remove_visit(key)))
        self.team_dock.visibilityChanged.connect(self.team_flows.refresh_if_shown)
        self.team_view.week_changed.connect(self.team_flows.refresh)
        self.team_view.plan_team_requested.connect(self.team_flows.plan_team)
        s.save_failed.connect(self._save_failed)

    # plan edits ------------------------------------------------------------------------
    def _save_failed(self, why: str) -> None:
        """An edit the workspace refused (e.g. someone else changed the row): say why, then
        show what is stored now (after the undo stack has finished with the command)."""
        QMessageBox.warning(self, self.tr("Not saved"), why)
        rep = self.session.rep
        QTimer.singleShot(0, lambda: self.session.reload(rep.name if rep else None))

    def _refused(self, reason: str) -> None:
        if reason:
            # The whole reason, wrapped above the days: the status bar would clip it.
            self.plan_view.show_notice(
                self.tr("Not changed: %s") % translate_reason(reason, ui_locale())
            )

    def _give_selected(self, rep_name: str) -> None:
        keys = self.accounts_panel.selected_keys()
        if not keys:
            self.statusBar().showMessage(self.tr("Select accounts in the table first"), 5000)
            return
        self._refused(self.session.give_accounts(keys, rep_name))

    def _refresh_territories(self) -> None:
        if not self.territories_panel.isVisible():
            return
        names = [r.name for r in self.session.workspace.reps()]
        result = self.session.territories()
        self.territories_panel.show_result(result, names, self.session.territory_problem)

    # state → views ---------------------------------------------------------------------
    def _refresh_accounts(self) -> None:
        self.accounts_model.set_accounts(self.session.accounts)
        self.accounts_model.set_figures(self.session.figures())
        self._refresh_scope()
        self._reshow_inspector()
        self._update_status()

    def _refresh_scope(self) -> None:
        """The table shows the selected rep's accounts ("All reps" shows every one)."""
        scope = self._scope = self.session.scope()
        everyone = scope is None or scope.everyone
        self.accounts_panel.set_scope(None if everyone else scope.keys)

    def _all_reps_toggled(self, checked: bool) -> None:
        """Planning follows the table's switch: all reps' accounts, or the rep's own."""
        self.session.model.all_accounts = checked
        self._refresh_scope()

    def _reshow_inspector(self) -> None:
        """After a reload or a workspace switch: the same account's fresh state, or empty."""
        shown = self.inspector.account
        self._show_in_inspector(shown.key if shown is not None else None)

    def _account_changed(self, key: str) -> None:
        account = self.session.account(key)
        if account is not None:
            self.accounts_model.replace_account(account)
            if self.inspector.account is not None and self.inspector.account.key == key:
                self._show_in_inspector(key)

    def _new_appointment(self, key: str) -> None:
        """Right-click ▸ New appointment…: kept by the next plan of that week."""
        account, rep = self.session.account(key), self.session.rep
        if account is None or rep is None:
            return
        start = datetime.combine(self.session.week_start, time(10))
        dialog = AppointmentDialog(account.name, start, self)
        if dialog.exec() != AppointmentDialog.DialogCode.Accepted:
            return
        request = AppointmentRequest(
            rep.name, dialog.start(), dialog.minutes.value(), dialog.appointment_kind(),
            account_id=key, title=dialog.title.text().strip(),
        )  # fmt: skip
        try:
            add_appointment(self.session.workspace, request)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("New appointment"), str(exc))
            return
        self.statusBar().showMessage(
            self.tr("Appointment added: plan the week again to fit it in"), 8000
        )
        self._refresh_plan()

    def _find_slot(self, key: str) -> None:
        """Right-click ▸ Find a slot…: the best times this week or next, and their price."""
        rep = self.session.rep
        if rep is None:
            return
        try:
            slots = find_slots(self.session.workspace, rep.name, key, self.session.week_start)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Find a slot"), str(exc))
            return
        lines = [f"{s.arrival:%a %d %b %H:%M}: {describe_slot(s)}" for s in slots]
        text = "\n".join(lines) or self.tr("No slot fits this week or next.")
        QMessageBox.information(self, self.tr("Find a slot"), text)

    def _refresh_plan(self) -> None:
        plan = self.session.plan
        located = {a.key: a.location for a in self.session.accounts if a.location is not None}
        rep = self.session.rep
        overlay = week_overlay(self.session.workspace, rep, plan) if plan and rep else None
        self.plan_view.show_plan(plan, located, overlay)
        self.remote_view.show_decisions(plan.remote if plan else ())
        self.accounts_model.set_figures(self.session.figures())
        self._reshow_inspector()
        self._update_status()

    def _update_status(self) -> None:
        accounts = self.session.accounts
        located = sum(1 for a in accounts if a.location is not None)
        shown = self.accounts_panel.proxy.rowCount()
        text = self.tr("%d accounts (%d shown) · %d on the map") % (len(accounts), shown, located)
        coarse = sum(1 for a in accounts if a.precision.is_coarse)
        crowded = sum(len(pin.names) for pin in shared_pins(accounts))
        if coarse or crowded:
            text += " · " + self.tr("%d town/postcode pins, %d accounts share a pin") % (
                coarse,
                crowded,
            )
        plan = self.session.plan
        if plan is not None and plan.days:
            text += " · " + self.tr("week of %s: %d visits, %s, value %s, cost %s") % (
                self.units.day(plan.week_start),
                len(plan.visits()),
                self.units.distance(plan.distance_m),
                self.units.money(plan.value),
                self.units.money(plan.cost),
            )
        self._status.setText(text)

    # selection both ways ---------------------------------------------------------------
    def _table_selected(self, keys: list[str]) -> None:
        self._show_in_inspector(keys[0] if keys else None)
        self.map_view.call("select", keys)
        if keys:
            self.map_view.call("fitTo", keys)

    def _map_clicked(self, key: str) -> None:
        """Markers and stops carry the account key as their id; the map marks it too."""
        if self.session.account(key) is not None:
            self._select([key], from_map=False)

    def _map_selected(self, keys: list[str]) -> None:
        """Shift/ctrl-click or a shift-drag box on the map: the same rows in the table."""
        self._select([k for k in keys if self.session.account(k) is not None], from_map=True)

    def _select(self, keys: list[str], from_map: bool) -> None:
        self.accounts_panel.select_keys(keys)
        self._show_in_inspector(keys[0] if keys else None)
        if not from_map:
            self.map_view.call("select", keys)
        self.inspector_dock.raise_()

    def _show_in_inspector(self, key: str | None) -> None:
        account = self.session.account(key) if key else None
        self.inspector.show_account(
            account,
            self.session.valuation.breakdowns.get(key) if key else None,
            self.session.decisions().get(key) if key else None,
            self._scope.reason_out(account) if account and self._scope else "",
        )

    def _focus_filter(self) -> None:
        self.accounts_dock.raise_()
        self.accounts_panel.search.setFocus()
        self.accounts_panel.search.selectAll()

    # layout memory ---------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        if state is not None:
            self.restoreState(state)
        else:
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        """The map gets the room: narrow side docks, a plan strip below."""
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        self.resizeDocks([self.accounts_dock, self.inspector_dock], [480, 340], horizontal)
        self.resizeDocks([self.plan_dock], [300], vertical)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if not self.session.workspace.is_team:
            self.settings.setValue("workspace/last", str(self.session.workspace.path.resolve()))
        self.runner.cancel_all()
        self.runner.wait(10000)
        self.map_view.dispose()
        super().closeEvent(event)
