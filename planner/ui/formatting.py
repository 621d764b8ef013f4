"""Display units and colours shared by the views (km or miles, day colours)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
            return f"{metres / METRES_PER_MILE:,.1f} mi"
        return f"{metres / 1000:,.1f} km"

    @staticmethod
    def duration(seconds: int | float) -> str:
        minutes = round(seconds / 60)
        return f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"
