"""CSV itinerary and remote-service list: stable columns, locale numbers, no formulas.

Spreadsheets run a cell that starts with = + - @ (or TAB/CR) as a formula, so a CRM
name like ``=HYPERLINK(...)`` would become live. Text cells get a leading apostrophe;
numbers stay numbers, and only numeric columns may hold a minus sign unguarded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum

from babel.dates import format_date

from planner.domain import Account, DayPlan, Decision, Leg, Money, Rep, WeekPlan
from planner.domain.formats import Formats, parse_locale
from planner.domain.i18n import N_, Translator
from planner.domain.navigation import geo_uri
from planner.io.exporters.common import StopRow, clean_text, stop_rows, web_map_url

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"  # two decimals, locale decimal mark
    INTEGER = "integer"
    COORD = "coord"  # six decimals


ITINERARY_COLUMNS: tuple[tuple[str, Kind], ...] = (
    (N_("day"), Kind.TEXT),
    (N_("weekday"), Kind.TEXT),
    (N_("seq"), Kind.INTEGER),
    (N_("type"), Kind.TEXT),
    (N_("status"), Kind.TEXT),
    (N_("arrival"), Kind.TEXT),
    (N_("departure"), Kind.TEXT),
    (N_("account_id"), Kind.TEXT),
    (N_("name"), Kind.TEXT),
    (N_("address"), Kind.TEXT),
    (N_("latitude"), Kind.COORD),
    (N_("longitude"), Kind.COORD),
    (N_("contact"), Kind.TEXT),
    (N_("phone"), Kind.TEXT),
    (N_("stage"), Kind.TEXT),
    (N_("deal_amount"), Kind.NUMBER),
    (N_("visit_value"), Kind.NUMBER),
    (N_("currency"), Kind.TEXT),
    (N_("leg_km"), Kind.NUMBER),
    (N_("leg_minutes"), Kind.INTEGER),
    (N_("leg_cost"), Kind.NUMBER),
    (N_("purpose"), Kind.TEXT),
    (N_("why_planned"), Kind.TEXT),
    (N_("geo_uri"), Kind.TEXT),
    (N_("map_url"), Kind.TEXT),
    (N_("notes"), Kind.TEXT),
)

REMOTE_COLUMNS: tuple[tuple[str, Kind], ...] = (
    (N_("account_id"), Kind.TEXT),
    (N_("name"), Kind.TEXT),
    (N_("outcome"), Kind.TEXT),
    (N_("reason"), Kind.TEXT),
    (N_("visit_value"), Kind.NUMBER),
    (N_("marginal_cost"), Kind.NUMBER),
    (N_("currency"), Kind.TEXT),
    (N_("contact"), Kind.TEXT),
    (N_("phone"), Kind.TEXT),
    (N_("address"), Kind.TEXT),
    (N_("notes"), Kind.TEXT),
)

# The words the file's fixed columns hold (stop types, statuses, decision outcomes).
FIXED_WORDS = (
    N_("start"), N_("end"), N_("visit"), N_("home"), N_("hotel"),
    N_("planned"), N_("cancelled"), N_("remote"), N_("excluded"),
)  # fmt: skip


class Word(str):
    """A fixed word of the file (a stop type, a status) that follows the file's language."""

    __slots__ = ()


Cell = str | int | float | Decimal | date | None


@dataclass(frozen=True)
class CsvFormat:
    """Delimiter and decimal mark: `;` and `,` where the locale writes decimal commas.

    Without a locale the file keeps its stable English column names and words; with
    one, headers, weekdays and status words are in the locale's language.
    """

    delimiter: str = ","
    decimal: str = "."
    locale: str | None = None

    @classmethod
    def for_locale(cls, locale: str | None) -> CsvFormat:
        if not locale:
            return cls()
        decimal = Formats(str(parse_locale(locale))).decimal_symbol
        return cls(delimiter=";" if decimal == "," else ",", decimal=decimal, locale=locale)

    @property
    def translate(self) -> Translator:
        return Translator(self.locale)

    def weekday(self, day: date) -> str:
        return str(format_date(day, "EEEE", locale=parse_locale(self.locale)))


def neutralise(text: str) -> str:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Cell, kind: Kind, fmt: CsvFormat) -> str:
    if value is None or value == "":
        return ""
    if kind is Kind.TEXT:
        return neutralise(clean_text(str(value)))
    if not isinstance(value, (int, float, Decimal)):
        raise TypeError(f"numeric column given {value!r}")
    if kind is Kind.INTEGER:
        return str(int(value))
    text = f"{value:.6f}" if kind is Kind.COORD else f"{value:.2f}"
    return text.replace(".", fmt.decimal)


def _localise(value: Cell, fmt: CsvFormat) -> Cell:
    """Words in the file's language; a date (the weekday column) as the weekday's name."""
    if isinstance(value, Word):
        return fmt.translate(value)
    if isinstance(value, date):
        return fmt.weekday(value)
    return value


