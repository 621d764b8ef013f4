"""Everything a map page shows, as GeoJSON layers plus the colour-by palettes."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from planner.domain import Account, Rep, Territory, WeekPlan
from planner.domain.formats import Formats
from planner.domain.i18n import Translator
from planner.domain.value import WeekValue
from planner.io.exporters.common import accounts_by_key, one_line
from planner.maps.focus import Focus
from planner.maps.layers import (
    FeatureMemo,
    GeoJSON,
    accounts_layer,
    planned_labels,
    remote_layer,
    routes_layer,
    territory_names,
)
from planner.maps.palette import NONE_LABEL, Palette, categorical, priority_palette
from planner.maps.territories import territories_layer


@dataclass(frozen=True)
class MapData:
    """The page's layers; `palettes` travel inside the accounts layer to planner.js."""

    accounts: GeoJSON | None = None
    routes: GeoJSON | None = None
    remote: GeoJSON | None = None
    territories: GeoJSON | None = None
    palettes: dict[str, Palette] = field(default_factory=dict)
    focus: Focus | None = None  # what the map opens on (planner.setFocus)

    def to_dict(self, *, compact: bool = False) -> dict[str, Any]:
        """Layers by name; `compact` packs the accounts as a PointTable (a third the size)."""
        out: dict[str, Any] = {}
        if self.accounts is not None:
            layer = point_table(self.accounts) if compact else self.accounts
            out["accounts"] = {**layer, "palettes": self.palettes}
        for name in ("routes", "remote", "territories"):
            layer = getattr(self, name)
            if layer is not None:
                out[name] = layer
        return out

    def layer_json(self, name: str) -> str:
        """One layer as a JSON string, for `planner.setXxx(json)` from the UI."""
        return json.dumps(self.to_dict().get(name), ensure_ascii=False, separators=(",", ":"))


def point_table(layer: GeoJSON) -> GeoJSON:
    """Point features as rows [lon, lat, id, *values]: 10,000 accounts in ~1.5 MB, not 3.

    planner.js turns a {"type": "PointTable"} back into GeoJSON features.
    """
    features = layer["features"]
    columns = sorted({k for f in features for k in f["properties"]})
    rows = [
        [*f["geometry"]["coordinates"], f.get("id"), *(f["properties"].get(c) for c in columns)]
        for f in features
    ]
    return {"type": "PointTable", "columns": columns, "rows": rows}


def _palettes(
    accounts: GeoJSON, territories: Sequence[Territory], tr: Translator
) -> dict[str, Palette]:
    props = [f["properties"] for f in accounts["features"]]
    reps = {p["rep"] for p in props} | {one_line(t.rep_name) for t in territories}
    return {
        "priority": priority_palette(tr("Priority")),
        "stage": categorical((p["stage"] for p in props), tr("Stage")),
        "territory": categorical(
            [p["territory"] for p in props] + [one_line(t.name) for t in territories],
            tr("Territory"),
        ),
        "rep": categorical(reps - {""} or {NONE_LABEL}, tr("Rep")),
    }


def build_map_data(
    accounts: Sequence[Account] | Mapping[str, Account],
    plan: WeekPlan | None = None,
    territories: Sequence[Territory] | None = None,
    *,
    values: Mapping[str, WeekValue],
    reps: Sequence[Rep] = (),
    locale: str | None = None,
    memo: FeatureMemo | None = None,
    focus: Focus | None = None,
) -> MapData:
    """Layers for the accounts, and for the plan and territories when given.

    `values` are the week's values and priority bands by account key, from the one
    valuation (`planner.services.valuation`) the app and every export use. Popup text
    follows `locale` (English by default). With a `memo` (kept by the caller between
    builds), features whose inputs did not change are reused, not built again. The
    page opens on `focus` (`planner.maps.focus`), else on everything it shows.
    """
    formats = Formats(locale or "en")
    by_key = accounts_by_key(accounts)
    terrs = list(territories or ())
    account_layer = accounts_layer(
        list(by_key.values()),
        values=values,
        territory_of={k: one_line(v) for k, v in territory_names(terrs).items()},
        planned=planned_labels(plan, formats),
        formats=formats,
        memo=memo,
    )
    palettes = _palettes(account_layer, terrs, Translator(locale))
    data = MapData(
        accounts=account_layer,
        routes=routes_layer(plan, by_key, formats, memo) if plan is not None else None,
        remote=remote_layer(plan, by_key, formats, memo) if plan is not None else None,
        territories=_territories(terrs, by_key, reps, palettes["rep"], memo) if terrs else None,
        palettes=palettes,
        focus=focus,
    )
    if memo is not None:
        memo.turn()
    return data


def _territories(
    terrs: Sequence[Territory],
    accounts: Mapping[str, Account],
    reps: Sequence[Rep],
    colors: Palette,
    memo: FeatureMemo | None,
) -> GeoJSON:
    """The territories' areas: kept while their accounts' pins, the reps and the colours
    stand (outlining costs a concave hull per territory)."""
    build = partial(territories_layer, terrs, accounts, reps, colors)
    if memo is None:
        return build()
    pins = tuple((k, accounts[k].location) for t in terrs for k in t.account_keys if k in accounts)
    return memo.get("territories", "", (tuple(terrs), pins, tuple(reps), colors), build)
