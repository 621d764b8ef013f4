"""Where the vendored web assets live and how a page refers to them.

The app's page links them from disk (file: URLs); a standalone export inlines them,
with Leaflet's CSS images as data: URLs, so one .html file works anywhere offline.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from pathlib import Path

from planner.resources import maps_path

# Order matters: Leaflet before its plugin, base map data before planner.js uses it.
CSS_FILES = (
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
    "planner.css",
)
JS_FILES = (
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet.markercluster/leaflet.markercluster.js",
    "basemap/countries.js",
    "basemap/italy-regions.js",
    "planner-dom.js",
    "planner.js",
    "planner-layers.js",
    "planner-patch.js",
    "planner-view.js",
    "planner-basemap.js",
    "planner-select.js",
)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[\w.-]+\.png)\1\)")
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_STYLE_END = re.compile(r"</(style)", re.IGNORECASE)


class MissingAssets(FileNotFoundError):
    """The maps/ folder is incomplete; the message says what to run."""


def assets_dir() -> Path:
    """The top-level maps/ folder (or $TERRITORY_PLANNER_MAPS for packaged builds)."""
    override = os.environ.get("TERRITORY_PLANNER_MAPS")
    return Path(override) if override else maps_path()


@dataclass(frozen=True)
class Asset:
    kind: str  # "css" | "js"
    name: str  # path relative to maps/
    path: Path

    @property
    def url(self) -> str:
        return self.path.as_uri()


def page_assets(root: Path | None = None) -> list[Asset]:
    base = root or assets_dir()
    found = [Asset("css", n, base / n) for n in CSS_FILES] + [
        Asset("js", n, base / n) for n in JS_FILES
    ]
    missing = [a.name for a in found if not a.path.is_file()]
    if missing:
        raise MissingAssets(
            f"map assets missing under {base}: {', '.join(missing)} "
            "(run `python maps/fetch_assets.py --basemap`)"
        )
    return found


def _data_url(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def inline_css(asset: Asset) -> str:
    """CSS text with its images embedded, safe inside a <style> element."""
    text = asset.path.read_text(encoding="utf-8")
    folder = asset.path.parent
    text = _CSS_URL.sub(lambda m: f"url({_data_url(folder / m.group(2))})", text)
    return _STYLE_END.sub(r"<\\/\1", text)


def inline_js(asset: Asset) -> str:
    """Script text safe inside a <script> element: `</script` cannot close it early.

    `<\\/` means `</` inside JS strings and regexes, the only places it occurs.
    """
    return _SCRIPT_END.sub(r"<\\/\1", asset.path.read_text(encoding="utf-8"))
