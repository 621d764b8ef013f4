"""The planner's explanations in the reader's language.

Explanations are written once, in English, from catalogue templates
(`N_("value {value} vs detour {detour}")`), and stored with the plan. To show one in
another language, the template it was written from is found again (each template of
the catalogue read as a pattern), its parts are translated in turn, amounts are
re-written in the locale's format, and the translated template is filled with them.
Text that no template produced is shown as it is.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import get_currency_symbol

from planner.domain.formats import Formats, parse_locale
from planner.domain.i18n import catalogue, language_of

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Amounts as Money.__str__ writes them (Babel, English): €1,330.00, -€7.26, CHF 1,000.00;
# and as plans saved before it did: 1,330.00 EUR, -7.26 EUR.
_MONEY = re.compile(r"(?P<sign>-?)(?P<cur>[^\d\s,.-]+|[A-Z]{3}\s)(?P<num>\d[\d,]*\.\d\d)")
_OLD_MONEY = re.compile(r"(?P<sign>-?)(?P<num>\d[\d,]*\.\d\d) (?P<cur>[A-Z]{3})")
_DAY = re.compile(r"(?P<wd>Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<d>\d{1,2}) (?P<m>[A-Z][a-z]{2})")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD")
_MAX_DEPTH = 4


@lru_cache(maxsize=8)
def _templates(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern of the English template, its translation), the most specific first."""
    out = []
    for source, target in catalogue(language).items():
        names = _PLACEHOLDER.findall(source)
        if not names or len(names) != len(set(names)):
            continue
        pattern = "".join(
            f"(?P<{part}>.+?)" if i % 2 else re.escape(part)
            for i, part in enumerate(_PLACEHOLDER.split(source))
        )
        out.append((re.compile(pattern, re.S), target))
    literal = lambda item: len(_PLACEHOLDER.sub("", item[0].pattern))  # noqa: E731
    return tuple(sorted(out, key=literal, reverse=True))


@lru_cache(maxsize=64)
def _symbols() -> dict[str, str]:
    return {get_currency_symbol(code, locale="en"): code for code in _CURRENCIES}


def translate_reason(text: str, locale: str | None) -> str:
    """`text` (an explanation written from catalogue templates) in `locale`'s language."""
    language = language_of(locale)
    if language == "en" or not text:
        return text
    return _translate(text, language, Formats(str(parse_locale(locale))), 0)


def _translate(text: str, language: str, formats: Formats, depth: int) -> str:
    direct = catalogue(language).get(text)
    if direct is not None:
        return direct
    rewritten = _rewrite_value(text, formats)
    if rewritten is not None or depth >= _MAX_DEPTH:
        return rewritten if rewritten is not None else text
    for pattern, target in _templates(language):
        match = pattern.fullmatch(text)
        if match is not None:
            parts = {
                name: _translate(value, language, formats, depth + 1)
                for name, value in match.groupdict().items()
            }
            return target.format(**parts)
    return text


def _rewrite_value(text: str, formats: Formats) -> str | None:
    """An amount or a day label in the locale's format; None when `text` is neither."""
    money = _MONEY.fullmatch(text) or _OLD_MONEY.fullmatch(text)
    if money is not None:
        currency = _symbols().get(money["cur"].strip(), money["cur"].strip())
        try:
            amount = Decimal(money["num"].replace(",", ""))
        except InvalidOperation:
            return None
        return formats.amount(-amount if money["sign"] else amount, currency)
    days = [part.strip() for part in text.split(",")]
    if all(part in _WEEKDAYS for part in days):  # "Mon, Wed, Thu"
        names = formats.babel_locale.days["format"]["abbreviated"]
        return ", ".join(names[_WEEKDAYS.index(part)] for part in days)
    day = _DAY.fullmatch(text)
    if day is not None and day["m"] in _MONTHS:
        names = formats.babel_locale
        weekday = names.days["format"]["abbreviated"][_WEEKDAYS.index(day["wd"])]
        month = names.months["format"]["abbreviated"][_MONTHS.index(day["m"]) + 1]
        return f"{weekday} {int(day['d'])} {month}"
    return None
