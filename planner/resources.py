"""One resolver for files shipped beside the code: resources/ and the maps/ web assets.

From a source checkout (or an editable install) they sit next to the `planner` package;
in a PyInstaller bundle they are unpacked under `sys._MEIPASS`. TERRITORY_PLANNER_ROOT
overrides both (packagers, tests).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    override = os.environ.get("TERRITORY_PLANNER_ROOT")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under resources/ (icons, translations, demo data)."""
    return app_root().joinpath("resources", *parts)


def maps_path(*parts: str) -> Path:
    """A file under maps/ (vendored Leaflet, the page's JS API, base map data)."""
    return app_root().joinpath("maps", *parts)
