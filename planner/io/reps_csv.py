"""Read reps from a CSV (or XLSX) file: one rep a row.

Columns (header names are case- and accent-insensitive; only ``name`` is required):
name, address, latitude, longitude, work_days (``Mon-Fri``), work_start, work_end,
lunch_minutes, max_driving_minutes, capacity_hours, cost_per_km, cost_per_hour,
hotel_per_night, meal_allowance, currency, timezone, holiday_country (ISO code, e.g. IT;
default: the time zone's country), holiday_region (e.g. a US state or Italian province,
for regional public holidays). Missing columns or empty cells take the Rep defaults,
except time zone, currency and holiday region, which ``home_locale`` (when given) reads
from where the rep lives. The territory assignment reads the same file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import time
from pathlib import Path
from typing import Any

from planner.domain import DomainError, GeoPoint, OpeningHours, Rep
from planner.io.importers.columns import normalise_header
from planner.io.importers.errors import CellError, ImportFileError
from planner.io.importers.table import Row, Table, read_table
from planner.io.importers.values import detect_decimal, parse_decimal

_ALIASES = {
    "name": ("name", "rep", "rep name", "nome", "agente"),
    "home_address": ("address", "home", "home address", "base", "indirizzo"),
    "latitude": ("latitude", "lat", "latitudine"),
    "longitude": ("longitude", "lon", "lng", "longitudine"),
    "work_days": ("work days", "working days", "days", "giorni"),
    "work_start": ("work start", "start", "inizio"),
    "work_end": ("work end", "end", "fine"),
    "lunch_minutes": ("lunch minutes", "lunch"),
    "max_driving_minutes": ("max driving minutes", "max driving"),
    "capacity_hours": ("capacity hours", "capacity", "weekly hours"),
    "cost_per_km": ("cost per km", "costo km"),
    "cost_per_hour": ("cost per hour", "costo ora"),
    "hotel_per_night": ("hotel per night", "hotel"),
    "meal_allowance": ("meal allowance", "diaria"),
    "currency": ("currency", "valuta"),
    "timezone": ("timezone", "time zone", "tz"),
    "holiday_country": ("holiday country", "holidays", "country", "paese", "nazione"),
    "holiday_region": ("holiday region", "region", "state", "province", "regione", "provincia"),
}
_INDEX = {normalise_header(a): fld for fld, aliases in _ALIASES.items() for a in aliases}
_DECIMALS = ("cost_per_km", "cost_per_hour", "hotel_per_night", "meal_allowance")
_INTS = ("lunch_minutes", "max_driving_minutes")
_REP_FIELDS = {f.name for f in fields(Rep)}
_LOCALE_FIELDS = ("timezone", "currency", "holiday_region")

LocaleOfHome = Callable[[Rep], Mapping[str, str] | None]


@dataclass(frozen=True)
class RepRejection:
    number: int
    column: str
    reason: str


def read_reps(
    path: Path, home_locale: LocaleOfHome | None = None
) -> tuple[list[Rep], list[RepRejection]]:
    """Reps of ``path`` and the rows that could not be used; ImportFileError if unreadable.

    ``home_locale`` gives the time zone, currency and holiday region of a rep's home; it
    fills those the row leaves empty."""
    table = read_table(path)
    keys = [normalise_header(h) for h in table.headers]
    # First column wins when two headers mean the same field.
    columns = {_INDEX[k]: i for i, k in reversed(list(enumerate(keys))) if k in _INDEX}
    if "name" not in columns:
        raise ImportFileError(f"{path.name} has no 'name' column: it is not a reps file")
    numbers = [
        r.cells[i] for f in ("latitude", "longitude", *_DECIMALS, "capacity_hours")
        if (i := columns.get(f)) is not None for r in table.rows if i < len(r.cells)
    ]  # fmt: skip
    decimal = detect_decimal(numbers) or ("," if table.delimiter == ";" else ".")
    reps: list[Rep] = []
    rejected: list[RepRejection] = []
    for row in table.rows:
        try:
            rep, given = _rep(row, table, columns, decimal)
            reps.append(_localise(rep, given, home_locale))
        except _RowError as exc:
            rejected.append(RepRejection(row.number, exc.column, str(exc)))
    return reps, rejected


class _RowError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def _localise(rep: Rep, given: set[str], home_locale: LocaleOfHome | None) -> Rep:
    if home_locale is None or all(f in given for f in _LOCALE_FIELDS):
        return rep
    found = home_locale(rep) or {}

    def pick(name: str) -> str:
        kept: str = getattr(rep, name)
        return kept if name in given else found.get(name) or kept

    return replace(
        rep,
        timezone=pick("timezone"),
        currency=pick("currency"),
        holiday_region=pick("holiday_region"),
    )


def _rep(row: Row, table: Table, columns: dict[str, int], decimal: str) -> tuple[Rep, set[str]]:
    """The row's rep and the fields its cells gave."""
    values: dict[str, Any] = {}
    for fld, i in columns.items():
        text = row.cells[i].strip() if i < len(row.cells) else ""
        if not text:
            continue
        try:
            values[fld] = _convert(fld, text, decimal)
        except (CellError, DomainError, ValueError) as exc:
            raise _RowError(table.headers[i], str(exc)) from None
    lat, lon = values.pop("latitude", None), values.pop("longitude", None)
    try:
        if (lat is None) != (lon is None):
            raise DomainError("latitude and longitude must be given together")
        if lat is not None and lon is not None:
            values["home"] = GeoPoint(float(lat), float(lon))
        given = {k for k in values if k in _REP_FIELDS}
        return Rep(**{k: v for k, v in values.items() if k in _REP_FIELDS}), given
    except DomainError as exc:
        raise _RowError("", str(exc)) from None


def _convert(fld: str, text: str, decimal: str) -> object:
    if fld in ("work_start", "work_end"):
        return parse_time(text)
    if fld == "work_days":
        return parse_work_days(text)
    if fld in _DECIMALS or fld in ("latitude", "longitude"):
        return parse_decimal(text.lstrip("€$£ "), decimal)
    if fld == "capacity_hours":
        return float(parse_decimal(text, decimal))
    if fld in _INTS:
        return int(parse_decimal(text, decimal))
    if fld == "currency":
        return text.upper()
    return text


def parse_time(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2})[:.h](\d{2})", text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise CellError(f"not a time of day: {text!r} (expected HH:MM)")
    return time(int(match[1]), int(match[2]))


def parse_work_days(text: str) -> tuple[int, ...]:
    """``Mon-Fri``, ``lun-ven,sab`` or ``0,1,2,3,4`` → weekday numbers (Monday = 0)."""
    parts = [p.strip() for p in re.split(r"[,;\s]+", text) if p.strip()]
    if all(p.isdigit() for p in parts):
        return tuple(sorted({int(p) for p in parts}))
    # Reuse the opening-hours day grammar (English and Italian names, ranges).
    hours = OpeningHours.parse("; ".join(f"{p} 00:00-00:01" for p in parts))
    return tuple(d for d in range(7) if hours.on(d))
