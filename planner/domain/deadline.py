"""One time budget on one clock, handed from the caller down to the solver.

A planning run gets one `Deadline`, made once from the user's time limit; every layer
under it (the week orchestration, its phases, the solver, the second-core search) reads
the time left from that object or keeps part of it back with `earlier`, so a limit is
never re-read and re-started on a clock of its own. The clock is `time.monotonic`: it
never jumps with the wall clock and is system-wide, so a child process can share it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Deadline:
    at: float  # time.monotonic() at which the time is up
    budget_s: float  # length of the whole budget, for shares and progress fractions

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        if not math.isfinite(seconds) or seconds <= 0:
            raise ValueError(f"time limit must be a positive number, got {seconds}")
        return cls(time.monotonic() + seconds, seconds)

    @classmethod
    def never(cls) -> Deadline:
        """No time limit: for runs bounded by an iteration count, which must not depend
        on the clock to be reproducible."""
        return cls(math.inf, math.inf)

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def earlier(self, seconds: float) -> Deadline:
        """The same budget ending `seconds` sooner: time kept back for a later phase."""
        return Deadline(self.at - seconds, self.budget_s)

    def share(self, fraction: float) -> float:
        """`fraction` of the whole budget, in seconds."""
        return fraction * self.budget_s
