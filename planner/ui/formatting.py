"""How the views show numbers, money, dates and distances (the user's locale, km or
miles) and the day colours they share with the map.

The formats are the core's (`planner.domain.formats`), bound to the UI's locale, so
the window, the map, the exports and the CLI write one locale the same way.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale

from planner.domain.formats import Formats
from planner.services.map_page import DAY_COLORS


def day_colour(day: date) -> str:
    """The colour of a day's route on the map, by weekday, so both views match."""
    return DAY_COLORS[day.weekday()]


def ui_locale() -> str:
    """The UI's locale as Babel reads it (it_IT, en_GB, …)."""
    return QLocale().name()


def ui_formats(miles: bool = False) -> Formats:
    """Formats in the UI's locale, distances in km or miles."""
    return Formats(ui_locale(), miles)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation in `context`; it is translated where it is shown (tr)."""
    return text


def translate(context: str, text: str) -> str:
    """The translation of `text` in a catalogue context. lupdate reads `translate(...)`
    calls in any module, so texts moved out of a class keep its context and entries."""
    return QCoreApplication.translate(context, text)
