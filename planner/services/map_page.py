"""Use case: the app's map page — written to disk once, then fed layers through its
JavaScript API (`planner.services.session.SessionModel.map_data` gives them).

The page builders import folium (about a second): they load when a page is written.
"""

from __future__ import annotations

from pathlib import Path

from planner.maps.assets import page_assets
from planner.maps.palette import DAY_COLORS

__all__ = ["DAY_COLORS", "check_map_assets", "write_app_page"]


def write_app_page(path: Path, locale: str | None = None) -> Path:
    """The app's page at `path`: assets linked from the maps/ folder, no data yet."""
    from planner.maps.page import MapOptions, write_page

    return write_page(path, None, MapOptions(locale=locale))


def check_map_assets() -> str:
    """Which vendored assets the page uses, in a few words; raises `MissingAssets`
    (naming what is missing) unless they are all there."""
    assets = page_assets()
    return f"{len(assets)} files under {assets[0].path.parents[2]}"
