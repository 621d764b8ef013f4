"""How the views show numbers, money, dates and distances (the user's locale, km or
miles) and the day colours they share with the map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.numbers import format_currency
from PySide6.QtCore import QDate, QLocale

from planner.domain import Money
from planner.maps.palette import DAY_COLORS

METRES_PER_MILE = 1609.344


def day_colour(day: date) -> str:
    """The colour of a day's route on the map, by weekday, so both views match."""
    return DAY_COLORS[day.weekday()]


@dataclass(frozen=True)
class Units:
    miles: bool = False

    def distance(self, metres: int | float) -> str:
        if self.miles:
            return f"{QLocale().toString(metres / METRES_PER_MILE, 'f', 1)} mi"
        return f"{QLocale().toString(metres / 1000, 'f', 1)} km"

    @staticmethod
    def money(money: Money) -> str:
        """€1,234.50 or 1.234,50 € as the UI's locale writes it."""
        return format_currency(money.amount, money.currency, locale=QLocale().name())

    @staticmethod
    def day(day: date, pattern: str = "ddd d MMM") -> str:
        return QLocale().toString(QDate(day.year, day.month, day.day), pattern)

    @staticmethod
    def duration(seconds: int | float) -> str:
        minutes = round(seconds / 60)
        return f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation in `context`; it is translated where it is shown (tr)."""
    return text
