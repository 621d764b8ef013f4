"""Desktop app benchmark (issue 7): cold start and a 20,000-account table.

* cold start: a fresh Python process imports the app, opens the demo workspace and shows
  the main window; "interactive" is the first turn of the event loop with the window
  shown, "map rendered" is when the page reports the accounts (and plan) drawn.
  Target: interactive ≤ 3 s.
* table: filtering (free text, stage) and sorting 20,000 accounts through the real
  model and proxy. Target: ≤ 200 ms each.
* map ↔ table, on the demo window (map drawn): from a click on a map marker (a DOM click
  on its SVG path) to the row selected in the table; from a plan edit (a visit removed,
  then put back with undo) to the map showing the new route (its stop count), with its
  parts: the edit applied in the window (the route re-timed, the map's update sent),
  then sent -> drawn; then until the remote accounts' reasons are worked out and the
  other views (week columns, remote list, table) have followed, which they do once the
  page has drawn the route; and the same whole edits on the session model alone (no
  Qt). Target: ≤ 100 ms for the click and the map. The CPU time of all the app's
  processes (Python, the page's renderer) is printed beside the wall-clock time: on a
  machine busy with other work it stays close to what an idle machine needs, where the
  wall-clock time waits for a core.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.ui_bench [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

COLD_START = r"""
import sys, time
t0 = time.perf_counter()
from planner.ui.app import import_core_before_qt
import_core_before_qt()  # as the app's launcher does
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from planner.io.workspace import Workspace
from planner.ui.main_window import MainWindow
app = QApplication([])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(Workspace.open(sys.argv[1]), settings)
window.show()
marks = {}
def interactive():
    marks["interactive"] = time.perf_counter() - t0
def rendered():
    marks["rendered"] = time.perf_counter() - t0
    app.quit()
QTimer.singleShot(0, interactive)
window.map_sync.rendered.connect(rendered)
QTimer.singleShot(60000, app.quit)
app.exec()
print(marks.get("interactive", -1), marks.get("rendered", -1), flush=True)
window.close()
"""


def demo_workspace(folder: Path) -> Path:
    from planner.services.demo import ensure_demo_workspace

    return ensure_demo_workspace(folder / "demo.tpw")


def cold_start(workspace: Path, runs: int) -> tuple[list[float], list[float]]:
    interactive, rendered = [], []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "XDG_CACHE_HOME": tmp, "XDG_CONFIG_HOME": tmp}
            out = subprocess.run(
                [sys.executable, "-c", COLD_START, str(workspace), f"{tmp}/settings-{run}.ini"],
                capture_output=True, text=True, env=env, check=False,
            ).stdout.split()  # fmt: skip
        interactive.append(float(out[-2]))
        rendered.append(float(out[-1]))
    return interactive, rendered


def table_timings(count: int) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from planner.ui.accounts_model import AccountFilter, AccountsModel, AccountsProxy
    from tests.ui.conftest import make_accounts

    app = QApplication.instance() or QApplication([])
    accounts = make_accounts(count)
    model = AccountsModel()
    proxy = AccountsProxy()
    proxy.setSourceModel(model)
    out = {}
    start = time.perf_counter()
    model.set_accounts(accounts)
    out["load 20k rows"] = time.perf_counter() - start
    for label, account_filter in (
        ("filter text 'modena'", AccountFilter(text="modena")),
        ("filter stage", AccountFilter(stage="Proposal")),
        ("filter overdue", AccountFilter(overdue_only=True)),
        ("clear filter", AccountFilter()),
    ):
        start = time.perf_counter()
        proxy.set_filter(account_filter)
        proxy.rowCount()
        out[label] = time.perf_counter() - start
    for column, label in ((3, "sort by amount"), (0, "sort by name"), (5, "sort by visit value")):
        start = time.perf_counter()
        proxy.sort(column, Qt.SortOrder.DescendingOrder)
        proxy.index(0, 0).data()
        out[label] = time.perf_counter() - start
    del app
    return out


# Account markers drawn on their own (not inside a cluster or a shared pin), and a real
# DOM click on one's SVG path: Leaflet's handler, then the QWebChannel bridge.
DRAWN = """(function () {
  var ids = [];
  planner.map.eachLayer(function (l) {
    if (l.feature && l._path && l.feature.properties.kind === undefined) { ids.push(l.feature.id); }
  });
  return ids;
})()"""
CLICK = """(function (key) {
  var hit = null;
  planner.map.eachLayer(function (l) {
    if (l.feature && l.feature.id === key && l._path) { hit = l; }
  });
  hit._path.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
})(%s)"""


def _spin(app: Any, done: Callable[[], bool], timeout_s: float = 20.0) -> None:
    from PySide6.QtCore import QEventLoop

    limit = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > limit:
            raise TimeoutError("the window did not answer in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _js(app: Any, window: Any, expression: str) -> Any:
    box: list[Any] = []
    window.map_view.evaluate(expression, box.append)
    _spin(app, lambda: bool(box))
    return box[0]


def _in_table(window: Any, key: str) -> bool:
    """Shown in the table (the rep's own accounts unless "all reps" is ticked)."""
    row = window.accounts_model.row_of(key)
    if row is None:
        return False
    proxy = window.accounts_panel.proxy
    return bool(proxy.mapFromSource(window.accounts_model.index(row, 0)).isValid())


def _cpu_now() -> float:
    """CPU seconds used so far by this process and its descendants (the page's renderer
    and GPU processes), every thread. On a machine shared with other work, the wall-clock
    times wait for the cores; this is close to what the same steps take on an idle one."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
    mine, todo = set(), [os.getpid()]
    while todo:
        pid = todo.pop()
        mine.add(pid)
        todo += [child for child, parent in parents.items() if parent == pid]
    total = 0
    for pid in mine:
        for task in Path(f"/proc/{pid}/task").glob("*/schedstat"):
            with contextlib.suppress(OSError, ValueError):
                total += int(task.read_text().split()[0])  # nanoseconds on a CPU
    return total / 1e9


def interaction_timings(workspace: Path, runs: int) -> dict[str, list[float]]:
    """Map click → table selection; plan edit → map updated (and its re-timing part)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from planner.services.workspaces import Workspace
    from planner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat)
        window = MainWindow(Workspace.open(workspace), settings)
        window.show()
        _spin(app, lambda: window.map_sync.is_rendered, 60.0)
        out: dict[str, list[float]] = {
            "click": [], "click_cpu": [], "edit": [], "applied": [], "map": [], "views": [],
            "edit_cpu": [],
        }  # fmt: skip
        visible = [k for k in _js(app, window, DRAWN) if _in_table(window, k)]
        window.map_view.page().runJavaScript(CLICK % json.dumps(visible[-1]))  # warm-up
        _spin(app, lambda: window.accounts_panel.selected_keys() == [visible[-1]])
        for key in visible[:runs]:
            cpu, start = _cpu_now(), time.perf_counter()
            window.map_view.page().runJavaScript(CLICK % json.dumps(key))
            _spin(app, lambda key=key: window.accounts_panel.selected_keys() == [key])
            out["click"].append(time.perf_counter() - start)
            out["click_cpu"].append(_cpu_now() - cpu)
        for visit in window.session.plan.visits()[:runs]:
            stops = _js(app, window, "planner.stats().stops")
            cpu, start = _cpu_now(), time.perf_counter()
            window.session.remove_visit(visit.account_key)
            applied = time.perf_counter() - start
            _spin(app, lambda s=stops: _js(app, window, "planner.stats().stops") == s - 1)
            out["edit"].append(time.perf_counter() - start)
            out["applied"].append(applied)
            out["map"].append(out["edit"][-1] - applied)
            _spin(app, window.views_settled)
            out["views"].append(time.perf_counter() - start)
            out["edit_cpu"].append(_cpu_now() - cpu)
            window.session.undo_stack.undo()
            _spin(app, lambda s=stops: _js(app, window, "planner.stats().stops") == s)
        window.close()
        window.runner.wait(10000)
    out["service"] = edit_service_timings(workspace, runs)
    return out


