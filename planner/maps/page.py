"""The map page: a folium skeleton with vendored assets, fed by planner.js.

folium builds the HTML and the Leaflet map; every element's default_js/default_css
is set per instance to the vendored files (class-level lists are shared process
wide). Data travel as JSON in <script type="application/json"> elements that
planner.js reads, never as one folium object per account.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from planner.domain import Account, Rep, Territory, WeekPlan
from planner.domain.i18n import N_, gettext
from planner.domain.value import WeekValue
from planner.maps.assets import Asset, inline_css, inline_js, page_assets
from planner.maps.data import MapData, build_map_data
from planner.maps.focus import week_focus
from planner.maps.layers import GeoJSON

ITALY = (42.5, 12.5)
LABELS = {
    "accounts": N_("Accounts"),
    "remote": N_("Remote (phone/video)"),
    "territories": N_("Territories"),
    "deal_amount": N_("Deal amount"),
    "visit_value": N_("Visit value this week"),
    "stage": N_("Stage"),
    "priority": N_("Priority"),
    "last_visit": N_("Last visit"),
    "planned": N_("Planned"),
    "rep": N_("Rep"),
    "territory": N_("Territory"),
    "precision": N_("Pin precision"),
    "shared": N_("Shared pin"),
    "doubtful": N_("Doubtful pin"),
    "shared_pin": N_("Shared pin (town/postcode or same spot)"),
    "day": N_("Day"),
    "time": N_("Time"),
    "note": N_("Why"),
    "channel": N_("Channel"),
    "reason": N_("Reason"),
    "priority_high": N_("high"),
    "priority_medium": N_("medium"),
    "priority_low": N_("low"),
    "priority_unknown": N_("unknown"),
    "legend_fold": N_("Show or hide the legend"),
    "legend": N_("Colour the accounts by"),
    "roads": N_("Roads (offline)"),
    "online_map": N_("Online map"),
}


@dataclass(frozen=True)
class TileSource:
    """An online raster tile layer; OpenStreetMap's by default (see its usage policy)."""

    url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution: str = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    name: str = "OpenStreetMap (online)"
    max_zoom: int = 19


@dataclass(frozen=True)
class Basemap:
    """The offline base map a standalone page carries, as the app pushes it to its page:
    town labels (`planner.maps.places`) and road lines (`planner.maps.roads`); the page
    shows them by zoom level (planner-basemap.js)."""

    places: GeoJSON | None = None
    roads: dict[str, Any] | None = None


@dataclass(frozen=True)
class MapOptions:
    tiles: TileSource | None = field(default_factory=TileSource)
    color_by: str = "priority"
    cluster_threshold: int = 500  # more accounts than this are clustered
    title: str = "Territory planner map"
    labels: Mapping[str, str] = field(default_factory=lambda: dict(LABELS))
    locale: str | None = None  # labels, numbers and dates of the page; English by default


def json_for_html(value: Any) -> str:
    """JSON that cannot end the <script> element it sits in, nor be read as markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class _Raw(Element):  # type: ignore[misc]
    """Pre-escaped text placed verbatim: never parsed as a Jinja template."""

    _template = Template("{{ this.raw }}")

    def __init__(self, raw: str) -> None:
        super().__init__()
        self.raw = raw


class _PlannerInit(MacroElement):  # type: ignore[misc]
    _template = Template(
        "{% macro script(this, kwargs) %}planner.init({{ this._parent.get_name() }});{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PlannerInit"


def _config(options: MapOptions) -> dict[str, Any]:
    tiles = options.tiles
    return {
        "colorBy": options.color_by,
        "clusterThreshold": options.cluster_threshold,
        "labels": {key: gettext(text, options.locale) for key, text in options.labels.items()},
        "tiles": None
        if tiles is None
        else {
            "url": tiles.url,
            "attribution": tiles.attribution,
            "name": tiles.name,
            "maxZoom": tiles.max_zoom,
        },
    }


def _figure(fmap: folium.Map) -> Figure:
    root = fmap.get_root()
    assert isinstance(root, Figure)
    return root


def _attach_assets(fmap: folium.Map, assets: list[Asset], inline: bool) -> None:
    head = _figure(fmap).header
    if not inline:
        fmap.default_js = [(a.name, a.url) for a in assets if a.kind == "js"]
        fmap.default_css = [(a.name, a.url) for a in assets if a.kind == "css"]
        return
    fmap.default_js, fmap.default_css = [], []
    for asset in assets:
        if asset.kind == "css":
            head.add_child(_Raw(f"<style>{inline_css(asset)}</style>"), name=asset.name)
        else:
            head.add_child(_Raw(f"<script>{inline_js(asset)}</script>"), name=asset.name)


def page_html(
    data: MapData | None = None,
    options: MapOptions | None = None,
    *,
    inline: bool = False,
    assets_root: Path | None = None,
    basemap: Basemap | None = None,
) -> str:
    """The whole page as text; `inline` embeds the assets (standalone file), `basemap`
    the town labels and roads."""
    options = options or MapOptions()
    fmap = folium.Map(location=ITALY, zoom_start=6, tiles=None, max_zoom=18, min_zoom=2)
    figure = _figure(fmap)
    figure.title = options.title
    _attach_assets(fmap, page_assets(assets_root), inline)
    config = _config(options)
    figure.html.add_child(
        _Raw(
            f'<script type="application/json" id="planner-config">{json_for_html(config)}</script>'
        )
    )
    payload = data.to_dict(compact=True) if data is not None else {}
    if data is not None and data.focus is not None and data.focus.to_dict() is not None:
        payload["focus"] = data.focus.to_dict()  # what the page opens on
    if basemap is not None:
        payload.update(places=basemap.places, roads=basemap.roads)
    figure.html.add_child(
        _Raw(f'<script type="application/json" id="planner-data">{json_for_html(payload)}</script>')
    )
    fmap.add_child(_PlannerInit())
    return str(figure.render())


def write_page(path: Path, data: MapData | None = None, options: MapOptions | None = None) -> Path:
    """The app's page: assets linked from the maps/ folder, data optional (push it later)."""
    path.write_text(page_html(data, options), encoding="utf-8")
    return path


def write_standalone_page(
    path: Path,
    accounts: Sequence[Account] | Mapping[str, Account],
    plan: WeekPlan | None = None,
    territories: Sequence[Territory] | None = None,
    *,
    values: Mapping[str, WeekValue],
    reps: Sequence[Rep] = (),
    options: MapOptions | None = None,
    basemap: Basemap | None = None,
) -> Path:
    """One self-contained .html (assets inlined) a manager can open in any browser,
    offline too when it carries its `basemap`."""
    locale = options.locale if options else None
    shown = accounts.values() if isinstance(accounts, Mapping) else accounts
    data = build_map_data(
        accounts, plan, territories, values=values, reps=reps, locale=locale,
        focus=week_focus(plan, shown),  # a week's file opens on the week
    )  # fmt: skip
    path.write_text(page_html(data, options, inline=True, basemap=basemap), encoding="utf-8")
    return path
