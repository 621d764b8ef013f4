"""Parsers for the cell values CRM exports contain: numbers in either decimal style,
dates in ISO, day-first or month-first order, percentages, cadences and durations.

Column-wide choices (decimal comma or point, day-first or month-first dates, 0–1 or
0–100 probabilities) are made once per column by the ``detect_*`` functions, because a
single cell such as ``1,250`` or ``03/04/2026`` is ambiguous on its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from planner.io.importers.errors import CellError

_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "CHF": "CHF"}
_CURRENCY = re.compile(
    r"^(?P<pre>[A-Z]{3}|[€$£¥])?\s*(?P<num>[^A-Z€$£¥]*?)\s*(?P<post>[A-Z]{3}|[€$£¥])?$"
)
# Groups of three digits after a separator are thousands; anything else decides the style.
_COMMA_DECIMAL = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+,\d*|\d*,(\d{1,2}|\d{4,}))$")
_POINT_DECIMAL = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+\.\d*|\d*\.(\d{1,2}|\d{4,}))$")
_NUMBER = {
    ",": re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$|^[-+]?,\d+$"),
    ".": re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$"),
}
_SCIENTIFIC = re.compile(r"^[-+]?\d+([.,]\d+)?[eE][-+]?\d{1,3}$")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC_DATE = re.compile(
    r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T][\d:.]+(?:\s*[AP]M)?)?$"
)
_PERIODS = {
    "weekly": 7, "settimanale": 7, "biweekly": 14, "fortnightly": 14, "quindicinale": 14,
    "monthly": 30, "mensile": 30, "bimonthly": 61, "bimestrale": 61,
    "quarterly": 91, "trimestrale": 91, "yearly": 365, "annual": 365, "annuale": 365,
}  # fmt: skip
_UNITS = {
    "": 1, "d": 1, "day": 1, "days": 1, "g": 1, "gg": 1, "giorno": 1, "giorni": 1,
    "w": 7, "wk": 7, "week": 7, "weeks": 7, "sett": 7, "settimana": 7, "settimane": 7,
    "m": 30, "mo": 30, "month": 30, "months": 30, "mese": 30, "mesi": 30,
}  # fmt: skip
_PLAIN = {",": re.compile(r"-?\d+(,\d+)?\Z"), ".": re.compile(r"-?\d+(\.\d+)?\Z")}
_EVERY = re.compile(r"^(every|ogni)\s+")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_DURATION = re.compile(r"^(\d+(?:[.,]\d+)?)(min|mins|minutes|minuti|m|h|hr|hours|ore|)$")
_AMOUNT_WITH_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]*)\.?$")


_SPACES = str.maketrans("", "", " \t\n\r\u00a0\u202f\u2009'")
# Cells that mean "no value" in exports: SQL NULL, pandas NaN, Italian "n.d." (non
# disponibile), spreadsheet errors and dashes. Not "NA"/"ND": Napoli, Namibia, North Dakota.
NULLS = frozenset(
    ("null", "nil", "none", "nan", "n/a", "n.a.", "n.a", "n.d.", "n.d", "-", "--",
     "---", "#n/a", "#n/d", "#value!", "?", "s.n.", "k.a.", "n.v.")
)  # fmt: skip


def _every_casing(word: str) -> set[str]:
    casings = [""]
    for char in word:
        casings = [c + v for c in casings for v in {char.lower(), char.upper()}]
    return set(casings)


# Every upper/lower-case spelling of the placeholders (a few hundred strings): one set
# lookup per cell instead of len() + lower() + lookup, on every cell of every row.
NULL_CELLS = frozenset(casing for word in NULLS for casing in _every_casing(word))


def is_null(text: str) -> bool:
    """True for an empty cell or one of the placeholders exports write for "no value"."""
    stripped = text.strip()
    return not stripped or stripped in NULL_CELLS


def clean_number_text(text: str) -> str:
    """Drop spaces, non-breaking and thin spaces and Swiss apostrophes used as thousands marks."""
    return text.translate(_SPACES)


def detect_decimal(values: Iterable[str]) -> str | None:
    """',' or '.' when some value shows which one is the decimal mark, else None."""
    comma = point = 0
    for raw in values:
        text = clean_number_text(raw).strip("€$£¥%")
        if _COMMA_DECIMAL.match(text):
            comma += 1
        elif _POINT_DECIMAL.match(text):
            point += 1
    if comma == point:
        return None
    return "," if comma > point else "."


def parse_decimal(text: str, decimal_mark: str) -> Decimal:
    """A number written with ``decimal_mark`` and optional thousands separators, or in
    scientific notation as spreadsheets write big numbers (``6.0E7``)."""
    if _PLAIN[decimal_mark].match(text):  # the common case, without the cleaning
        return Decimal(text if decimal_mark == "." else text.replace(",", "."))
    cleaned = clean_number_text(text)
    if _SCIENTIFIC.match(cleaned):
        return Decimal(cleaned.replace(",", "."))
    if not _NUMBER[decimal_mark].match(cleaned):
        raise CellError(f"not a number: {text.strip()!r}")
    thousands = "." if decimal_mark == "," else ","
    try:
        return Decimal(cleaned.replace(thousands, "").replace(decimal_mark, "."))
    except InvalidOperation:  # pragma: no cover - the pattern above already rules it out
        raise CellError(f"not a number: {text.strip()!r}") from None


def parse_amount(text: str, decimal_mark: str) -> tuple[Decimal, str | None]:
    """A money amount, e.g. ``€ 12.500,00`` or ``USD 1,200.50``: (value, currency or None)."""
    plain = _PLAIN[decimal_mark].match(text) or _SCIENTIFIC.match(text.strip())
    match = None if plain else _CURRENCY.match(text.strip().upper().replace("US$", "USD"))
    if plain:
        value: Decimal | None = parse_decimal(text, decimal_mark)
        symbol = None
    else:
        value, symbol = _amount_parts(text, match, decimal_mark)
    if value is None:
        raise CellError(f"not an amount: {text.strip()!r}")
    if value < 0:
        raise CellError(f"amount cannot be negative, got {text.strip()!r}")
    return value, (_SYMBOLS.get(symbol, symbol) if symbol else None)


def _amount_parts(
    text: str, match: re.Match[str] | None, decimal_mark: str
) -> tuple[Decimal | None, str | None]:
    if not match:
        raise CellError(f"not an amount: {text.strip()!r}")
    pre, post = match["pre"], match["post"]
    if pre and post and pre != post:
        raise CellError(f"not an amount: {text.strip()!r}")
    value = parse_decimal(match["num"], decimal_mark) if match["num"] else None
    return value, pre or post


def detect_percent_scale(values: Iterable[str], decimal_mark: str) -> bool:
    """True when a probability column is written in percent (0–100) rather than 0–1."""
    for raw in values:
        if "%" in raw:
            return True
        try:
            if parse_decimal(raw, decimal_mark) > 1:
                return True
        except CellError:
            continue
    return False


def parse_probability(text: str, decimal_mark: str, percent: bool) -> float:
    """A win probability as a fraction 0..1; ``percent`` says the column is written 0–100."""
    value = parse_decimal(text.replace("%", ""), decimal_mark)
    shown = value if percent or "%" in text else value * 100
    if not 0 <= shown <= 100:
        raise CellError(f"probability must be between 0 and 100 %, got {shown.normalize():f} %")
    return float(shown / 100)


def detect_day_first(values: Iterable[str]) -> bool | None:
    """True for day/month/year, False for month/day/year, None when no value tells."""
    day_first = month_first = False
    for raw in values:
        match = _NUMERIC_DATE.match(raw.strip())
        if match:
            first, second = int(match[1]), int(match[3])
            day_first |= first > 12
            month_first |= second > 12
    if day_first == month_first:
        return None
    return day_first


@functools.lru_cache(maxsize=8192)
def parse_date(text: str, day_first: bool) -> date:
    """ISO ``2026-03-31`` always; ``31/03/2026``, ``31.03.2026``, ``3/31/2026`` by ``day_first``."""
    stripped = text.strip()
    iso = _ISO.match(stripped)
    if iso:
        return _make_date(text, int(iso[1]), int(iso[2]), int(iso[3]))
    match = _NUMERIC_DATE.match(stripped)
    if not match:
        raise CellError(f"not a date: {stripped!r} (expected e.g. 2026-03-31 or 31/03/2026)")
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    if len(match[4]) == 2:
        year += 2000
    day, month = (first, second) if day_first else (second, first)
    return _make_date(text, year, month, day)


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"not a valid date: {text.strip()!r}") from None


@functools.lru_cache(maxsize=8192)
def parse_cadence(text: str) -> int:
    """Visit cadence in days: ``30``, ``2 weeks``, ``monthly``, ``ogni 30 giorni``."""
    if text.isascii() and text.isdigit() and int(text) > 0:
        return int(text)
    cleaned = _EVERY.sub("", " ".join(text.strip().lower().split()))
    if cleaned in _PERIODS:
        return _PERIODS[cleaned]
    match = _AMOUNT_WITH_UNIT.match(cleaned.replace(" ", ""))
    if not match or match[2] not in _UNITS:
        raise CellError(f"not a visit cadence: {text.strip()!r} (expected days, e.g. 30)")
    days = round(float(match[1].replace(",", ".")) * _UNITS[match[2]])
    if days <= 0:
        raise CellError(f"visit cadence must be a positive number of days, got {text.strip()!r}")
    return days


@functools.lru_cache(maxsize=8192)
def parse_minutes(text: str) -> int:
    """Meeting duration in minutes: ``45``, ``45 min``, ``1.5 h``, ``1:30``."""
    if text.isascii() and text.isdigit() and 0 < int(text) <= 720:
        return int(text)
    cleaned = text.strip().lower().replace(" ", "")
    clock = _CLOCK.match(cleaned)
    if clock:
        minutes = int(clock[1]) * 60 + int(clock[2])
    else:
        match = _DURATION.match(cleaned)
        if not match:
            raise CellError(f"not a duration in minutes: {text.strip()!r}")
        factor = 60 if match[2] in ("h", "hr", "hours", "ore") else 1
        minutes = round(float(match[1].replace(",", ".")) * factor)
    if not 0 < minutes <= 720:
        raise CellError(f"meeting duration must be 1–720 minutes, got {text.strip()!r}")
    return minutes
