"""How plausible a column's values are for a field: a header says what a column might be,
the values say whether it is ("Dénomination principale" holding ``COLLEGE`` on every row
is a category, not a name; ``Code_commune`` holding ``35016`` is no town).

``plausibility(field, values)`` is a share in 0..1 of values that fit; ``value_field``
names a field for a column whose header says nothing, when its values are unmistakable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from planner.io.importers.values import is_null

_LETTER = re.compile(r"[^\W\d_]")
_POSTCODE = re.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9\- ]{1,9}$")
_PHONE_CHARS = re.compile(r"^[\d\s+()\-./]+(?:\s*(?:x|ext\.?)\s*\d+)?$", re.IGNORECASE)
_INTERNATIONAL = re.compile(r"^(\+|00)\d[\d\s()\-./]{6,}$")
_NUMBER = re.compile(r"^[-+]?[\d.,'\s]*\d(?:[eE][-+]?\d+)?$")
_MONEY_MARKS = re.compile(r"[€$£¥]|\b[A-Z]{3}\b")
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_COORDINATE = re.compile(r"^[-+]?\d{1,3}([.,]\d+)?$")
_FIVE_DIGITS = re.compile(r"^\d{5}$")
_DISTINCT_FIELDS = ("name", "account_id")


def non_null(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values if not is_null(v)]


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _has_letter(text: str) -> bool:
    return bool(_LETTER.search(text))


def _is_phone(text: str) -> bool:
    return bool(_PHONE_CHARS.match(text)) and sum(c.isdigit() for c in text) >= 6


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(_MONEY_MARKS.sub("", text).strip().rstrip("%").strip()))


def _coordinate(limit: float) -> Callable[[str], bool]:
    def test(text: str) -> bool:
        if not _COORDINATE.match(text):
            return False
        return abs(float(text.replace(",", "."))) <= limit

    return test


def _distinct(values: list[str]) -> float:
    return len(set(values)) / len(values) if values else 0.0


def _name(values: list[str]) -> float:
    # Names are texts and nearly all different; a category repeats on most rows.
    return _share(values, _has_letter) * min(1.0, _distinct(values) / 0.6)


def _identifier(values: list[str]) -> float:
    # An id is unique; a "Numero" column repeating "SN" and "111" is a house number, and
    # taken as an id it would reject every repeat as a duplicate account.
    distinct = _distinct(values)
    return 1.0 if distinct >= 0.95 else distinct / 4


def _decimals(values: list[str]) -> float:
    return _share(values, lambda v: "." in v or "," in v)


_TESTS: dict[str, Callable[[list[str]], float]] = {
    "name": _name,
    "account_id": _identifier,
    "postcode": lambda vs: _share(vs, lambda v: bool(_POSTCODE.match(v.upper()))),
    "phone": lambda vs: _share(vs, _is_phone),
    "latitude": lambda vs: _share(vs, _coordinate(90.0)) * min(1.0, 0.2 + _decimals(vs)),
    "longitude": lambda vs: _share(vs, _coordinate(180.0)) * min(1.0, 0.2 + _decimals(vs)),
    "city": lambda vs: _share(vs, _has_letter),
    "region": lambda vs: _share(vs, _has_letter),
    "country": lambda vs: _share(vs, lambda v: _has_letter(v) and len(v) <= 40),
    "street": lambda vs: _share(vs, _has_letter),
    "amount": lambda vs: _share(vs, _is_number),
    "annual_revenue": lambda vs: _share(vs, _is_number),
    "probability": lambda vs: _share(vs, _is_number),
    "cadence_days": lambda vs: _share(vs, lambda v: any(c.isdigit() for c in v)),
    "close_date": lambda vs: _share(vs, lambda v: bool(_DATE.match(v))),
    "last_visit": lambda vs: _share(vs, lambda v: bool(_DATE.match(v))),
}


def plausibility(fld: str, values: Sequence[str]) -> float:
    """Share (0..1) of the column's non-empty values that fit ``fld``; 1 when unknown."""
    test = _TESTS.get(fld)
    filled = non_null(values)
    if test is None or not filled:
        return 1.0
    return test(filled)


def value_field(values: Sequence[str]) -> str | None:
    """A field told by the values alone: international phone numbers, 5-digit postcodes."""
    filled = non_null(values)
    if len(filled) < 3:
        return None
    if _share(filled, lambda v: bool(_INTERNATIONAL.match(v))) >= 0.9:
        return "phone"
    if _share(filled, lambda v: bool(_FIVE_DIGITS.match(v))) >= 0.95 and _distinct(filled) < 0.9:
        return "postcode"
    return None
