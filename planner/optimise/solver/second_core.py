"""A second PyVRP search, with another seed, in a process on the second core.

On the generated 300-account week (10 s) single runs of seeds 0-3 ended between €17.9k
and €19.4k: a short run's result depends mostly on where its search wanders, so keeping
the better of two seeds run side by side closes much of the gap to a long run at no
extra wall time.

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
# How long the parent waits for the child's answer after telling it to stop.
_GRACE_S = 2.0


def available(phase_s: float, max_iterations: int | None) -> bool:
    if max_iterations is not None or phase_s < MIN_PHASE_S:
        return False
    return (os.cpu_count() or 1) >= 2 and not getattr(sys, "frozen", False)


def core_free() -> bool:
    """Whether a core is idle now: the 1-minute load average leaves at least half of one.
    On a busy machine a second search only takes CPU from the first."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available on this platform
        return True
    return load < (os.cpu_count() or 1) - 0.5


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
    ) -> None:
        # A different seed walks a different path; modulo keeps it in PyVRP's range.
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

    def result(self) -> tuple[pyvrp.Solution, int] | None:
        """Stop the child; its best plan and iterations, or None when it failed."""
        try:
            out, _ = self._proc.communicate(timeout=_GRACE_S)
            solution, iterations = pickle.loads(out)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            return None
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return None  # the child died (out of memory, killed) before answering
        finally:
            self._job_path.unlink(missing_ok=True)
        return solution, int(iterations)


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
        initial_solution=job.initial,
    )
    sys.stdout.buffer.write(pickle.dumps((result.best, int(result.num_iterations))))
    sys.stdout.buffer.flush()
    # The parent waits for the exit; tearing down PyVRP and the interpreter took ~1 s.
    os._exit(0)
