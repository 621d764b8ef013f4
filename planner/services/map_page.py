"""Use case: the app's map page — written to disk once, then fed layers through its
JavaScript API (`planner.services.session.SessionModel.map_data` gives them).

The page builders import folium (about a second of CPU): the page is written once per
version and language into a cache folder, by a child process, so that neither the
window's start nor its interpreter lock waits for folium.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from planner.maps.assets import assets_dir, page_assets
from planner.maps.data import MapData
from planner.maps.layers import GeoJSON
from planner.maps.palette import DAY_COLORS
from planner.resources import resource_path

__all__ = ["DAY_COLORS", "PageUpdates", "app_page", "check_map_assets", "write_app_page"]

EMPTY: GeoJSON = {"type": "FeatureCollection", "features": []}
Call = tuple[str, Any]  # a planner.js function and its one argument


def write_app_page(path: Path, locale: str | None = None) -> Path:
    """The app's page at `path`: assets linked from the maps/ folder, no data yet."""
    from planner.maps.page import MapOptions, write_page

    return write_page(path, None, MapOptions(locale=locale))


def app_page(folder: Path, locale: str | None = None) -> Path:
    """The app's page for `locale` in the cache `folder`, written when this version has
    none yet (by a child process: folium loads on the other core), then reused."""
    path = folder / f"page-{locale or 'en'}-{_page_fingerprint(locale)}.html"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    command = [sys.executable, "-m", "planner.services.map_page", str(partial), locale or ""]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        write_app_page(partial, locale)  # no usable interpreter to start: write it here
    partial.replace(path)  # whole or not at all, even with two windows starting
    for stale in folder.glob(f"page-{locale or 'en'}-*.html"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def _page_fingerprint(locale: str | None) -> str:
    """Changes with what the page's text depends on: the page builders' code, the
    labels' catalogue, folium's version and where the assets are."""
    digest = hashlib.sha256(f"{locale}|{version('folium')}|{assets_dir()}".encode())
    builders = [find_spec(name) for name in ("planner.maps.page", "planner.maps.assets")]
    sources = [Path(spec.origin) for spec in builders if spec is not None and spec.origin]
    for source in [*sources, resource_path("translations", f"core_{locale}.po")]:
        if source.is_file():
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def check_map_assets() -> str:
    """Which vendored assets the page uses, in a few words; raises `MissingAssets`
    (naming what is missing) unless they are all there."""
    assets = page_assets()
    return f"{len(assets)} files under {assets[0].path.parents[2]}"


class PageUpdates:
    """What the page already shows, so that an update sends only what changed.

    Accounts go as a patch (`planner.patchAccounts`: the changed points and the ids
    gone) unless the palettes changed, which re-colours every point; the plan's routes
    by day (`planner.patchRoutes`: an edit on Tuesday redraws Tuesday) and the remote
    accounts by id (`planner.patchRemote`). A feature that is the very object sent last
    time (`planner.maps.layers.FeatureMemo` hands those back) is not even compared.
    """

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """The page was (re)loaded: it shows nothing."""
        self._accounts: _Sent | None = None
        self._palettes = ""
        self._parts: dict[str, _Sent] = {}  # routes by day, remote accounts by id
        self._territories: tuple[GeoJSON | None, str | None] = (None, None)  # (layer, JSON)
        self._focus = ""  # the key of the focus the page was framed on

    def calls(self, data: MapData) -> list[Call]:
        out: list[Call] = []
        focus = data.focus
        if focus is not None and focus.key != self._focus and focus.to_dict() is not None:
            # first: the page fits it before it draws (a new rep or week re-frames)
            out.append(("setFocus", focus.to_dict()))
            self._focus = focus.key
        out += self._account_calls(data)
        out += self._route_calls(data.routes)
        out += self._remote_calls(data.remote)
        if data.territories is None or data.territories is not self._territories[0]:
            # A layer kept by the map data's memo is the same object: not even compared.
            text = data.layer_json("territories") if data.territories is not None else _EMPTY_JSON
            if text != self._territories[1]:
                out.append(("setTerritories", text))
            self._territories = (data.territories, text)
        return out

    def _account_calls(self, data: MapData) -> list[Call]:
        layer = data.to_dict().get("accounts") or {**EMPTY, "palettes": {}}
        palettes = json.dumps(layer["palettes"], sort_keys=True)
        sent = _Sent.of({str(f["id"]): f for f in layer["features"]}, self._accounts)
        before, self._accounts = self._accounts, sent
        if before is None or palettes != self._palettes:
            self._palettes = palettes
            return [("setAccounts", json.dumps(layer, ensure_ascii=False))]
        changed, removed = sent.changes(before)
        if not changed and not removed:
            return []
        patch = {"features": [sent.items[k] for k in changed], "remove": removed}
        return [("patchAccounts", patch)]

    def _route_calls(self, routes: GeoJSON | None) -> list[Call]:
        days: dict[str, list[GeoJSON]] = {}
        for feature in (routes or EMPTY)["features"]:
            days.setdefault(feature["properties"]["day_label"], []).append(feature)
        return self._part_calls("routes", days, routes, ("setRoutes", "patchRoutes"))

    def _remote_calls(self, remote: GeoJSON | None) -> list[Call]:
        features = {str(f["properties"]["id"]): f for f in (remote or EMPTY)["features"]}
        return self._part_calls("remote", features, remote, ("setRemote", "patchRemote"))

    def _part_calls(
        self, name: str, parts: dict[str, Any], layer: GeoJSON | None, calls: tuple[str, str]
    ) -> list[Call]:
        """The whole `layer` the first time (calls[0]); then its `parts` (days, features)
        new or changed, and the ids gone (calls[1])."""
        sent = _Sent.of(parts, self._parts.get(name))
        before, self._parts[name] = self._parts.get(name), sent
        if before is None:
            return [(calls[0], json.dumps(layer or EMPTY, ensure_ascii=False))]
        changed, removed = sent.changes(before)
        if not changed and not removed:
            return []
        patch: dict[str, Any] = {"remove": removed}
        if name == "routes":  # by day label
            patch["days"] = {key: sent.items[key] for key in changed}
        else:
            patch["features"] = [sent.items[key] for key in changed]
        return [(calls[1], patch)]


_EMPTY_JSON = json.dumps(EMPTY)


class _Sent:
    """Items (features, or a day's features) by id as sent, with their JSON text."""

    def __init__(self, items: dict[str, Any], texts: dict[str, str]) -> None:
        self.items, self.texts = items, texts

    @classmethod
    def of(cls, items: dict[str, Any], before: _Sent | None) -> _Sent:
        texts = {}
        for key, item in items.items():
            if before is not None and before.items.get(key) is item:
                texts[key] = before.texts[key]  # the same object: unchanged
            else:
                texts[key] = json.dumps(item, sort_keys=True)
        return cls(items, texts)

    def changes(self, before: _Sent) -> tuple[list[str], list[str]]:
        """(ids new or changed since `before`, ids gone)."""
        changed = [key for key, text in self.texts.items() if before.texts.get(key) != text]
        removed = [key for key in before.texts if key not in self.texts]
        return changed, removed


def main(argv: list[str] | None = None) -> int:
    """`python -m planner.services.map_page PATH [LOCALE]`: write the app's page (the
    child process of `app_page`)."""
    path, locale, *_ = [*(sys.argv[1:] if argv is None else argv), "", ""]
    write_app_page(Path(path), locale or None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
