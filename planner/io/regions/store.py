"""Where regions live: the user data folder, shared by every workspace.

A region is a folder of built data (road dataset, address index) plus a small JSON
record `<name>.region.json` that names the folder in use. A build happens in a
`.building-*` folder; only when it is complete is it renamed next to the others and
the record replaced (`os.replace`, atomic), so a failed, cancelled or disk-full build
leaves the previous region untouched and nothing half-built is ever in use.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "territory-planner"
REGIONS_ENV = "TERRITORY_PLANNER_REGIONS"
ADDRESS_FILE = "addresses.sqlite"  # a region folder's address index
ROADS_DIR = "roads"  # ... and its OSRM dataset
_RECORD = ".region.json"
_BUILDING = ".building-"
_STALE_BUILD_S = 24 * 3600  # a build folder this old belongs to no running build
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


class RegionError(RuntimeError):
    """A region could not be added, found or removed; the message says why."""


def default_regions_dir() -> Path:
    """$TERRITORY_PLANNER_REGIONS, else `regions` in the user data folder."""
    if override := os.environ.get(REGIONS_ENV):
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "regions"


def region_name(text: str) -> str:
    """A folder-safe region name: `italy/nord-est` → `italy-nord-est`."""
    name = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-.")
    if not _NAME.match(name):
        raise RegionError(f"cannot make a region name out of {text!r}; pass --name")
    return name


@dataclass(frozen=True)
class RegionInfo:
    """What `region list` shows and what the travel model and geocoder need."""

    name: str
    source: str  # the file, URL or Geofabrik name it was added from
    folder: str  # the build folder in use, relative to the regions folder
    bbox: tuple[float, float, float, float]  # south, west, north, east
    built_at: str  # ISO time, UTC
    md5: str = ""  # of the extract, when known
    size_bytes: int = 0  # of the built folder
    build_s: float = 0.0
    addresses: int = 0
    streets: int = 0
    calibration: dict[str, Any] = field(default_factory=dict)  # geodesic params + errors

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RegionInfo:
        data = json.loads(text)
        data["bbox"] = tuple(data["bbox"])
        return cls(**data)


class RegionStore:
    """The regions folder: list, install atomically, remove."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_regions_dir()

    def regions(self) -> list[RegionInfo]:
        """Every usable region, by name; unreadable records are skipped."""
        if not self.root.is_dir():
            return []
        out = []
        for record in sorted(self.root.glob(f"*{_RECORD}")):
            try:
                info = RegionInfo.from_json(record.read_text(encoding="utf-8"))
            except (OSError, ValueError, TypeError, KeyError):
                continue
            if (self.root / info.folder).is_dir():
                out.append(info)
        return out

    def get(self, name: str) -> RegionInfo | None:
        return next((r for r in self.regions() if r.name == name), None)

    def folder(self, info: RegionInfo) -> Path:
        return self.root / info.folder

    def new_build_folder(self, name: str) -> Path:
        """A fresh scratch folder for building `name` (on the same disk as the regions)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._clean_stale()
        path = self.root / f"{_BUILDING}{name}-{uuid.uuid4().hex[:8]}"
        path.mkdir()
        return path

    def install(self, build: Path, info: RegionInfo) -> RegionInfo:
        """Put a finished build in use in one atomic step; the old one is deleted after."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        final = self.root / f"{info.name}-{stamp}-{uuid.uuid4().hex[:6]}"
        build.rename(final)
        size = sum(p.stat().st_size for p in final.rglob("*") if p.is_file())
        installed = RegionInfo(**{**asdict(info), "folder": final.name, "size_bytes": size})
        previous = self.get(info.name)
        record = self.root / f"{info.name}{_RECORD}"
        temporary = record.with_suffix(f".tmp-{uuid.uuid4().hex[:6]}")
        try:
            temporary.write_text(installed.to_json(), encoding="utf-8")
            os.replace(temporary, record)
        except OSError:
            temporary.unlink(missing_ok=True)
            shutil.rmtree(final, ignore_errors=True)
            raise
        if previous is not None and previous.folder != final.name:
            shutil.rmtree(self.root / previous.folder, ignore_errors=True)
        return installed

    def remove(self, name: str) -> RegionInfo:
        info = self.get(name)
        if info is None:
            known = ", ".join(r.name for r in self.regions()) or "none"
            raise RegionError(f"no region named {name!r} (known: {known})")
        (self.root / f"{name}{_RECORD}").unlink()
        shutil.rmtree(self.root / info.folder, ignore_errors=True)
        return info

    def downloads(self) -> Path:
        path = self.root / ".downloads"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _clean_stale(self) -> None:
        """Build folders left by a crash, and region folders no record points to."""
        in_use = {r.folder for r in self.regions()}
        now = time.time()
        for path in self.root.iterdir():
            if not path.is_dir() or path.name == ".downloads" or path.name in in_use:
                continue
            building = path.name.startswith(_BUILDING)
            if not building or now - path.stat().st_mtime > _STALE_BUILD_S:
                shutil.rmtree(path, ignore_errors=True)
