"""Use case: plan every rep's week at once, one Dask task per rep.

A `distributed.LocalCluster` on this machine by default (one single-threaded worker
process per core), or an existing scheduler (`tcp://host:8786`) whose workers can reach
the workspace. Each task opens the workspace itself, reads its rep's inputs, plans, and
stores the plan in one transaction at its very end, so a worker that dies mid-task has
written nothing; Dask runs the task again on another worker. Tasks report progress as
Dask events; cancelling sets a Dask `Event` that every task polls, and a cancelled task
stores nothing. The per-rep plan is the same as `plan_in_workspace` makes in one process
(same seed and iteration limit).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planner.domain.errors import DomainError
from planner.domain.progress import Cancelled, CancelToken, NeverCancel, ProgressReporter
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_in_workspace, plan_json
from planner.services.travel import workspace_travel_model

PROGRESS_TOPIC = "territory-planner-progress"
CONNECT_TIMEOUT_S = 10
_POLL_S = 0.2


class TeamPlanError(RuntimeError):
    """Team planning could not start, or stopped; the message says which reps are saved."""


@dataclass(frozen=True)
class TeamJob:
    """What every task needs: where the workspace is and how to plan."""

    target: str  # a workspace file path or a postgresql:// URL, as the workers reach it
    week_start: date
    days: int | None = None
    params: WeekParams = field(default_factory=WeekParams)


class _EventCancel:
    """A task's CancelToken: the run's Dask Event, asked at most every half second."""

    def __init__(self, name: str) -> None:
        self._event, self._next, self._set = _dask().Event(name), 0.0, False

    @property
    def cancelled(self) -> bool:
        now = time.monotonic()
        if not self._set and now >= self._next:
            self._next = now + 0.5
            self._set = bool(self._event.is_set())
        return self._set


class _EventProgress:
    """A task's ProgressReporter: Dask events the client turns into per-rep progress."""

    def __init__(self, rep: str) -> None:
        self._worker, self._rep, self._last = _dask().get_worker(), rep, 0.0

    def report(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= 0.5 or fraction >= 1.0:
            self._last = now
            self._worker.log_event(PROGRESS_TOPIC, {"rep": self._rep, "fraction": fraction})


def plan_rep_task(job: TeamJob, rep_name: str, cancel_event: str) -> dict[str, Any]:
    """One Dask task: plan `rep_name`'s week and store it; the plan's JSON (`plan --json`)."""
    cancel = _EventCancel(cancel_event)
    with Workspace.open(job.target) as workspace:
        outcome = plan_in_workspace(
            workspace, rep_name, job.week_start, job.days, workspace_travel_model(workspace),
            params=job.params, progress=_EventProgress(rep_name), cancel=cancel, save=False,
        )  # fmt: skip
        if cancel.cancelled:
            raise Cancelled()
        workspace.save_plan(outcome.plan)  # the task's only write: one transaction
    return plan_json(outcome)


def team_reps(workspace: Workspace, wanted: Sequence[str] | None) -> list[str]:
    """The reps to plan, checked before any task starts: all exist and have a home."""
    reps = workspace.reps()
    if not reps:
        raise DomainError("the workspace has no reps: import them with `territory-planner reps`")
    by_name = {r.name: r for r in reps}
    unknown = [n for n in wanted or () if n not in by_name]
    if unknown:
        known = ", ".join(by_name)
        raise DomainError(f"no rep named {', '.join(map(repr, unknown))} (known: {known})")
    chosen = [by_name[n] for n in dict.fromkeys(wanted)] if wanted else reps
    homeless = [r.name for r in chosen if r.home is None]
    if homeless:
        raise DomainError(
            f"{', '.join(homeless)} {'has' if len(homeless) == 1 else 'have'} no home "
            "location: set it (reps import with an address, then geocode) before planning; "
            "nothing was planned"
        )
    return [r.name for r in chosen]


def plan_team(
    job: TeamJob,
    reps: Sequence[str],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    on_done: Callable[[str, dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Plan `reps` as Dask tasks; their plans (plan_json), in the order of `reps`."""
    default = max(1, min(len(reps), os.cpu_count() or 1))  # one per core, one per rep
    with _client(scheduler, workers or default) as client:
        run = _TeamRun(client, reps, progress, cancel or NeverCancel(), on_done)
        cancel_name = f"territory-planner-cancel-{uuid.uuid4().hex}"
        futures = {
            client.submit(plan_rep_task, job, rep, cancel_name, key=f"plan-{rep}-{uuid.uuid4()}",
                          pure=False): rep
            for rep in reps
        }  # fmt: skip
        try:
            return run.collect(futures)
        except BaseException:
            _dask().Event(cancel_name, client=client).set()  # running tasks stop and store nothing
            client.cancel(list(futures), force=True)
            raise


class _TeamRun:
    """Collects the tasks' results, reporting per-rep progress and honouring cancel."""

    def __init__(self, client: Any, reps: Sequence[str], progress: ProgressReporter | None,
                 cancel: CancelToken, on_done: Callable[[str, dict[str, Any]], None] | None
                 ) -> None:  # fmt: skip
        self.reps, self.progress, self.cancel, self.on_done = list(reps), progress, cancel, on_done
        self.fractions = dict.fromkeys(self.reps, 0.0)
        self.results: dict[str, dict[str, Any]] = {}
        client.subscribe_topic(PROGRESS_TOPIC, self._on_event)

    def _on_event(self, event: tuple[float, dict[str, Any]]) -> None:
        msg = event[1]
        if msg.get("rep") in self.fractions and msg["rep"] not in self.results:
            self.fractions[msg["rep"]] = min(0.99, float(msg["fraction"]))

    def _report(self) -> None:
        if self.progress is None:
            return
        done = len(self.results)
        running = [f"{r} {f:.0%}" for r, f in self.fractions.items() if 0 < f < 1]
        message = f"{done}/{len(self.reps)} reps planned" + (
            f"; {', '.join(running)}" if running else ""
        )
        self.progress.report(sum(self.fractions.values()) / len(self.reps), message)

    def collect(self, futures: dict[Any, str]) -> list[dict[str, Any]]:
        pending = set(futures)
        while pending:
            if self.cancel.cancelled:
                raise Cancelled()
            finished = {f for f in pending if f.done()}
            pending -= finished
            for future in finished:
                self._finish(futures[future], future)
            self._report()
            if pending and not finished:
                time.sleep(_POLL_S)
        return [self.results[rep] for rep in self.reps]

    def _finish(self, rep: str, future: Any) -> None:
        try:
            result: dict[str, Any] = future.result()
        except Exception as exc:
            saved = ", ".join(self.results) or "none"
            raise TeamPlanError(
                f"planning {rep} failed: {exc}. Plans saved: {saved}; the others were stopped "
                "and wrote nothing"
            ) from exc
        self.results[rep] = result
        self.fractions[rep] = 1.0
        if self.on_done is not None:
            self.on_done(rep, result)


def _dask() -> Any:
    """The `distributed` package (optional: the `team` extra)."""
    try:
        import distributed
    except ImportError:
        raise TeamPlanError(
            "team planning needs Dask: pip install 'territory-planner[team]'"
        ) from None
    return distributed


def _client(scheduler: str | None, workers: int) -> Any:
    """A Client on `scheduler`, or on a new LocalCluster closed with the client."""
    dask = _dask()
    if scheduler is None:
        try:
            cluster = dask.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: several runs at once on one machine
                silence_logs=logging.ERROR,
            )
        except (OSError, RuntimeError, TimeoutError) as exc:
            raise TeamPlanError(f"could not start {workers} local Dask workers: {exc}") from None
        return _OwnedClient(dask.Client(cluster), cluster)
    try:
        return dask.Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise TeamPlanError(
            f"no Dask scheduler answers at {scheduler} ({exc}): start one with `dask scheduler` "
            "and workers with `dask worker ADDRESS`, or leave out --scheduler"
        ) from None


class _OwnedClient:
    """A client with the local cluster it made: both closed on exit."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def resolve_target(target: str | Path) -> str:
    """The workspace as workers reach it: a URL unchanged, a file as an absolute path."""
    return str(target) if isinstance(target, str) else str(Path(target).resolve())
