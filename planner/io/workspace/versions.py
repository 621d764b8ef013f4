"""Row versions: an edit made from two places is detected, never silently overwritten.

Every account and plan row carries a version, raised by one on each write. A workspace
handle remembers the version of each row it read; writing a row checks — under a row
lock, inside the write's transaction — that the stored version is still the one read.
If someone else wrote it meanwhile, the write is refused with a ConflictError naming
both values, and the caller's transaction rolls back whole. A row the handle never read
is a plain insert-or-update (an import's new accounts, a first plan).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from planner.io.workspace.db import WorkspaceError

_MAX_FIELDS = 6
_MAX_VALUE = 60


class ConflictError(WorkspaceError):
    """Someone else changed the row since this handle read it."""

    def __init__(self, what: str, mine: dict[str, Any], theirs: dict[str, Any] | None) -> None:
        self.what, self.mine, self.theirs = what, mine, theirs
        if theirs is None:
            values = "they deleted it"
        else:
            fields = [k for k in sorted(set(mine) | set(theirs)) if mine.get(k) != theirs.get(k)]
            shown = fields[:_MAX_FIELDS] or ["(same values)"]
            more = f" and {len(fields) - _MAX_FIELDS} more" if len(fields) > _MAX_FIELDS else ""
            values = f"Yours: {_show(mine, shown)}; theirs: {_show(theirs, shown)}{more}"
        super().__init__(
            f"{what} was changed by someone else since you opened it; nothing was saved. "
            f"{values}. Reload to see their change, then make yours again."
        )


def _show(data: dict[str, Any], fields: list[str]) -> str:
    parts = []
    for name in fields:
        text = repr(data.get(name))
        if len(text) > _MAX_VALUE:
            text = text[: _MAX_VALUE - 1] + "…"
        parts.append(f"{name}={text}")
    return ", ".join(parts)


class SeenVersions:
    """The versions a handle has read, with undo for a transaction that rolls back."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], int] = {}
        self._journal: dict[tuple[str, str], int | None] | None = None

    def get(self, table: str, key: str) -> int | None:
        return self._seen.get((table, key))

    def remember(self, table: str, key: str, version: int | None) -> None:
        slot = (table, key)
        if self._journal is not None and slot not in self._journal:
            self._journal[slot] = self._seen.get(slot)
        if version is None:
            self._seen.pop(slot, None)
        else:
            self._seen[slot] = version

    @contextmanager
    def journal(self) -> Iterator[None]:
        """Changes made inside are undone when the block raises (the transaction rolled back)."""
        self._journal = {}
        try:
            yield
        except BaseException:
            for slot, version in self._journal.items():
                if version is None:
                    self._seen.pop(slot, None)
                else:
                    self._seen[slot] = version
            raise
        finally:
            self._journal = None

    def stale(self, table: str, keys: list[str], stored: dict[str, int]) -> list[str]:
        """Keys read by this handle whose row changed or went since (`stored`: key -> version)."""
        out = []
        for key in keys:
            seen = self._seen.get((table, key))
            if seen is not None and stored.get(key, 0) != seen:  # 0: read as absent
                out.append(key)
        return out
