"""A second PyVRP search, with another seed, in a process on the second core.

On the generated 300-account week (10 s) single runs of seeds 0-3 ended between €17.9k
and €19.4k: a short run's result depends mostly on where its search wanders, so keeping
the better of two seeds run side by side closes much of the gap to a long run at no
extra wall time.

The child runs at the lowest CPU priority (Linux SCHED_IDLE, else nice 19): it only
uses CPU time nobody else wants, so it never slows this process's search nor the
user's other programs. At normal priority it did: on this shared 2-core machine an
8 s PyVRP search ran 2,900-4,400 iterations alone and 1,700-3,600 beside one busy
normal-priority process (load 3-6), so it could end worse than the same search alone
(issue 17, `benchmarks.routing --compare pyvrp`). A gate on the 1-minute load average
did not prevent that: the average lags, and a solve's own previous run inflates it.

The child is `python -c` calling `_child` here, not a multiprocessing
process: spawning those re-runs the caller's main script (fork is unsafe under Qt's
threads). The parent pickles the job to a temporary file and keeps the child's stdin
open; closing it (when the parent's own search ends, or on cancel) stops the child
within one iteration, and the child writes its best plan to stdout. Frozen builds
(PyInstaller) skip it: there `sys.executable` is the application. Runs capped by
`max_iterations` stay single-process so that they are reproducible.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyvrp

from planner.domain.deadline import Deadline
from planner.optimise.solver.pyvrp_run import config_for

# Starting Python and importing PyVRP in the child takes ~0.5 s; shorter phases gain nothing.
MIN_PHASE_S = 2.0
_CHILD_MAIN = f"import sys; from {__name__} import _child; _child(sys.argv[1])"
# How long the parent waits for the child's answer after telling it to stop. A child
# with CPU answers within one iteration (milliseconds); one starved by a busy machine
# may never answer, and the parent's plan should not wait long for it.
_GRACE_S = 1.0


def available(phase_s: float, max_iterations: int | None) -> bool:
    if max_iterations is not None or phase_s < MIN_PHASE_S:
        return False
    return (os.cpu_count() or 1) >= 2 and not getattr(sys, "frozen", False)


def _lower_priority(pid: int) -> None:
    """Let process `pid` run only on CPU time nobody else wants (best effort)."""
    try:
        if hasattr(os, "sched_setscheduler"):
            os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
        elif hasattr(os, "setpriority"):
            os.setpriority(os.PRIO_PROCESS, pid, 19)
    except OSError:  # the child already exited, or the platform refuses: it runs as it is
        pass


@dataclass(frozen=True, slots=True)
class _Job:
    data: pyvrp.ProblemData
    seed: int
    deadline: float  # the parent's Deadline.at: time.monotonic() is system-wide
    tuned: bool
    initial: pyvrp.Solution | None


class _ChildStop:
    def __init__(self, deadline: float, stop: threading.Event) -> None:
        self._deadline = deadline
        self._stop = stop

    def __call__(self, best_cost: float) -> bool:
        return self._stop.is_set() or time.monotonic() >= self._deadline


class SecondSearch:
    """The child search: create it, run the parent's own search, then `result`."""

    def __init__(
        self,
        data: pyvrp.ProblemData,
        seed: int,
        deadline: Deadline,
        tuned: bool,
        initial: pyvrp.Solution | None,
        *,
        background: bool = True,
    ) -> None:
        """`background`: at the lowest CPU priority (the default; see the module)."""
        # A different seed walks a different path; modulo keeps it in PyVRP's range.
        self._data = data
        job = _Job(data, (seed + 1) % 2**31, deadline.at, tuned, initial)
        # Through a file: a pipe would block this process until the child has started.
        with tempfile.NamedTemporaryFile("wb", suffix=".pyvrp", delete=False) as fh:
            pickle.dump(job, fh)
        self._job_path = Path(fh.name)
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD_MAIN, str(self._job_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        if background:
            _lower_priority(self._proc.pid)

    def result(self) -> tuple[pyvrp.Solution, int] | None:
        """Stop the child; its best plan and iterations, or None when it failed."""
        try:
            out, _ = self._proc.communicate(timeout=_GRACE_S)
            solution, iterations = pickle.loads(out)
        except subprocess.TimeoutExpired:
            # A killed child at idle priority on a busy machine took another 1-1.5 s to
            # exit; it is reaped in the background instead of delaying this plan.
            self._proc.kill()
            threading.Thread(target=self._proc.communicate, daemon=True).start()
            return None
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return None  # the child died (out of memory, killed) before answering
        finally:
            self._job_path.unlink(missing_ok=True)
        return rebuilt(self._data, solution), int(iterations)


def rebuilt(data: pyvrp.ProblemData, solution: pyvrp.Solution) -> pyvrp.Solution:
    """`solution`'s routes evaluated anew on `data`.

    An unpickled PyVRP 0.14 Route has lost its fixed vehicle cost (Solomon R201 with a
    fixed cost per vehicle: penalised cost 12,001,213,913 before pickling, 1,213,913
    after), so the child's plan always looked cheaper than this process's and replaced
    it, with more vehicles or a longer distance. Rebuilt from its visits (the
    activities between the start and end depot) it costs what it really costs."""
    return pyvrp.Solution(data, [_route(data, r) for r in solution.routes()])


def _route(data: pyvrp.ProblemData, route: pyvrp.Route) -> pyvrp.Route:
    between_depots: list[pyvrp.Activity] = [*route][1:-1]
    return pyvrp.Route(data, between_depots, route.vehicle_type())


def _child(job_path: str) -> None:
    with Path(job_path).open("rb") as fh:
        job: _Job = pickle.load(fh)
    stop = threading.Event()

    def watch() -> None:
        sys.stdin.buffer.read()  # returns when the parent closes the pipe
        stop.set()

    threading.Thread(target=watch, daemon=True).start()
    result = pyvrp.solve(
        job.data,
        stop=_ChildStop(job.deadline, stop),
        seed=job.seed,
        collect_stats=False,
        params=config_for(job.data, job.tuned),
        initial_solution=None if job.initial is None else rebuilt(job.data, job.initial),
    )
    sys.stdout.buffer.write(pickle.dumps((result.best, int(result.num_iterations))))
    sys.stdout.buffer.flush()
    # The parent waits for the exit; tearing down PyVRP and the interpreter took ~1 s.
    os._exit(0)