def edit_service_timings(workspace: Path, runs: int) -> list[float]:
    """The same edits on the session model alone (no Qt, no views): the edit service's
    share of "plan edit -> map updated" (re-timing, explanations, values, saving)."""
    from planner.services.session import SessionModel
    from planner.services.workspaces import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.tpw"
        Workspace.open(workspace).copy_to(copy)
        model = SessionModel(Workspace.open(copy))
        assert model.plan is not None
        visits = model.plan.visits()
        model.remove_visit(visits[-1].account_key)  # warm-up, as the window's first edit
        model.history.clear()
        out = []
        for visit in visits[:runs]:
            start = time.perf_counter()
            model.remove_visit(visit.account_key)
            out.append(time.perf_counter() - start)
            model.history.undo()  # type: ignore[attr-defined]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--accounts", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = demo_workspace(Path(tmp))
        interactive, rendered = cold_start(workspace, args.runs)
        interactions = interaction_timings(workspace, max(5, args.runs))
    runs = ", ".join(f"{x:.2f}" for x in interactive)
    print(
        f"cold start, demo workspace ({args.runs} runs): median interactive "
        f"{statistics.median(interactive):.2f} s (runs {runs}); map rendered "
        f"{statistics.median(rendered):.2f} s   [target: interactive <= 3 s]"
    )
    print(
        f"\nmap and table, demo window, load {os.getloadavg()[0]:4.1f}"
        "                median      max   target"
    )
    for label, key in (
        ("map click -> table selection", "click"),
        ("  CPU of all processes", "click_cpu"),
        ("plan edit -> map updated", "edit"),
        ("  edit applied (route re-timed, map sent)", "applied"),
        ("  sent -> map drawn", "map"),
        ("plan edit -> every view updated", "views"),
        ("  CPU of all processes", "edit_cpu"),
        ("  edit service alone (route and reasons)", "service"),
    ):
        values = interactions[key]
        print(
            f"  {label:<42} {statistics.median(values) * 1000:6.0f} ms "
            f"{max(values) * 1000:6.0f} ms   {'<= 100 ms' if key in ('click', 'edit') else ''}"
        )
    print(f"\n{args.accounts:,} accounts in the table            seconds   target")
    for label, seconds in table_timings(args.accounts).items():
        print(f"  {label:<34} {seconds * 1000:8.1f} ms   <= 200 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
