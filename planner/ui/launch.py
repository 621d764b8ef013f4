"""Create the QApplication, open the workspace, show the window (or take a screenshot)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from planner.domain import DomainError
from planner.domain.progress import CancelFlag, Cancelled
from planner.resources import resource_path
from planner.services.demo import ensure_demo_workspace
from planner.services.workspaces import Workspace, WorkspaceError, default_workspace_path
from planner.ui.main_window import APP, ORG, MainWindow
from planner.ui.screenshot import ScreenshotTaker


def install_translator(app: QApplication, language: str | None) -> QTranslator | None:
    """Italian or English UI: the setting, else the system locale.

    Qt's own catalogue (qtbase_it) translates the standard buttons and dialogs (OK,
    Cancel, Yes, the file dialog); it is a child of ours and leaves with it.
    """
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    system = QLocale.system()
    if system.language() == QLocale.Language.C:  # no locale configured (CI, containers)
        system = english
    language = language or system.name()[:2]
    if language != "it":
        QLocale.setDefault(system if system.name().startswith(language) else english)
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Italian, QLocale.Country.Italy))
    translator = QTranslator(app)
    if not translator.load(str(resource_path("translations", "planner_it.qm"))):
        return None
    qt_own = QTranslator(translator)
    if qt_own.load("qtbase_it", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
    app.installTranslator(translator)
    return translator


def _workspace_path(args: argparse.Namespace, settings: QSettings) -> tuple[Path, bool]:
    """The workspace to open, and whether it is the demo (built on first use)."""
    if args.workspace is not None:
        return Path(args.workspace), False
    last = str(settings.value("workspace/last", "", type=str))
    if not args.demo and last and Path(last).exists():
        return Path(last), False
    return default_workspace_path().with_name("demo.tpw"), True


class _DialogProgress:
    """Progress of the one-off demo build in a dialog, kept painted from the main thread."""

    def __init__(self, dialog: QProgressDialog | None) -> None:
        self.dialog = dialog
        self.flag = CancelFlag()
        if dialog is not None:
            dialog.canceled.connect(self.flag.cancel)

    def report(self, fraction: float, message: str = "") -> None:
        if self.dialog is not None:
            self.dialog.setValue(int(fraction * 1000))
            self.dialog.setLabelText(message or self.dialog.labelText())
            QApplication.processEvents()


def _build_demo(path: Path, interactive: bool) -> bool:
    """First start: import, geocode, split and plan the demo territory (once)."""
    if path.exists():
        return bool(ensure_demo_workspace(path))
    dialog = None
    if interactive:
        dialog = QProgressDialog(
            QApplication.translate("launch", "Preparing the demo territory…"),
            QApplication.translate("launch", "Cancel"), 0, 1000,
        )  # fmt: skip
        dialog.setWindowTitle(APP)
        dialog.setMinimumDuration(0)
        dialog.show()
    progress = _DialogProgress(dialog)
    try:
        ensure_demo_workspace(path, progress, progress.flag)
    except Cancelled:
        return False
    finally:
        if dialog is not None:
            dialog.close()
    return True


class _App:
    """Holds the window; rebuilds it when the language changes."""

    def __init__(
        self, app: QApplication, settings: QSettings, path: Path, language: str | None
    ) -> None:
        self.app, self.settings, self.path = app, settings, path
        self.translator = install_translator(app, language)
        self.window = self._open()

    def _open(self) -> MainWindow:
        window = MainWindow(Workspace.open(self.path), self.settings)
        window.relaunch_requested.connect(self._relaunch)
        window.show()
        return window

    def _relaunch(self) -> None:
        old = self.window
        old.close()
        old.session.workspace.close()
        if self.translator is not None:
            for child in self.translator.findChildren(QTranslator):
                self.app.removeTranslator(child)
            self.app.removeTranslator(self.translator)
        self.translator = install_translator(
            self.app, str(self.settings.value("ui/language", "en"))
        )
        self.window = self._open()
        old.deleteLater()


def launch(args: argparse.Namespace) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setDesktopFileName("territory-planner")
    app.setWindowIcon(QIcon(str(resource_path("icons", "territory-planner.svg"))))
    settings = QSettings(ORG, APP)
    language = args.language or str(settings.value("ui/language", "", type=str)) or None
    path, is_demo = _workspace_path(args, settings)
    try:
        if is_demo and not _build_demo(path, args.screenshot is None):
            return 1
        shell = _App(app, settings, path, language)
    except (WorkspaceError, DomainError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        if args.screenshot is None:
            QMessageBox.critical(None, APP, str(exc))
        return 1
    if args.screenshot is not None:
        taker = ScreenshotTaker(shell.window, args.screenshot)
        taker.start()
        code = app.exec()
        return code or taker.exit_code
    return app.exec()
