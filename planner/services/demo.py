"""The headless demo: the whole main job on the demo territory, written to a folder.

``run_demo(out_dir, progress, cancel)`` runs ``STEPS`` in order. Each step is a plain
function of a shared ``DemoRun``; to add a stage of the pipeline (geocode, plan,
export), write one function and insert it into STEPS before "summary". Steps put what
later steps need into ``run.data`` and the files they write into ``run.outputs``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planner.domain import WeekPlan
from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)
from planner.io.geocoding import GeocodeConfig
from planner.io.workspace import Workspace
from planner.resources import resource_path
from planner.services.geocode_accounts import geocode_accounts
from planner.services.import_accounts import import_accounts, import_reps

WORKSPACE_NAME = "demo.tpw"


def demo_data_dir() -> Path:
    """resources/demo in a source checkout, or inside a PyInstaller bundle."""
    return resource_path("demo")


DEMO_ACCOUNTS = "accounts_salesforce_report.csv"
DEMO_REPS = "reps.csv"


@dataclass
class DemoRun:
    out_dir: Path
    workspace: Workspace
    data_dir: Path
    data: dict[str, Any] = field(default_factory=dict)  # results shared between steps
    outputs: list[Path] = field(default_factory=list)  # files written, for the summary
    summary: list[str] = field(default_factory=list)  # lines of summary.txt
    plan_seconds: float = 10.0  # the solver's time for the demo week


StepFn = Callable[[DemoRun, ProgressReporter, CancelToken], None]


@dataclass(frozen=True)
class Step:
    name: str
    weight: float  # share of the progress bar
    run: StepFn


class _Scaled:
    """Maps a step's 0..1 progress onto its slice of the whole run."""

    def __init__(self, outer: ProgressReporter, start: float, width: float, name: str) -> None:
        self._outer, self._start, self._width, self._name = outer, start, width, name

    def report(self, fraction: float, message: str = "") -> None:
        self._outer.report(self._start + self._width * fraction, message or self._name)


