"""How every number, amount, date, distance and duration is written, in one place.

The app, the map popups, the exports and the CLI all format through `Formats`, so
one locale reads the same everywhere: `€8,603.51` / `€ 8.603,51`, `41.2 km` /
`41,2 km`, `1 h 26 min`. Babel supplies the locale data (CLDR).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

import babel
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from planner.domain.errors import DomainError
from planner.domain.hours import Interval, OpeningHours
from planner.domain.units import Money

METRES_PER_MILE = 1609.344
DEFAULT_LOCALE = "en"
# CLDR writes Italian amounts "8.603,51 €"; Italian business documents (and this app)
# put the symbol first. Other locales keep CLDR's pattern.
_CURRENCY_PATTERNS = {"it": "¤\u00a0#,##0.00"}
_WHOLE_CURRENCY_PATTERNS = {"it": "¤\u00a0#,##0"}


@lru_cache(maxsize=64)
def parse_locale(code: str | None) -> babel.Locale:
    """`it`, `it_IT`, `it-IT`, `en_GB.UTF-8` → a Babel locale; a clear error otherwise."""
    text = (code or DEFAULT_LOCALE).split(".")[0].replace("-", "_")
    if text in ("C", "POSIX", ""):
        text = DEFAULT_LOCALE
    try:
        return babel.Locale.parse(text)
    except (ValueError, babel.UnknownLocaleError):
        raise DomainError(f"unknown locale {code!r} (try en, it, de_CH, fr)") from None


def environment_locale() -> str:
    """The command line's locale: TERRITORY_PLANNER_LOCALE, else LC_ALL/LC_MESSAGES/LANG."""
    for name in ("TERRITORY_PLANNER_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(".")[0]
        if value and value not in ("C", "POSIX"):
            try:
                return str(parse_locale(value))
            except DomainError:
                continue
    return DEFAULT_LOCALE


@dataclass(frozen=True)
class Formats:
    """Formatting for one locale and one distance unit (km, or miles when `miles`)."""

    locale: str = DEFAULT_LOCALE
    miles: bool = False

    @property
    def babel_locale(self) -> babel.Locale:
        return parse_locale(self.locale)

    @property
    def language(self) -> str:
        return str(self.babel_locale.language)

    @property
    def decimal_symbol(self) -> str:
        return str(babel_numbers.get_decimal_symbol(self.babel_locale))

    def number(self, value: float | int | Decimal, digits: int = 0) -> str:
        """Grouped digits with exactly `digits` decimals: 789,010 / 789.010."""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return str(babel_numbers.format_decimal(value, format=pattern, locale=self.babel_locale))

    def percent(self, fraction: float) -> str:
        return str(babel_numbers.format_percent(fraction, locale=self.babel_locale))

    def amount(self, amount: Decimal | float | int, currency: str, whole: bool = False) -> str:
        """An amount in `currency`, cents shown unless `whole`: €8,603.51 / € 8.603,51."""
        return _amount(Decimal(str(amount)), currency, self.locale, whole)

    def money(self, money: Money, whole: bool = False) -> str:
        return self.amount(money.amount, money.currency, whole)

    @property
    def distance_unit(self) -> str:
        return "mi" if self.miles else "km"

    def distance(self, metres: float | int, digits: int = 1) -> str:
        """41.2 km / 41,2 km / 25.6 mi."""
        per_unit = METRES_PER_MILE if self.miles else 1000.0
        return f"{self.number(metres / per_unit, digits)}\u00a0{self.distance_unit}"

    def per_distance(self, money: Money, metres: float | int) -> Money:
        """Money per km (or per mile): value or cost of a plan per unit driven."""
        units = metres / (METRES_PER_MILE if self.miles else 1000.0)
        return money.scaled(1 / units) if units > 0 else Money.zero(money.currency)

    @staticmethod
    def duration(seconds: float | int) -> str:
        """One style for every duration: `26 min`, `1 h 26 min`, `3 h`."""
        minutes = round(seconds / 60)
        if minutes < 60:
            return f"{minutes} min"
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"

    def day(self, day: date) -> str:
        """Short day label: Mon 7 Dec / lun 7 dic."""
        return str(babel_dates.format_date(day, "EEE d MMM", locale=self.babel_locale))

    def long_day(self, day: date) -> str:
        """Monday 7 December 2026 / lunedì 7 dicembre 2026."""
        return str(babel_dates.format_date(day, "EEEE d MMMM y", locale=self.babel_locale))

    def long_date(self, day: date) -> str:
        """7 December 2026 / 7 dicembre 2026."""
        return str(babel_dates.format_date(day, "d MMMM y", locale=self.babel_locale))

    def date(self, day: date) -> str:
        """A calendar date, day first like the day labels: 7 Dec 2026 / 7 dic 2026."""
        return str(babel_dates.format_date(day, "d MMM y", locale=self.babel_locale))

    def weekday(self, weekday: int) -> str:
        """Abbreviated weekday name, 0 = Monday: Mon / lun."""
        return str(self.babel_locale.days["format"]["abbreviated"][weekday])

    def opening_hours(self, hours: OpeningHours) -> str:
        """Runs of days with the same hours: `Mon–Fri 08:30–12:30, 14:00–18:30`."""
        runs: list[tuple[int, int, tuple[Interval, ...]]] = []
        for weekday, intervals in enumerate(hours.days):
            if runs and runs[-1][2] == intervals and runs[-1][1] == weekday - 1:
                runs[-1] = (runs[-1][0], weekday, intervals)
            else:
                runs.append((weekday, weekday, intervals))
        parts = []
        for first, last, intervals in runs:
            if not intervals:
                continue
            days = self.weekday(first) + (f"–{self.weekday(last)}" if last > first else "")
            times = ", ".join(f"{i.start:%H:%M}–{i.end:%H:%M}" for i in intervals)
            parts.append(f"{days} {times}")
        return "; ".join(parts)

    def day_time(self, moment: datetime) -> str:
        """Mon 7 Dec 08:31 / lun 7 dic 08:31."""
        return f"{self.day(moment.date())} {moment:%H:%M}"


def _whole(locale: babel.Locale) -> str:
    """The locale's currency pattern without decimals."""
    pattern = str(locale.currency_formats["standard"].pattern).split(";")[0]
    return pattern.replace(".00", "")


@lru_cache(maxsize=8192)
def _amount(amount: Decimal, currency: str, locale: str, whole: bool) -> str:
    # Babel takes ~0.2 ms a call; the map's points and a plan's figures format the same
    # few thousand sums again on every edit.
    babel_locale = parse_locale(locale)
    patterns = _WHOLE_CURRENCY_PATTERNS if whole else _CURRENCY_PATTERNS
    pattern = patterns.get(str(babel_locale.language))
    if pattern is None and whole:
        pattern = _whole(babel_locale)
    return str(
        babel_numbers.format_currency(
            amount, currency, format=pattern, locale=babel_locale, currency_digits=pattern is None
        )
    )
