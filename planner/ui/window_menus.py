"""The main window's menu bar: File, Edit, Plan, Travel and View.

The menus only call what the window's parts already do (workflows, team workflows, the
travel actions, the session's undo stack). The texts keep the main window's translation
context, where the catalogue has them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from planner.ui.formatting import translate
from planner.ui.travel_menu import TravelActions

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
KEYS = QKeySequence.StandardKey


def _action(
    owner: QObject, text: str, slot: Callable[..., object], shortcut: Shortcut = None
) -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


@dataclass(frozen=True)
class Menus:
    file: QMenu
    edit: QMenu
    plan: QMenu
    travel: TravelActions
    view: QMenu


def install_menus(window: MainWindow) -> Menus:
    file, edit, plan = _file_menu(window), _edit_menu(window), _plan_menu(window)
    travel = TravelActions(window.session, window.runner, window)
    travel.install(window.menuBar())
    return Menus(file=file, edit=edit, plan=plan, travel=travel, view=_view_menu(window))


def _file_menu(window: MainWindow) -> QMenu:
    flows = window.workflows
    menu = window.menuBar().addMenu(translate("MainWindow", "&File"))
    menu.addActions(
        [
            _action(
                window, translate("MainWindow", "&New workspace…"), flows.new_workspace, KEYS.New
            ),
            _action(
                window, translate("MainWindow", "&Open workspace…"), flows.open_workspace, KEYS.Open
            ),
            _action(
                window,
                translate("MainWindow", "Open &team workspace…"),
                window.team_flows.open_team_workspace,
            ),
            _action(
                window,
                translate("MainWindow", "Save workspace &as…"),
                flows.save_workspace_as,
                KEYS.SaveAs,
            ),
        ]
    )
    menu.addSeparator()
    menu.addAction(
        _action(
            window, translate("MainWindow", "&Import accounts…"), flows.import_accounts, "Ctrl+I"
        )
    )
    exports = menu.addMenu(translate("MainWindow", "&Export"))
    for fmt, label, _pattern in flows.EXPORTS:
        exports.addAction(
            _action(window, translate("MainWindow", label), lambda f=fmt: flows.export(f))
        )
    menu.addSeparator()
    menu.addAction(_action(window, translate("MainWindow", "&Quit"), window.close, KEYS.Quit))
    return menu


def _edit_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().addMenu(translate("MainWindow", "&Edit"))
    stack = window.session.undo_stack
    undo = stack.createUndoAction(window, translate("MainWindow", "&Undo"))
    undo.setShortcut(KEYS.Undo)
    redo = stack.createRedoAction(window, translate("MainWindow", "&Redo"))
    redo.setShortcut(KEYS.Redo)
    menu.addActions([undo, redo])
    menu.addSeparator()
    menu.addAction(
        _action(window, translate("MainWindow", "&Find account"), window.focus_filter, KEYS.Find)
    )
    return menu


def _plan_menu(window: MainWindow) -> QMenu:
    flows, team = window.workflows, window.team_flows
    menu = window.menuBar().addMenu(translate("MainWindow", "&Plan"))
    menu.addActions(
        [
            _action(window, translate("MainWindow", "&Geocode accounts"), flows.geocode, "Ctrl+G"),
            _action(
                window, translate("MainWindow", "Rep profile and &costs…"), flows.edit_rep, "Ctrl+,"
            ),
            _action(window, translate("MainWindow", "Customer &tiers…"), flows.edit_tiers),
            _action(window, translate("MainWindow", "E&xchange rates…"), flows.edit_rates),
        ]
    )
    menu.addSeparator()
    menu.addActions(
        [
            _action(window, translate("MainWindow", "&Plan week…"), flows.plan_week, "Ctrl+P"),
            _action(
                window,
                translate("MainWindow", "&Re-optimise"),
                lambda: flows.plan_week(ask=False),
                "Ctrl+R",
            ),
            _action(
                window,
                translate("MainWindow", "Plan the whole &team"),
                lambda: team.plan_team(window.team_view.week_start()),
            ),
        ]
    )
    return menu


def _view_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().addMenu(translate("MainWindow", "&View"))
    for dock in window.docks.all():
        menu.addAction(dock.toggleViewAction())
    menu.addSeparator()
    miles = _action(window, translate("MainWindow", "Distances in &miles"), window.toggle_miles)
    miles.setCheckable(True)
    miles.setChecked(window.units.miles)
    menu.addAction(miles)
    language = menu.addMenu(translate("MainWindow", "&Language"))
    for code, name in (("en", "English"), ("it", "Italiano")):
        language.addAction(_action(window, name, lambda c=code: window.set_language(c)))
    return menu
