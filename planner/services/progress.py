"""Progress and cancellation protocols (defined in planner.domain.progress so that
travel and optimise, which sit below services, can use them too)."""

from planner.domain.progress import (
    CancelFlag,
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)

__all__ = [
    "CancelFlag",
    "CancelToken",
    "Cancelled",
    "NeverCancel",
    "NullProgress",
    "ProgressReporter",
]
