"""Qt-free map builders: GeoJSON layers from domain objects and the offline map page.

`write_standalone_page(path, accounts, plan, territories, values=...)` writes one
self-contained .html file; the app loads `write_page(path)` once and pushes layers
through planner.js (`MapData.layer_json(name)` gives the JSON to pass).

The page builders import folium (and pandas behind it), which takes a while: they load
on first use, so that importing the palette or the layers stays quick.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "MissingAssets": "planner.maps.assets",
    "assets_dir": "planner.maps.assets",
    "MapData": "planner.maps.data",
    "build_map_data": "planner.maps.data",
    "Basemap": "planner.maps.page",
    "MapOptions": "planner.maps.page",
    "TileSource": "planner.maps.page",
    "page_html": "planner.maps.page",
    "write_page": "planner.maps.page",
    "write_standalone_page": "planner.maps.page",
    "DAY_COLORS": "planner.maps.palette",
    "day_color": "planner.maps.palette",
}

__all__ = [  # noqa: RUF022 - same order as _LAZY
    "MissingAssets",
    "assets_dir",
    "MapData",
    "build_map_data",
    "Basemap",
    "MapOptions",
    "TileSource",
    "page_html",
    "write_page",
    "write_standalone_page",
    "DAY_COLORS",
    "day_color",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'planner.maps' has no attribute {name!r}")
