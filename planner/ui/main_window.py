"""The main window: accounts, map and week side by side.

Layout: the map in the centre; the ranked accounts on the left; the week plan below;
the inspector and the remote list on the right. Docks can be moved; the layout and the
last workspace are remembered (QSettings).

The window wires its parts together and keeps them in step with the session; the parts
live beside it: the docks and their layout memory (`window_layout`), the menu bar
(`window_menus`), the rep and week selector (`week_toolbar`), the status line
(`status_line`) and the calendar actions of the table's context menu (`calendar_actions`).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox

from planner.domain.reasons import translate_reason
from planner.services.rep_scope import RepScope
from planner.services.week_overlay import week_overlay
from planner.services.workspaces import Workspace
from planner.ui.accounts_model import AccountsModel
from planner.ui.accounts_panel import AccountsPanel
from planner.ui.calendar_actions import CalendarActions
from planner.ui.formatting import ui_formats, ui_locale
from planner.ui.inspector import Inspector
from planner.ui.map_sync import MapSync
from planner.ui.map_view import MapView
from planner.ui.plan_view import PlanView
from planner.ui.remote_view import RemoteView
from planner.ui.session import Session
from planner.ui.status_line import StatusLine
from planner.ui.team_view import TeamView
from planner.ui.team_workflows import TeamWorkflows
from planner.ui.territories_panel import TerritoriesPanel
from planner.ui.week_toolbar import WeekToolbar
from planner.ui.window_layout import add_docks, restore_layout, save_layout
from planner.ui.window_menus import install_menus
from planner.ui.workers import TaskRunner
from planner.ui.workflows import Workflows

ORG, APP = "territory-planner", "Territory planner"


FRAME_MS = 20  # a frame of the page at 50-60 Hz


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
        self._territories_in_view = False
        self.remote_view = RemoteView()
        self.territories_panel = TerritoriesPanel()
        self.team_view = TeamView(self.units)
        self.setCentralWidget(self.map_view)
        self.docks = add_docks(
            self, accounts=self.accounts_panel, plan=self.plan_view, inspector=self.inspector,
            remote=self.remote_view, territories=self.territories_panel, team=self.team_view,
        )  # fmt: skip
        self.accounts_dock, self.plan_dock = self.docks.accounts, self.docks.plan
        self.inspector_dock, self.remote_dock = self.docks.inspector, self.docks.remote
        self.territories_dock, self.team_dock = self.docks.territories, self.docks.team
        self._status = StatusLine()
        self.statusBar().addPermanentWidget(self._status)
        self.workflows = Workflows(self.session, self.runner, self, self.settings)
        self.workflows.message.connect(self.statusBar().showMessage)
        self.workflows.workspace_opened.connect(lambda name: self.setWindowTitle(f"{APP} — {name}"))
        self.team_flows = TeamWorkflows(
            self.session, self.runner, self, self.settings,
            workflows=self.workflows, view=self.team_view,
        )  # fmt: skip
        self.team_flows.opened.connect(self.team_dock.raise_)
        self.calendar = CalendarActions(self.session, self)
        self.calendar.message.connect(self.statusBar().showMessage)
        self.calendar.appointment_added.connect(self._refresh_plan)
        self.menus = install_menus(self)
        self.week_bar = WeekToolbar(self.session, self.units, self)
        self.addToolBar(self.week_bar)
        # Connected first: after an edit the map's update is sent before the other views
        # are redrawn, and the page draws it meanwhile.
        self.map_sync = MapSync(self.session, self.map_view, self.runner)
        self._connect()
        restore_layout(self, self.docks, self.settings)
        self._refresh_accounts()
        self._refresh_plan()

    # view settings (View menu) ---------------------------------------------------------
    def toggle_miles(self, checked: bool) -> None:
        self.settings.setValue("units/miles", checked)
        self.units = ui_formats(miles=checked)
        self.plan_view.set_units(self.units)
        self.week_bar.units = self.units
        self._update_status()

    def set_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        self.relaunch_requested.emit()

    # construction ----------------------------------------------------------------------
    def _connect(self) -> None:
        s = self.session
        s.accounts_changed.connect(self._refresh_accounts)
        s.account_changed.connect(self._account_changed)
        # The map shows an edit first: MapSync sends its update at once. Once the page has
        # run it and had a frame to paint it (or after 250 ms if it does not answer), the
        # remote accounts' reasons are worked out and the other views redraw.
        self._follow = QTimer(self, singleShot=True, interval=0)
        self._follow.timeout.connect(self._follow_edit)
        self._follow_wait = QTimer(self, singleShot=True, interval=250)
        self._follow_wait.timeout.connect(self._follow_edit)
        s.plan_changed.connect(self._after_plan_change)
        self.map_sync.answered.connect(self._map_answered)
        self.map_sync.rendered.connect(self._prepare_edits_soon)
        self.accounts_panel.selection_changed.connect(self._table_selected)
        self.accounts_panel.new_appointment.connect(self.calendar.new_appointment)
        self.accounts_panel.find_slot.connect(self.calendar.find_slot)
        self.map_view.account_clicked.connect(self._map_clicked)
        self.map_view.selection_changed.connect(self._map_selected)
        self.map_view.failed.connect(
            lambda why: self.statusBar().showMessage(self.tr("The map is not available: %s") % why)
        )
        self.plan_view.visit_selected.connect(lambda key: self._select([key], from_map=False))
        self.remote_view.account_selected.connect(lambda key: self._select([key], from_map=False))
        self.inspector.pin_requested.connect(s.set_manual_pin)
        s.territories_changed.connect(self._refresh_territories)
        # Measuring territories loads scipy: only when the manager looks at them (a tab
        # behind another one is "visible" to Qt, hence the dock's own signal).
        self.territories_dock.visibilityChanged.connect(self._territories_shown)
        s.rep_changed.connect(self.week_bar.refresh)
        s.rep_changed.connect(self._refresh_scope)
        self.accounts_panel.everyone.toggled.connect(self._all_reps_toggled)
        s.plan_changed.connect(self.week_bar.refresh)
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

    def _territories_shown(self, shown: bool) -> None:
        self._territories_in_view = shown
        self._refresh_territories()

    def _refresh_territories(self) -> None:
        if not self._territories_in_view:
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

    def _after_plan_change(self) -> None:
        if self.map_view.is_ready:
            self._follow_wait.start()
        else:
            self._follow.start(0)

    def _map_answered(self) -> None:
        if self._follow_wait.isActive():
            self._follow_wait.stop()
            self._follow.start(FRAME_MS)

    def _follow_edit(self) -> None:
        self.session.explain_pending()  # may change the plan again: its reasons only
        self._follow_wait.stop()
        self._follow.stop()
        self._refresh_plan()
        self._prepare_edits_soon()

    def _prepare_edits_soon(self) -> None:
        """When idle: what the first hand edit of a new plan would work out (~0.15 s)."""
        QTimer.singleShot(0, self.session.prepare_edits)

    def views_settled(self) -> bool:
        """Every view shows the plan: nothing pending (tests and benchmarks wait for it)."""
        return not (self._follow_wait.isActive() or self._follow.isActive())

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
        self._status.show_state(self.session, self.units, self.accounts_panel.proxy.rowCount())

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

    def focus_filter(self) -> None:
        self.accounts_dock.raise_()
        self.accounts_panel.search.setFocus()
        self.accounts_panel.search.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:
        save_layout(self, self.settings)
        if not self.session.workspace.is_team:
            self.settings.setValue("workspace/last", str(self.session.workspace.path.resolve()))
        self.runner.cancel_all()
        self.runner.wait(10000)
        self.map_view.dispose()
        super().closeEvent(event)
