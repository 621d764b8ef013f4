"""The time of one solve, shared by its phases, with progress and cancel.

It counts on the caller's `Deadline` (time.monotonic), the one clock of planning."""

from __future__ import annotations

import time

from planner.domain.deadline import Deadline
from planner.domain.progress import CancelToken, ProgressReporter

# Reporting every iteration would flood a Qt progress dialog (PyVRP does thousands of
# iterations a second); a tenth of a second keeps bars smooth and cheap.
_REPORT_EVERY_S = 0.1


class Budget:
    """The whole solve's time, from now to `deadline`; each phase asks it for a stopping
    criterion, in seconds since the solve started (`elapsed`)."""

    def __init__(
        self, deadline: Deadline, progress: ProgressReporter, cancel: CancelToken, label: str = ""
    ) -> None:
        self.deadline = deadline
        self.progress = progress
        self.cancel = cancel
        self.label = label
        self._start = time.monotonic()
        self.limit_s = deadline.at - self._start
        self._last_report = -1.0

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._start

    @property
    def remaining(self) -> float:
        return max(0.0, self.limit_s - self.elapsed)

    @property
    def cancelled(self) -> bool:
        return bool(self.cancel.cancelled)

    def tick(self, message: str = "") -> None:
        """Report the fraction of time used, at most every _REPORT_EVERY_S seconds."""
        now = self.elapsed
        if now - self._last_report >= _REPORT_EVERY_S:
            self._last_report = now
            self.progress.report(min(1.0, now / self.limit_s), message or self.label)

    def finish(self, message: str = "done") -> None:
        self.progress.report(1.0, message)

    def stop_at(self, deadline_s: float, max_iterations: int | None = None) -> PhaseStop:
        """A PyVRP stopping criterion that ends at `deadline_s` of this budget."""
        return PhaseStop(self, min(deadline_s, self.limit_s), max_iterations)


class PhaseStop:
    """PyVRP StoppingCriterion: stop on cancel, at the phase deadline or iteration cap.

    PyVRP calls it once per iteration with the best cost so far and returns its best
    solution when it says stop, which gives "cancel returns the best plan so far".
    """

    def __init__(self, budget: Budget, deadline_s: float, max_iterations: int | None) -> None:
        self._budget = budget
        self._deadline = deadline_s
        self._max_iterations = max_iterations
        self.calls = 0

    def __call__(self, best_cost: float) -> bool:
        self.calls += 1
        if self._budget.cancelled:
            return True
        if self._max_iterations is not None and self.calls > self._max_iterations:
            return True
        self._budget.tick()
        return self._budget.elapsed >= self._deadline
