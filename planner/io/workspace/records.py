"""Records the workspace keeps besides domain objects: imports, rejected rows, geocodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ImportRecord:
    """One run of an importer, as the import report summarises it."""

    file: str
    started_at: datetime
    format: str  # csv | xlsx
    preset: str  # which header preset matched (salesforce-report, hubspot, italian, ...)
    accepted: int = 0  # new accounts
    updated: int = 0  # existing accounts updated
    rejected: int = 0
    skipped: int = 0  # footer or blank rows, not errors
    import_id: int | None = None
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class RejectedRow:
    """A row an import could not accept, kept whole so it can be fixed and re-imported."""

    row_number: int  # 1-based line of the file (header = 1)
    column: str
    reason: str
    raw: dict[str, str] = field(default_factory=dict)
    import_id: int | None = None
    row_id: int | None = None


@dataclass(frozen=True)
class CachedGeocode:
    """A geocoding answer for one normalised address."""

    address_key: str
    lat: float | None  # None: the address was looked up and not found
    lon: float | None
    precision: str
    source: str
    created_at: datetime
