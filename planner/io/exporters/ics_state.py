"""What a calendar export remembers between runs, so re-exports update instead of duplicating.

Calendar clients match events by UID and take the one with the highest SEQUENCE.
Bumping SEQUENCE needs to know what was exported last time: the exporter takes the
previous state and returns the new one; the caller (the workspace) stores it as JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from planner.domain import DomainError


@dataclass(frozen=True)
class EventState:
    """One exported event: its revision, a hash of its content, and enough to cancel it."""

    sequence: int
    content_hash: str
    last_modified: datetime  # UTC; changes only when the content changes
    day: date
    summary: str
    start: datetime
    end: datetime
    all_day: bool = False


IcsState = dict[str, EventState]


def content_hash(fields: Mapping[str, object]) -> str:
    """Stable hash of an event's visible content (not DTSTAMP, SEQUENCE or LAST-MODIFIED)."""
    text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def state_to_dict(state: IcsState) -> dict[str, dict[str, Any]]:
    """Plain JSON-ready dict, for the workspace to store."""
    return {
        uid: {
            "sequence": s.sequence,
            "content_hash": s.content_hash,
            "last_modified": s.last_modified.isoformat(),
            "day": s.day.isoformat(),
            "summary": s.summary,
            "start": s.start.isoformat(),
            "end": s.end.isoformat(),
            "all_day": s.all_day,
        }
        for uid, s in sorted(state.items())
    }


def state_from_dict(data: Mapping[str, Mapping[str, Any]]) -> IcsState:
    state: IcsState = {}
    for uid, item in data.items():
        try:
            state[uid] = EventState(
                sequence=int(item["sequence"]),
                content_hash=str(item["content_hash"]),
                last_modified=datetime.fromisoformat(item["last_modified"]),
                day=date.fromisoformat(item["day"]),
                summary=str(item["summary"]),
                start=datetime.fromisoformat(item["start"]),
                end=datetime.fromisoformat(item["end"]),
                all_day=bool(item.get("all_day", False)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError(
                f"stored calendar export state for {uid!r} is unreadable: {exc}"
            ) from exc
    return state
