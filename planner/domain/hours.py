"""Opening hours: a list of time intervals for each weekday (0 = Monday)."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from datetime import time

from planner.domain.errors import DomainError

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_ALIASES = {
    **{name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    **{name: i for i, name in enumerate(("lun", "mar", "mer", "gio", "ven", "sab", "dom"))},
    **{name: i for i, name in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
}
_RANGE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})\s*$")


@dataclass(frozen=True, order=True)
class Interval:
    """A half-open time span within one day, [start, end)."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise DomainError(
                f"interval ends ({self.end:%H:%M}) before it starts ({self.start:%H:%M})"
            )

    def __str__(self) -> str:
        # Plain formatting: strftime is ~10x slower and this runs for every stored account.
        s, e = self.start, self.end
        return f"{s.hour:02d}:{s.minute:02d}-{e.hour:02d}:{e.minute:02d}"


@dataclass(frozen=True)
class OpeningHours:
    """Intervals per weekday; a weekday with no intervals is closed."""

    days: tuple[tuple[Interval, ...], ...] = field(default_factory=lambda: ((),) * 7)

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise DomainError("opening hours need exactly seven weekdays (Monday first)")
        for weekday, intervals in enumerate(self.days):
            ordered = sorted(intervals)
            for before, after in itertools.pairwise(ordered):
                if after.start < before.end:
                    raise DomainError(
                        f"{WEEKDAY_NAMES[weekday]}: intervals {before} and {after} overlap"
                    )

    def on(self, weekday: int) -> tuple[Interval, ...]:
        return self.days[weekday]

    @classmethod
    def weekdays(cls, start: time, end: time, lunch: Interval | None = None) -> OpeningHours:
        """Same hours Monday to Friday, closed at the weekend; optionally closed for lunch."""
        if lunch is None:
            day: tuple[Interval, ...] = (Interval(start, end),)
        else:
            day = (Interval(start, lunch.start), Interval(lunch.end, end))
        return cls((day,) * 5 + ((),) * 2)

    @classmethod
    def parse(cls, text: str) -> OpeningHours:
        """Parse ``Mon-Fri 09:00-12:30,14:00-18:00; Sat 09:00-12:00``.

        Day names in English or Italian (``lun-ven``); a missing day is closed. Results are
        cached (the value is immutable): exports and workspaces repeat a few hour strings
        across thousands of accounts.
        """
        return _parse_cached(text)

    @classmethod
    def _parse(cls, text: str) -> OpeningHours:
        days: list[list[Interval]] = [[] for _ in range(7)]
        for chunk in filter(None, (part.strip() for part in text.split(";"))):
            head, _, ranges = chunk.partition(" ")
            for weekday in _parse_days(head):
                days[weekday].extend(_parse_ranges(ranges, chunk))
        return cls(tuple(tuple(sorted(d)) for d in days))

    def __str__(self) -> str:
        return self._text

    @functools.cached_property
    def _text(self) -> str:
        parts = []
        for weekday, intervals in enumerate(self.days):
            if intervals:
                parts.append(f"{WEEKDAY_NAMES[weekday]} " + ",".join(str(i) for i in intervals))
        return "; ".join(parts)


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> OpeningHours:
    return OpeningHours._parse(text)


def _parse_days(head: str) -> list[int]:
    first, sep, last = head.strip().lower().partition("-")
    try:
        start = _DAY_ALIASES[first[:3] if first[:3] in _DAY_ALIASES else first[:2]]
        end = _DAY_ALIASES[last[:3] if last[:3] in _DAY_ALIASES else last[:2]] if sep else start
    except KeyError:
        raise DomainError(f"unknown weekday in opening hours: {head!r}") from None
    if end < start:
        raise DomainError(f"weekday range runs backwards: {head!r}")
    return list(range(start, end + 1))


def _parse_ranges(ranges: str, chunk: str) -> list[Interval]:
    out = []
    for part in filter(None, (p.strip() for p in ranges.split(","))):
        match = _RANGE.match(part)
        if not match:
            raise DomainError(
                f"cannot read time range {part!r} in {chunk!r} (expected HH:MM-HH:MM)"
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        end = time(23, 59, 59) if (h2, m2) == (24, 0) else _time(h2, m2, chunk)
        out.append(Interval(_time(h1, m1, chunk), end))
    return out


def _time(hour: int, minute: int, chunk: str) -> time:
    try:
        return time(hour, minute)
    except ValueError:
        raise DomainError(f"invalid time {hour:02d}:{minute:02d} in {chunk!r}") from None
