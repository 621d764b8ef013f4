"""The window's docks and their remembered layout.

Accounts on the left, the inspector and the remote list on the right, the week plan,
territories and team below; the map keeps the centre. Geometry and dock state are saved
on close and restored on the next start (QSettings); a first start gets default sizes
that give the map the room. Dock titles keep the main window's translation context.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from planner.ui.formatting import translate

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


@dataclass(frozen=True)
class Docks:
    accounts: QDockWidget
    plan: QDockWidget
    inspector: QDockWidget
    remote: QDockWidget
    territories: QDockWidget
    team: QDockWidget

    def all(self) -> tuple[QDockWidget, ...]:
        """In the order the View menu lists them."""
        return (self.accounts, self.plan, self.inspector, self.remote, self.territories, self.team)


def _dock(
    window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState/restoreState find docks by name
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


def add_docks(
    window: QMainWindow,
    *,
    accounts: QWidget,
    plan: QWidget,
    inspector: QWidget,
    remote: QWidget,
    territories: QWidget,
    team: QWidget,
) -> Docks:
    docks = Docks(
        accounts=_dock(window, translate("MainWindow", "Accounts"), "accounts", accounts, LEFT),
        plan=_dock(window, translate("MainWindow", "Week plan"), "plan", plan, BOTTOM),
        inspector=_dock(window, translate("MainWindow", "Account"), "inspector", inspector, RIGHT),
        remote=_dock(window, translate("MainWindow", "Serve remotely"), "remote", remote, RIGHT),
        territories=_dock(
            window, translate("MainWindow", "Territories"), "territories", territories, BOTTOM
        ),
        team=_dock(window, translate("MainWindow", "Team"), "team", team, BOTTOM),
    )
    window.tabifyDockWidget(docks.inspector, docks.remote)
    window.tabifyDockWidget(docks.plan, docks.territories)
    window.tabifyDockWidget(docks.territories, docks.team)
    docks.plan.raise_()
    docks.inspector.raise_()
    return docks


def restore_layout(window: QMainWindow, docks: Docks, settings: QSettings) -> None:
    geometry = settings.value("window/geometry")
    state = settings.value("window/state")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(1440, 900)
    if state is not None:
        window.restoreState(state)
    else:
        # Sizes apply once the window has its geometry: after this turn of the loop.
        QTimer.singleShot(0, lambda: _default_dock_sizes(window, docks))


def _default_dock_sizes(window: QMainWindow, docks: Docks) -> None:
    """The map gets the room: narrow side docks, a plan strip below."""
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    window.resizeDocks([docks.accounts, docks.inspector], [480, 340], horizontal)
    window.resizeDocks([docks.plan], [300], vertical)


def save_layout(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
