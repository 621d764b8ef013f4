"""Progress and cancellation protocols shared by services, the CLI and the UI.

They live in the domain layer so that lower layers (travel, optimise) can honour
progress and cancellation without importing planner.services (layers point down)."""

from __future__ import annotations

import threading
from typing import Protocol


class ProgressReporter(Protocol):
    def report(self, fraction: float, message: str = "") -> None:
        """fraction in [0, 1]; message is a short human-readable status."""


class CancelToken(Protocol):
    @property
    def cancelled(self) -> bool: ...


class NullProgress:
    def report(self, fraction: float, message: str = "") -> None:
        return None


class CancelFlag:
    """A thread-safe cancel token that anyone holding it can trip."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class NeverCancel:
    @property
    def cancelled(self) -> bool:
        return False


class Cancelled(Exception):
    """Raised by a service that stops early because its CancelToken was tripped."""


class ProgressSpan:
    """Maps a sub-task's progress [0, 1] onto [lo, hi] of the whole task."""

    def __init__(self, progress: ProgressReporter, lo: float, hi: float) -> None:
        self.progress, self.lo, self.hi = progress, lo, hi

    def report(self, fraction: float, message: str = "") -> None:
        self.progress.report(self.lo + (self.hi - self.lo) * min(1.0, max(0.0, fraction)), message)
