"""Colours shared by the map and the plan views, and the colour-by palettes.

The UI should take day colours from DAY_COLORS so that a day's row in the plan
table and its route on the map match.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

# Monday..Sunday; distinct under the common colour-vision deficiencies (Okabe-Ito order).
DAY_COLORS: tuple[str, ...] = (
    "#0072b2",  # Mon blue
    "#d55e00",  # Tue vermillion
    "#009e73",  # Wed green
    "#cc79a7",  # Thu purple-pink
    "#e69f00",  # Fri orange
    "#56b4e9",  # Sat sky blue
    "#000000",  # Sun black
)

# Categorical colours for territories, reps and stages: Paul Tol's dark and muted
# colours, ordered so the first ones stay apart from the day and priority colours under
# every colour-vision deficiency (benchmarks/colour_check.py: the first three territories
# are >= 14.7 CAM02-UCS from every weekday and priority colour; Tableau 10 was 1.1).
CATEGORICAL: tuple[str, ...] = (
    "#222255",  # dark navy
    "#88ccee",  # light cyan
    "#225555",  # dark teal
    "#666666",  # grey
    "#332288",  # indigo
    "#663333",  # dark brown
    "#eecc66",  # sand
    "#aa4499",  # purple
    "#44aa99",  # teal
    "#117733",  # green
    "#999933",  # olive
    "#cc6677",  # rose
    "#882255",  # wine
    "#ddcc77",  # light sand
    "#6699cc",  # steel blue
    "#997700",  # ochre
)

PRIORITY_ORDER: tuple[str, ...] = ("high", "medium", "low", "unknown")
PRIORITY_COLORS: dict[str, str] = {
    "high": "#b2182b",
    "medium": "#ef8a62",
    "low": "#fddbc7",
    "unknown": "#bdbdbd",
}
OTHER = "#777777"
NONE_LABEL = "—"


class Palette(TypedDict):
    """What planner.js needs to colour markers by one field and draw its legend."""

    label: str
    order: list[str]
    colors: dict[str, str]
    other: str


def day_color(weekday: int) -> str:
    return DAY_COLORS[weekday % len(DAY_COLORS)]


def categorical(values: Iterable[str], label: str) -> Palette:
    """Colours for distinct values, sorted so the same names get the same colours."""
    order = sorted(set(values), key=lambda v: (v == NONE_LABEL, v.casefold()))
    colors = {v: CATEGORICAL[i % len(CATEGORICAL)] for i, v in enumerate(order)}
    if NONE_LABEL in colors:
        colors[NONE_LABEL] = OTHER
    return Palette(label=label, order=order, colors=colors, other=OTHER)


def priority_palette(label: str) -> Palette:
    return Palette(
        label=label, order=list(PRIORITY_ORDER), colors=dict(PRIORITY_COLORS), other=OTHER
    )
