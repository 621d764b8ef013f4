"""Qt-free map builders: GeoJSON layers from domain objects and the offline map page.

`write_standalone_page(path, accounts, plan=None, territories=None)` writes one
self-contained .html file; the app loads `write_page(path)` once and pushes layers
through planner.js (`MapData.layer_json(name)` gives the JSON to pass).
"""

from planner.maps.assets import MissingAssets, assets_dir
from planner.maps.data import MapData, build_map_data
from planner.maps.page import MapOptions, TileSource, page_html, write_page, write_standalone_page
from planner.maps.palette import DAY_COLORS, day_color

__all__ = [
    "DAY_COLORS",
    "MapData",
    "MapOptions",
    "MissingAssets",
    "TileSource",
    "assets_dir",
    "build_map_data",
    "day_color",
    "page_html",
    "write_page",
    "write_standalone_page",
]