def _import_accounts(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    report = import_accounts(
        run.workspace, run.data_dir / DEMO_ACCOUNTS, progress=progress, cancel=cancel
    )
    run.data["import_report"] = report
    path = run.out_dir / "import-report.txt"
    path.write_text("\n".join(report.lines()) + "\n", encoding="utf-8")
    run.outputs.append(path)
    run.summary.append(f"accounts: {report.summary()}")


def _import_reps(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    reps, rejected = import_reps(run.workspace, run.data_dir / DEMO_REPS)
    run.data["reps"] = reps
    run.data["rep"] = reps[0]  # the demo plans the week of the first rep
    run.summary.append(
        f"reps: {len(reps)} imported ({', '.join(r.name for r in reps)}), {len(rejected)} rejected"
    )


def _geocode(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    # Offline: the demo must work without internet (gazetteer built on first use).
    config = GeocodeConfig(offline=True, default_country="IT")
    summary = geocode_accounts(run.workspace, config, progress, cancel)
    run.data["geocode_summary"] = summary
    counts = ", ".join(f"{n} {p.value}" for p, n in summary.by_precision.items() if n)
    run.summary.append(f"geocoding (offline): {counts}; {len(summary.shared_pins)} shared pins")


def _assign_territories(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    """Split the demo accounts between the reps, so each plans only their own."""
    from planner.services.assign_territories import assign_in_workspace

    reps = run.workspace.reps()
    if len(reps) < 2:
        return
    result = assign_in_workspace(run.workspace, reps, progress=progress, cancel=cancel)
    sizes = ", ".join(f"{t.rep_name} {t.accounts}" for t in result.metrics.territories)
    run.summary.append(
        f"territories: {sizes} accounts; workload spread ±{result.metrics.workload_spread:.1%}"
    )


def _plan_week(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    """Plan next week for the first rep, in their territory, offline."""
    from planner.domain.plan import week_to_plan
    from planner.services.plan_week import WeekParams, plan_in_workspace
    from planner.services.travel import workspace_travel_model

    rep = run.data.get("rep")
    if rep is None:
        return
    week = week_to_plan(date.today())
    params = WeekParams(time_limit_s=run.plan_seconds, seed=0)
    outcome = plan_in_workspace(
        run.workspace, rep.name, week, None, workspace_travel_model(run.workspace),
        params=params, progress=progress, cancel=cancel,
    )  # fmt: skip
    plan = outcome.plan
    run.data["plan"] = plan
    run.summary.append(
        f"plan for {rep.name}, week of {week}: {len(plan.visits())} visits, value {plan.value}, "
        f"cost {plan.cost}, {plan.distance_m / 1000:.0f} km; {len(plan.remote)} to serve remotely"
    )


def _export_week(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    """Every itinerary export of the planned week (.ics, GPX, CSV, PDF, map) into exports/."""
    # Imported here: the PDF export pulls in matplotlib and fpdf2, needed only by this step.
    from planner.services.export_itinerary import export_all
    from planner.services.value_settings import load_value_params

    plan, rep = run.data.get("plan"), run.data.get("rep")
    if not isinstance(plan, WeekPlan) or rep is None:
        return  # no plan step ran: nothing to export
    files = export_all(
        plan, run.workspace.accounts(), rep, run.out_dir / "exports",
        value_params=load_value_params(run.workspace), progress=progress, cancel=cancel,
    )  # fmt: skip
    run.outputs.extend(files)
    run.summary.append(f"exports: {len(files)} files in {run.out_dir / 'exports'}")


def _write_map(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    # Imported here: only this step needs folium (and the gazetteer).
    from planner.domain.plan import week_to_plan
    from planner.maps import write_standalone_page
    from planner.services.map_file import offline_basemap
    from planner.services.valuation import week_valuation
    from planner.services.value_settings import load_value_params

    plan = run.data.get("plan")
    plan = plan if isinstance(plan, WeekPlan) else None
    accounts = run.workspace.accounts()
    week = plan.week_start if plan is not None else week_to_plan(date.today())
    path = write_standalone_page(
        run.out_dir / "map.html",
        accounts,
        plan,
        run.workspace.territories() or None,
        values=week_valuation(accounts, week, plan, load_value_params(run.workspace)).week_values(),
        reps=run.workspace.reps(),
        basemap=offline_basemap(accounts, plan),
    )
    run.outputs.append(path)


def _write_summary(run: DemoRun, progress: ProgressReporter, cancel: CancelToken) -> None:
    path = run.out_dir / "summary.txt"
    lines = [*run.summary, f"workspace: {run.workspace.path}"]
    lines += [f"wrote: {p}" for p in run.outputs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run.outputs.append(path)


STEPS: list[Step] = [
    Step("import accounts", 3.0, _import_accounts),
    Step("import reps", 0.2, _import_reps),
    Step("geocode", 1.0, _geocode),
    Step("territories", 0.5, _assign_territories),
    Step("plan", 3.0, _plan_week),
    Step("export", 1.0, _export_week),  # after the plan step; skipped when none ran
    Step("map", 0.3, _write_map),  # standalone map page; shows run.data["plan"] when set
    Step("summary", 0.1, _write_summary),
]


WORKSPACE_STEPS = ("import accounts", "import reps", "geocode", "territories", "plan")


def ensure_demo_workspace(
    path: Path,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    plan_seconds: float = 5.0,
) -> Path:
    """The demo workspace at ``path``, built (imported, geocoded, split, planned) unless it
    exists. It is built in a scratch folder and moved into place whole, so an interrupted
    first start never leaves half a demo behind."""
    if path.exists():
        with Workspace.open(path) as workspace:
            if workspace.account_count():
                return path
    steps = [s for s in STEPS if s.name in WORKSPACE_STEPS]
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".demo-") as scratch:
        run = run_demo(Path(scratch), progress, cancel, steps=steps, plan_seconds=plan_seconds)
        os.replace(run.workspace.path, path)
    for stale in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    return path


def run_demo(
    out_dir: Path,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    *,
    data_dir: Path | None = None,
    steps: Sequence[Step] | None = None,
    plan_seconds: float = 10.0,
) -> DemoRun:
    """Run ``steps`` (default: all STEPS) on a fresh demo workspace in ``out_dir``."""
    steps = STEPS if steps is None else steps
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    out_dir.mkdir(parents=True, exist_ok=True)
    ws_path = out_dir / WORKSPACE_NAME
    for stale in (ws_path, ws_path.with_name(ws_path.name + "-wal"),
                  ws_path.with_name(ws_path.name + "-shm")):  # fmt: skip
        stale.unlink(missing_ok=True)  # the demo always starts from the export
    total = sum(step.weight for step in steps)
    done = 0.0
    with Workspace.open(ws_path) as workspace:
        run = DemoRun(out_dir, workspace, data_dir or demo_data_dir(), plan_seconds=plan_seconds)
        for step in steps:
            if cancel.cancelled:
                raise Cancelled()
            step.run(run, _Scaled(progress, done / total, step.weight / total, step.name), cancel)
            done += step.weight
    progress.report(1.0, "demo done")
    return run
