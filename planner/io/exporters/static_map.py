"""A day's route as a PNG, drawn offline with matplotlib: no tiles, no internet.

It is a schematic, and says so: stops on a locally flat projection (longitude scaled
by cos(latitude), fine for the extent of a day's drive), roads drawn where the travel
model gave their geometry and dashed straight lines where it did not, optional
boundary outlines (regions, countries) behind, a scale bar.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from planner.domain import Account, DayPlan, GeoPoint
from planner.io.exporters.common import one_line

Ring = Sequence[tuple[float, float]]  # (lon, lat) pairs, GeoJSON order

_ROUTE = "#1f5fa8"
_CANCELLED = "#9a9a9a"
_STOP = "#2e7d32"  # home
_HOTEL = "#a15c00"
_KM_PER_DEG_LAT = 111.32
_DPI = 200
_CAPTION_BOX = {"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5}
_HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]  # legible over lines


@dataclass(frozen=True)
class _Place:
    label: str  # "S", "E" or the visit's number
    point: GeoPoint | None  # None when the account is not geocoded
    status: str  # home | hotel | visit | cancelled
    town: str = ""


@dataclass(frozen=True)
class _View:
    """Projected window: centre, half sizes, and the cos(latitude) longitude scale."""

    cx: float
    cy: float
    half_w: float
    half_h: float
    scale: float

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return lon * self.scale, lat

    def overlaps(self, ring: Ring) -> bool:
        xs = [lon * self.scale for lon, _ in ring]
        ys = [lat for _, lat in ring]
        return not (
            max(xs) < self.cx - self.half_w
            or min(xs) > self.cx + self.half_w
            or max(ys) < self.cy - self.half_h
            or min(ys) > self.cy + self.half_h
        )


def render_day_map(
    day: DayPlan,
    accounts: Mapping[str, Account],
    size_px: tuple[int, int] = (1600, 900),
    outlines: Sequence[Ring] = (),
) -> bytes:
    """PNG bytes of the day: numbered visits (in order), start and end stops, the legs.

    `outlines` are optional boundary rings (regions, countries) drawn faintly behind.
    """
    places = _places(day, accounts)
    view = _view([p.point for p in places if p.point is not None], size_px)
    fig = Figure(figsize=(size_px[0] / _DPI, size_px[1] / _DPI), dpi=_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    _axes(ax, view)
    for ring in outlines:
        if len(ring) >= 3 and view.overlaps(ring):
            xs, ys = zip(*(view.xy(lat, lon) for lon, lat in ring), strict=True)
            ax.fill(xs, ys, facecolor="#fbfaf6", edgecolor="#b9b2a3", lw=0.7, zorder=1)
    _draw_legs(ax, day, [p.point for p in places], view)
    _draw_places(ax, places, view)
    _scale_bar(ax, view)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI)
    return buffer.getvalue()


def _places(day: DayPlan, accounts: Mapping[str, Account]) -> list[_Place]:
    places = [_Place("S", day.start.location, day.start.kind)]
    for i, visit in enumerate(day.visits):
        account = accounts.get(visit.account_key)
        status = "cancelled" if visit.cancelled else "visit"
        where = account.location if account else None
        town = one_line(account.address.city)[:24] if account else ""
        places.append(_Place(str(i + 1), where, status, town))
    places.append(_Place("E", day.end.location, day.end.kind))
    return places


def _view(points: list[GeoPoint], size_px: tuple[int, int]) -> _View:
    scale = math.cos(math.radians(sum(p.lat for p in points) / len(points)))
    xs, ys = [p.lon * scale for p in points], [p.lat for p in points]
    aspect = size_px[0] / size_px[1]
    # A 15 % margin around the stops, at least ~2 km across, widened to the image's shape.
    half_w = max((max(xs) - min(xs)) * 0.65, (max(ys) - min(ys)) * 0.65 * aspect, 0.01)
    centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    return _View(centre[0], centre[1], half_w, half_w / aspect, scale)


def _axes(ax: Axes, view: _View) -> None:
    ax.set_xlim(view.cx - view.half_w, view.cx + view.half_w)
    ax.set_ylim(view.cy - view.half_h, view.cy + view.half_h)
    ax.set_aspect("equal")
    ax.set_facecolor("#e6edf1")  # sea / outside every outline
    ax.set_xticks([])
    ax.set_yticks([])


def _draw_legs(ax: Axes, day: DayPlan, places: Sequence[GeoPoint | None], view: _View) -> None:
    """Leg i joins place i and i + 1: its road shape if known, else a dashed straight line."""
    for i, leg in enumerate(day.legs):
        a = places[i]
        b = places[i + 1] if i + 1 < len(places) else None
        if len(leg.geometry) >= 2:
            xs, ys = zip(*(view.xy(lat, lon) for lat, lon in leg.geometry), strict=True)
            ax.plot(xs, ys, "-", color=_ROUTE, lw=2.2, alpha=0.85, zorder=2)
        elif a is not None and b is not None:
            (x1, y1), (x2, y2) = view.xy(a.lat, a.lon), view.xy(b.lat, b.lon)
            ax.plot([x1, x2], [y1, y2], "--", color=_ROUTE, lw=1.6, alpha=0.7, zorder=2)


def _draw_places(ax: Axes, places: list[_Place], view: _View) -> None:
    groups = _visit_groups(places[1:-1], view)
    for group in groups:
        first = group[0]
        assert first.point is not None
        x, y = view.xy(first.point.lat, first.point.lon)
        cancelled = all(p.status == "cancelled" for p in group)
        box = {"boxstyle": "circle,pad=0.35" if len(group) == 1 else "round,pad=0.35",
               "facecolor": _CANCELLED if cancelled else _ROUTE, "edgecolor": "white"}  # fmt: skip
        _label(ax, x, y, _span([int(p.label) for p in group]), box)
        towns = list(dict.fromkeys(p.town for p in group if p.town))
        if towns:
            town = ", ".join(towns[:2]) + (" …" if len(towns) > 2 else "")
            ax.annotate(town, (x, y), xytext=(9, -3), textcoords="offset points",
                        fontsize=6.5, color="#222222", zorder=6, parse_math=False,
                        path_effects=_HALO)  # fmt: skip
    anchors = [view.xy(g[0].point.lat, g[0].point.lon) for g in groups if g[0].point]
    _draw_stops(ax, places[0], places[-1], view, anchors)


def _draw_stops(
    ax: Axes, start: _Place, end: _Place, view: _View, taken: list[tuple[float, float]]
) -> None:
    """Start and end boxes; one sitting on a visit is pulled aside on a leader line."""
    same = start.point == end.point
    for stop in (start,) if same else (start, end):
        assert stop.point is not None  # start and end stops always have a location
        x, y = view.xy(stop.point.lat, stop.point.lon)
        crowded = any(math.hypot(x - tx, y - ty) < view.half_w * 0.035 for tx, ty in taken)
        box = {"boxstyle": "square,pad=0.4", "edgecolor": "white",
               "facecolor": _STOP if stop.status == "home" else _HOTEL}  # fmt: skip
        ax.annotate("S/E" if same else stop.label, (x, y),
                    xytext=(-16, 14) if crowded else (0, 0), textcoords="offset points",
                    ha="center", va="center", color="white", fontsize=6.5, fontweight="bold",
                    zorder=7, parse_math=False, bbox=box,
                    arrowprops={"arrowstyle": "-", "color": box["facecolor"], "lw": 1.2}
                    if crowded else None)  # fmt: skip


def _label(ax: Axes, x: float, y: float, text: str, box: Mapping[str, str] | None = None) -> None:
    # parse_math=False: a "$" in a label must not switch matplotlib to TeX mode.
    bbox = dict(box) if box else None
    ax.text(x, y, text, ha="center", va="center", color="white", fontsize=6.5,
            fontweight="bold", zorder=6, parse_math=False, bbox=bbox)  # fmt: skip


def _visit_groups(visits: list[_Place], view: _View) -> list[list[_Place]]:
    """Visits whose markers would overlap (same pin, or a few pixels apart) share one."""
    near = view.half_w * 0.035
    groups: list[tuple[tuple[float, float], list[_Place]]] = []
    for place in visits:
        if place.point is None:
            continue
        x, y = view.xy(place.point.lat, place.point.lon)
        for (gx, gy), members in groups:
            if math.hypot(x - gx, y - gy) < near:
                members.append(place)
                break
        else:
            groups.append(((x, y), [place]))
    return [members for _, members in groups]


def _span(numbers: list[int]) -> str:
    """1,2,3,5 -> '1–3,5'."""
    parts: list[str] = []
    run = [numbers[0]]
    for n in numbers[1:]:
        if n == run[-1] + 1:
            run.append(n)
            continue
        parts.append(f"{run[0]}–{run[-1]}" if len(run) > 2 else ",".join(map(str, run)))
        run = [n]
    parts.append(f"{run[0]}–{run[-1]}" if len(run) > 2 else ",".join(map(str, run)))
    return ",".join(parts)


def _scale_bar(ax: Axes, view: _View) -> None:
    bar_km = _nice(2 * view.half_w * _KM_PER_DEG_LAT / 5)
    bar = bar_km / _KM_PER_DEG_LAT
    x0, y0 = view.cx - view.half_w * 0.95, view.cy - view.half_h * 0.88
    ax.plot([x0, x0 + bar], [y0, y0], color="black", lw=3, solid_capstyle="butt", zorder=7)
    ax.text(x0 + bar / 2, y0 + view.half_h * 0.04, f"{bar_km:g} km", ha="center", fontsize=7,
            zorder=7)  # fmt: skip
    ax.text(view.cx + view.half_w * 0.97, view.cy - view.half_h * 0.93,
            "schematic: solid = road, dashed = straight line (road unknown) · north up",
            ha="right", fontsize=5.5, color="#444444", zorder=7,
            bbox=_CAPTION_BOX)  # fmt: skip


def _nice(value: float) -> float:
    """1, 2 or 5 times a power of ten, at most `value`."""
    power = 10 ** math.floor(math.log10(max(value, 1e-3)))
    for step in (5, 2, 1):
        if step * power <= value:
            return float(step * power)
    return float(power)
