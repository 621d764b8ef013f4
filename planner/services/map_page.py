"""Use case: the app's map page — written to disk once, then fed layers through its
JavaScript API (`planner.services.session.SessionModel.map_data` gives them).

The page builders import folium (about a second): they load when a page is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.maps.assets import page_assets
from planner.maps.data import MapData
from planner.maps.palette import DAY_COLORS

__all__ = ["DAY_COLORS", "PageUpdates", "check_map_assets", "write_app_page"]

EMPTY = {"type": "FeatureCollection", "features": []}
Call = tuple[str, Any]  # a planner.js function and its one argument


def write_app_page(path: Path, locale: str | None = None) -> Path:
    """The app's page at `path`: assets linked from the maps/ folder, no data yet."""
    from planner.maps.page import MapOptions, write_page

    return write_page(path, None, MapOptions(locale=locale))


def check_map_assets() -> str:
    """Which vendored assets the page uses, in a few words; raises `MissingAssets`
    (naming what is missing) unless they are all there."""
    assets = page_assets()
    return f"{len(assets)} files under {assets[0].path.parents[2]}"


class PageUpdates:
    """What the page already shows, so that an update sends only what changed.

    A layer whose GeoJSON is unchanged is not sent again; changed accounts go as a patch
    (`planner.patchAccounts`: the changed points and the ids gone) unless the palettes
    changed, which re-colours every point.
    """

    def __init__(self) -> None:
        self._layers: dict[str, str] = {}
        self._accounts: dict[str, str] | None = None  # feature JSON by id; None: nothing sent
        self._palettes = ""

    def forget(self) -> None:
        """The page was (re)loaded: it shows nothing."""
        self._layers, self._accounts, self._palettes = {}, None, ""

    def calls(self, data: MapData) -> list[Call]:
        out = self._account_calls(data)
        for name, function in (
            ("routes", "setRoutes"),
            ("remote", "setRemote"),
            ("territories", "setTerritories"),
        ):
            text = data.layer_json(name) if getattr(data, name) is not None else json.dumps(EMPTY)
            if self._layers.get(name) != text:
                self._layers[name] = text
                out.append((function, text))
        return out

    def _account_calls(self, data: MapData) -> list[Call]:
        layer = data.to_dict().get("accounts") or {**EMPTY, "palettes": {}}
        features = {str(f["id"]): f for f in layer["features"]}
        texts = {key: json.dumps(f, sort_keys=True) for key, f in features.items()}
        palettes = json.dumps(layer["palettes"], sort_keys=True)
        before, self._accounts = self._accounts, texts
        if before is None or palettes != self._palettes:
            self._palettes = palettes
            return [("setAccounts", json.dumps(layer, ensure_ascii=False))]
        changed = [features[key] for key, text in texts.items() if before.get(key) != text]
        removed = [key for key in before if key not in texts]
        if not changed and not removed:
            return []
        return [("patchAccounts", {"features": changed, "remove": removed})]
