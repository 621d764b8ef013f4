"""`territory-planner gui --self-test`: prove that this installation works, then exit.

Runs offscreen: builds the demo workspace in a temporary folder, geocodes it with the
offline gazetteer, opens the main window, waits until the map has drawn the accounts,
plans a short week through the same workflow as the Plan menu and waits until the map
draws its routes. Each check prints one line; exit 0 when all pass, 1 with the reason
otherwise. Packagers run it on the frozen bundle (`make package-test`).
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, QTranslator, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from planner.resources import app_root, resource_path
from planner.services.demo import STEPS, run_demo
from planner.services.geocode_accounts import default_gazetteer_path
from planner.services.map_page import check_map_assets
from planner.services.workspaces import Workspace
from planner.ui.main_window import APP, ORG, MainWindow

PLAN_DAYS = 2
PLAN_SECONDS = 2.0
TIMEOUT_S = 180  # the whole run; a WebEngine that never renders must not hang CI
POLL_MS = 200
DEMO_STEPS = ("import accounts", "import reps", "geocode", "territories")
EXIT_DELAY_MS = 200  # lets the closed window's deferred deletes run


class SelfTestError(RuntimeError):
    """A check failed; the message says which and why."""


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _ok(label: str, detail: str) -> None:
    print(f"ok    {label:<12} {detail}", flush=True)


def check_files() -> None:
    """Shipped files: map assets, translations, icon, demo data, the offline gazetteer."""
    where = "frozen bundle" if frozen() else "source"
    _ok("python", f"{sys.version.split()[0]}, PySide6 {pyside_version}, Qt {qVersion()} ({where})")
    _ok("map assets", check_map_assets())  # raises MissingAssets naming what is missing
    translator = QTranslator()
    if not translator.load(str(resource_path("translations", "planner_it.qm"))):
        raise SelfTestError(f"cannot load the Italian translation under {app_root()}")
    icon = resource_path("icons", "territory-planner.svg")
    if not icon.is_file():
        raise SelfTestError(f"icon missing: {icon}")
    _ok("resources", f"translations (it), icon, demo data under {resource_path()}")
    gazetteer = default_gazetteer_path()
    if not gazetteer.is_file():
        if frozen():
            raise SelfTestError(f"the bundle has no prebuilt gazetteer ({gazetteer})")
        print(f"note  gazetteer    not built yet; the geocoding check builds it ({gazetteer})")
    else:
        _ok("gazetteer", f"{gazetteer} ({gazetteer.stat().st_size / 1e6:.0f} MB)")


def prepare_demo(folder: Path) -> Path:
    """The demo workspace built by the demo's own steps, up to (not including) the plan:
    import, offline geocoding, territory split. The window plans the week itself."""
    started = time.monotonic()
    steps = [step for step in STEPS if step.name in DEMO_STEPS]
    run = run_demo(folder / "demo", steps=steps)
    path = run.workspace.path
    with Workspace.open(path) as workspace:
        accounts, reps = workspace.accounts(), workspace.reps()
    located = sum(1 for a in accounts if a.location is not None)
    if not accounts or not reps or not located:
        raise SelfTestError(
            f"the demo workspace is incomplete: {len(accounts)} accounts ({located} located), "
            f"{len(reps)} reps; steps run: {', '.join(s.name for s in steps)}"
        )
    for line in run.summary:  # import, geocoding and territories, in the demo's words
        _ok("demo", line)
    _ok("workspace", f"{len(accounts)} accounts ({located} located), {len(reps)} reps in "
        f"{path}, built in {time.monotonic() - started:.1f} s")  # fmt: skip
    return path


class SelfTest(QObject):
    """Drives the window through the checks that need the event loop."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.exit_code = 1
        self.stage = "the map to draw the accounts"
        self._started = time.monotonic()
        self._deadline = QTimer(self, singleShot=True, interval=TIMEOUT_S * 1000)
        self._deadline.timeout.connect(
            lambda: self.fail(f"timed out after {TIMEOUT_S} s waiting for {self.stage}")
        )
        self._poll_timer = QTimer(self, singleShot=True, interval=POLL_MS)
        self._poll_timer.timeout.connect(self._poll_routes)
        # Timers also fire inside a modal dialog's event loop: a message box the app
        # shows (a failed plan, a missing home) would otherwise wait for a click forever.
        self._watchdog = QTimer(self, interval=POLL_MS)
        self._watchdog.timeout.connect(self._watch_dialogs)
        self._done = False
        # A member timer dies with this object: no stray exit() into a later event loop.
        self._exit_timer = QTimer(self, singleShot=True, interval=EXIT_DELAY_MS)
        self._exit_timer.timeout.connect(self._exit)

    def start(self) -> None:
        self._deadline.start()
        self._watchdog.start()
        sync = self.window.map_sync
        if sync.is_rendered:
            self._guard(self._map_rendered)
        else:
            sync.rendered.connect(lambda: self._guard(self._map_rendered))

    def _guard(self, step: Any, *args: Any) -> None:
        """A slot that raises would only print a traceback; turn it into a failure."""
        try:
            step(*args)
        except Exception as exc:
            traceback.print_exc()
            self.fail(f"{self.stage}: {exc}")

    def _map_rendered(self) -> None:
        stats = self.window.map_sync.last_stats
        shown = stats.get("markers", 0) + stats.get("clusters", 0)
        located = sum(1 for a in self.window.session.accounts if a.location is not None)
        if not shown:
            raise SelfTestError(f"the map drew no markers for {located} located accounts")
        _ok("map", f"{stats.get('markers', 0)} markers, {stats.get('clusters', 0)} clusters "
            f"for {located} located accounts ({self._elapsed()})")  # fmt: skip
        self.stage = f"a {PLAN_DAYS}-day plan"
        session = self.window.session
        session.plan_changed.connect(lambda: self._guard(self._planned))
        task = self.window.workflows.plan_week(ask=False, time_limit_s=PLAN_SECONDS, days=PLAN_DAYS)
        if task is None:
            raise SelfTestError("the plan did not start (no rep with a home location?)")
        task.signals.failed.connect(lambda message: self.fail(f"planning failed: {message}"))
        task.signals.cancelled.connect(lambda: self.fail("planning was cancelled"))

    def _planned(self) -> None:
        plan = self.window.session.plan
        if plan is None or self.stage != f"a {PLAN_DAYS}-day plan":
            return  # plan_changed also fires on loads and undo; wait for the new plan
        visits = plan.visits()
        days = len(plan.days) + len(plan.closed)  # a public holiday is a closed day
        if days != PLAN_DAYS or not visits:
            raise SelfTestError(f"{days} days, {len(visits)} visits planned")
        _ok(
            "plan",
            f"{plan.rep_name}: {len(visits)} visits on {days} days"
            f"{f' ({len(plan.closed)} closed)' if plan.closed else ''}, "
            f"{plan.distance_m / 1000:.0f} km, value {plan.value}, cost {plan.cost}, "
            f"{len(plan.remote)} remote ({self._elapsed()})",
        )
        self.stage = "the map to draw the routes"
        self._poll_routes()

    def _poll_routes(self) -> None:
        self.window.map_view.evaluate(
            "planner.stats()", lambda stats: self._guard(self._on_route_stats, stats)
        )

    def _on_route_stats(self, stats: dict[str, Any] | None) -> None:
        legs = (stats or {}).get("legs", 0)
        if not legs:
            self._poll_timer.start()
            return
        _ok("routes", f"the map drew {legs} legs ({self._elapsed()})")
        self.exit_code = 0
        self._finish()

    def _elapsed(self) -> str:
        return f"{time.monotonic() - self._started:.1f} s"

    def _watch_dialogs(self) -> None:
        dialog = QApplication.activeModalWidget()
        if self._done:  # a dialog opened after exit() (e.g. the rep editor after a warning)
            if dialog is not None:
                dialog.close()
                self._exit()
            return
        if isinstance(dialog, QMessageBox):
            self.fail(f"{self.stage}: the app said: {dialog.text()}")
        elif dialog is not None and not isinstance(dialog, QProgressDialog):
            self.fail(f"{self.stage}: unexpected dialog {dialog.windowTitle()!r}")

    def fail(self, message: str) -> None:
        if self._done:
            return
        print(f"FAIL  {message}", file=sys.stderr, flush=True)
        self.exit_code = 1
        self._finish()

    def _finish(self) -> None:
        self._done = True
        self._deadline.stop()
        self._poll_timer.stop()
        # Close inside the loop: the map page must be deleted before the web profile,
        # or WebEngine stalls and crashes at exit. exit() then leaves every running
        # event loop, also a modal message box's.
        self.window.close()
        self._exit_timer.start()

    def _exit(self) -> None:
        QApplication.exit(self.exit_code)


def run_self_test() -> int:
    """Run every check; the process exit code (0 = all passed)."""
    started = time.monotonic()
    app_obj = QApplication.instance()
    app = app_obj if isinstance(app_obj, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    print(f"{APP} self-test", flush=True)
    with tempfile.TemporaryDirectory(prefix="territory-planner-selftest-") as tmp:
        try:
            check_files()
            path = prepare_demo(Path(tmp))
        except Exception as exc:
            print(f"FAIL  {exc}", file=sys.stderr, flush=True)
            code = 1
        else:
            code = _run_window(app, path, Path(tmp) / "settings.ini")
    verdict = "passed" if code == 0 else "FAILED"
    print(f"self-test {verdict} in {time.monotonic() - started:.1f} s", flush=True)
    return code


def _run_window(app: QApplication, path: Path, settings_file: Path) -> int:
    # Private settings: the test must not change the user's layout or last workspace.
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(Workspace.open(path), settings)
    window.show()
    test = SelfTest(window)
    test.start()
    code = app.exec() or test.exit_code
    window.runner.wait(10000)
    window.session.workspace.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