def _write(columns: Sequence[tuple[str, Kind]], rows: list[dict[str, Cell]], fmt: CsvFormat) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=fmt.delimiter, lineterminator="\r\n")
    t = fmt.translate
    writer.writerow([t(name) for name, _ in columns])
    for row in rows:
        writer.writerow([_cell(_localise(row.get(name), fmt), kind, fmt) for name, kind in columns])
    return buffer.getvalue()


def export_itinerary_csv(
    plan: WeekPlan, accounts: Mapping[str, Account], rep: Rep, locale: str | None = None
) -> str:
    """One row per start, visit and end of each day, in driving order."""
    fmt = CsvFormat.for_locale(locale)
    rows = stop_rows(plan, accounts)
    out: list[dict[str, Cell]] = []
    for day in plan.days:
        day_rows = [r for r in rows if r.day is day]
        out.append(_place_row(day, "start", rep))
        out.extend(_visit_row(r, rep) for r in day_rows)
        out.append(_place_row(day, "end", rep))
    return _write(ITINERARY_COLUMNS, out, fmt)


def export_remote_csv(
    plan: WeekPlan, accounts: Mapping[str, Account], locale: str | None = None
) -> str:
    """Accounts to serve by phone or video this week, with the reason."""
    fmt = CsvFormat.for_locale(locale)
    return _write(REMOTE_COLUMNS, [_remote_row(d, accounts) for d in plan.remote], fmt)


def _money(value: Money | None) -> Decimal | None:
    return value.amount if value is not None else None


def _leg_cells(leg: Leg | None) -> dict[str, Cell]:
    if leg is None:
        return {}
    return {
        "leg_km": leg.distance_m / 1000,
        "leg_minutes": round(leg.duration_s / 60),
        "leg_cost": leg.cost.amount,
    }


def _clock(when: datetime | None, rep: Rep) -> str:
    return when.astimezone(rep.tz).strftime("%Y-%m-%d %H:%M") if when else ""


def _place_row(day: DayPlan, which: str, rep: Rep) -> dict[str, Cell]:
    stop = day.start if which == "start" else day.end
    row: dict[str, Cell] = {
        "day": day.day.isoformat(),
        "weekday": day.day,
        "type": Word(which),
        "status": Word(stop.kind),
        "name": stop.name,
        "latitude": stop.location.lat,
        "longitude": stop.location.lon,
        "geo_uri": geo_uri(stop.location),
        "map_url": web_map_url(stop.location),
    }
    if which == "start" and day.legs:
        row["departure"] = _clock(day.legs[0].departure or _first_departure(day), rep)
    elif which == "end" and day.visits:
        last = day.legs[-1]
        leaves = last.departure or day.visits[-1].departure
        row["arrival"] = _clock(leaves + timedelta(seconds=last.duration_s), rep)
        row.update(_leg_cells(last))
    return row


def _first_departure(day: DayPlan) -> datetime | None:
    if not day.visits:
        return None
    return day.visits[0].arrival - timedelta(seconds=day.legs[0].duration_s)


def _visit_row(row: StopRow, rep: Rep) -> dict[str, Cell]:
    visit, account, where = row.visit, row.account, row.location
    cells: dict[str, Cell] = {
        "day": row.day.day.isoformat(),
        "weekday": row.day.day,
        "seq": row.index,
        "type": Word("visit"),
        "status": Word("cancelled") if visit.cancelled else Word("planned"),
        "arrival": _clock(visit.arrival, rep),
        "departure": _clock(visit.departure, rep),
        "account_id": visit.account_id,
        "name": visit.name,
        "address": row.address,
        "visit_value": visit.value.amount,
        "currency": visit.value.currency,
        "purpose": visit.explanation,
        # The planner often gives one sentence for both; say it once.
        "why_planned": "" if row.why_planned == visit.explanation else row.why_planned,
        **_leg_cells(row.leg_in),
    }
    if account is not None:
        cells |= _account_cells(account)
    if where is not None:
        cells |= {"latitude": where.lat, "longitude": where.lon}
        cells |= {"geo_uri": geo_uri(where), "map_url": web_map_url(where)}
    return cells


def _account_cells(account: Account) -> dict[str, Cell]:
    return {
        "contact": account.contact,
        "phone": account.phone,
        "stage": account.stage,
        "deal_amount": account.amount,
        "notes": account.all_notes,
    }


def _remote_row(decision: Decision, accounts: Mapping[str, Account]) -> dict[str, Cell]:
    account = accounts.get(decision.account_key)
    row: dict[str, Cell] = {
        "account_id": decision.account_id,
        "name": decision.name,
        "outcome": Word(decision.outcome),
        "reason": decision.reason,
        "visit_value": decision.value.amount,
        "marginal_cost": _money(decision.marginal_cost),
        "currency": decision.value.currency,
    }
    if account is not None:
        row |= _account_cells(account) | {"address": clean_text(account.address.one_line())}
        row.pop("stage")
        row.pop("deal_amount")
    return row
