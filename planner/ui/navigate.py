"""Navigate menus: open a stop or a day's route in the rep's navigation app.

The links come from the core (`planner.domain.navigation`); the desktop opens them
(a browser, or the phone-linked app) and "Copy" puts them on the clipboard for a
phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from planner.domain import GeoPoint
from planner.domain.navigation import StopLinks, google_day_links


def _open(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


def _copy(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def fill_stop_menu(menu: QMenu, point: GeoPoint, name: str) -> None:
    """Google Maps, Apple Maps, Waze, any app (geo:), and copy the Google link."""
    links = StopLinks.of(point, name)
    menu.addAction(
        QCoreApplication.translate("Navigate", "Google Maps"), lambda: _open(links.google)
    )
    menu.addAction(QCoreApplication.translate("Navigate", "Apple Maps"), lambda: _open(links.apple))
    menu.addAction(QCoreApplication.translate("Navigate", "Waze"), lambda: _open(links.waze))
    menu.addAction(
        QCoreApplication.translate("Navigate", "Other app (geo:)"), lambda: _open(links.geo)
    )
    menu.addSeparator()
    menu.addAction(
        QCoreApplication.translate("Navigate", "Copy Google Maps link"), lambda: _copy(links.google)
    )


def fill_day_menu(menu: QMenu, route: Sequence[GeoPoint]) -> None:
    """The day's route in Google Maps (split in parts past nine stops), and copy it."""
    links = google_day_links(route)
    for i, link in enumerate(links, start=1):
        text = QCoreApplication.translate("Navigate", "Google Maps: the day's route")
        if len(links) > 1:
            text = QCoreApplication.translate("Navigate", "Google Maps: part %d of %d") % (
                i,
                len(links),
            )
        menu.addAction(text, partial(_open, link))
    menu.addSeparator()
    menu.addAction(
        QCoreApplication.translate("Navigate", "Copy the route's link"),
        lambda: _copy("\n".join(links)),
    )


def navigate_button(parent: QWidget | None = None) -> QToolButton:
    """A "Navigate ▾" button whose menu is filled by the caller."""
    button = QToolButton(parent)
    button.setText(QCoreApplication.translate("Navigate", "Navigate"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(QMenu(button))
    return button
