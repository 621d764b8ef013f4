"""Desktop app benchmark (issue 7): cold start and a 20,000-account table.

* cold start: a fresh Python process imports the app, opens the demo workspace and shows
  the main window; "interactive" is the first turn of the event loop with the window
  shown, "map rendered" is when the page reports the accounts (and plan) drawn.
  Target: interactive ≤ 3 s.
* table: filtering (free text, stage) and sorting 20,000 accounts through the real
  model and proxy. Target: ≤ 200 ms each.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.ui_bench [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

COLD_START = r"""
import sys, time
t0 = time.perf_counter()
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--accounts", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = demo_workspace(Path(tmp))
        interactive, rendered = cold_start(workspace, args.runs)
    runs = ", ".join(f"{x:.2f}" for x in interactive)
    print(
        f"cold start, demo workspace ({args.runs} runs): median interactive "
        f"{statistics.median(interactive):.2f} s (runs {runs}); map rendered "
        f"{statistics.median(rendered):.2f} s   [target: interactive <= 3 s]"
    )
    print(f"\n{args.accounts:,} accounts in the table            seconds   target")
    for label, seconds in table_timings(args.accounts).items():
        print(f"  {label:<34} {seconds * 1000:8.1f} ms   <= 200 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
