"""Adding, listing, updating and removing regions; failures leave the previous data."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from planner.domain import GeoPoint
from planner.domain.progress import CancelFlag, Cancelled
from planner.io.regions import RegionError, RegionStore, resolve_source
from planner.services.regions import (
    add_region,
    outdated_roads,
    remove_region,
    roads_model,
    update_region,
)
from tests.regions.helpers import accounts_at, make_mld
from tests.regions.http_server import Files, serving


def _folders(store: RegionStore) -> list[str]:
    return sorted(p.name for p in store.root.iterdir() if p.is_dir() and p.name != ".downloads")


def _places(store: RegionStore) -> list[GeoPoint]:
    return [a.location for a in accounts_at(store, 8, every=200) if a.location]


def _road_times(store: RegionStore, places: list[GeoPoint]) -> tuple[Any, Any]:
    """Seconds and the estimated-leg mask, with a fresh model (engines opened anew)."""
    model = roads_model(store)
    assert model is not None
    _, seconds, estimated = model.arrays(places)
    assert (~estimated).sum() > len(places)  # most legs are on roads
    return seconds, estimated


def test_source_kinds(tmp_path: Path) -> None:
    geofabrik = resolve_source("italy/nord-est")
    assert geofabrik.url == "https://download.geofabrik.de/italy/nord-est-latest.osm.pbf"
    assert geofabrik.md5_url == geofabrik.url + ".md5"
    assert geofabrik.name == "italy-nord-est"
    url = resolve_source("https://example.org/x/monaco-latest.osm.pbf")
    assert (url.name, url.url) == ("monaco", "https://example.org/x/monaco-latest.osm.pbf")
    with pytest.raises(RegionError, match="no such file"):
        resolve_source(str(tmp_path / "missing.osm.pbf"))
    with pytest.raises(RegionError, match="neither"):
        resolve_source("not a region!")


def test_added_region_is_listed_with_counts(built_store: RegionStore) -> None:
    (info,) = built_store.regions()
    assert info.name == "helsinki"
    assert info.addresses > 1000 and info.streets > 50
    s, w, n, e = info.bbox
    assert 60.1 < s < n < 60.2 and 24.9 < w < e < 25.0
    folder = built_store.folder(info)
    assert (folder / "addresses.sqlite").is_file()
    assert (folder / "roads" / "region.osrm.hsgr").is_file()
    assert info.calibration["pairs"] > 1000
    assert info.size_bytes > 100_000


def test_a_bad_extract_leaves_the_previous_region(tmp_path: Path, helsinki_pbf: Path) -> None:
    store = RegionStore(tmp_path / "regions")
    first = add_region(str(helsinki_pbf), store=store).info
    truncated = tmp_path / "helsinki.osm.pbf"
    truncated.write_bytes(helsinki_pbf.read_bytes()[:40_000])
    with pytest.raises(RegionError, match="cannot be read"):
        add_region(str(truncated), store=store)
    text = tmp_path / "notes.osm.pbf"
    text.write_text("hello, not a map\n" * 10)
    with pytest.raises(RegionError, match="not an OpenStreetMap"):
        add_region(str(text), name="helsinki", store=store)
    assert store.regions() == [first]
    assert _folders(store) == [first.folder]  # no half-built folder left


def test_cancel_half_way_changes_nothing(tmp_path: Path, helsinki_pbf: Path) -> None:
    store = RegionStore(tmp_path / "regions")
    flag = CancelFlag()

    class TripAtRoads:
        def report(self, fraction: float, message: str = "") -> None:
            if "roads" in message:
                flag.cancel()

    with pytest.raises(Cancelled):
        add_region(str(helsinki_pbf), store=store, progress=TripAtRoads(), cancel=flag)
    assert store.regions() == []
    assert _folders(store) == []


def test_remove(tmp_path: Path, helsinki_pbf: Path) -> None:
    store = RegionStore(tmp_path / "regions")
    add_region(str(helsinki_pbf), name="hki", store=store)
    removed = remove_region("hki", store)
    assert removed.name == "hki" and store.regions() == [] and _folders(store) == []
    with pytest.raises(RegionError, match="no region named"):
        remove_region("hki", store)


@pytest.mark.network_server
def test_download_resumes_and_checks_the_checksum(tmp_path: Path, helsinki_pbf: Path) -> None:
    body = helsinki_pbf.read_bytes()
    files = Files({"/fi/helsinki-latest.osm.pbf": body})
    store = RegionStore(tmp_path / "regions")
    with serving(files) as base:
        url = f"{base}/fi/helsinki-latest.osm.pbf"
        files.content["/fi/helsinki-latest.osm.pbf.md5"] = b"0" * 32 + b"  helsinki.osm.pbf\n"
        with pytest.raises(RegionError, match="does not match the published checksum"):
            add_region(url, store=store)
        assert store.regions() == []
        good = hashlib.md5(body, usedforsecurity=False).hexdigest()
        files.content["/fi/helsinki-latest.osm.pbf.md5"] = f"{good}  h.osm.pbf\n".encode()
        files.cut_after = 300_000
        with pytest.raises(RegionError, match="run the same command again to resume"):
            add_region(url, store=store)
        result = add_region(url, store=store)
        assert files.ranges == ["bytes=300000-"]
        assert result.downloaded and result.info.md5 == good
        assert result.info.name == "helsinki"
        assert update_region("helsinki", store=store) is None  # same checksum: nothing to do
        # a region built by an older version (MLD) still works, and update rebuilds it
        old, places = store.regions()[0], _places(store)
        on_ch = _road_times(store, places)
        make_mld(store.folder(old) / "roads" / "region.osrm")
        assert "older kind (MLD)" in outdated_roads(old, store)
        on_mld = _road_times(store, places)
        assert np.array_equal(on_mld[1], on_ch[1])  # the same legs on roads
        assert np.allclose(on_mld[0], on_ch[0], rtol=0.01)
        rebuilt = update_region("helsinki", store=store)
        assert rebuilt is not None and rebuilt.info.md5 == good
        assert outdated_roads(rebuilt.info, store) == ""
    assert list((store.root / ".downloads").iterdir()) == []


def test_a_disk_filling_up_half_way_leaves_the_previous_region(
    tmp_path: Path, helsinki_pbf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RegionStore(tmp_path / "regions")
    first = add_region(str(helsinki_pbf), store=store).info

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("planner.services.regions.calibrate_region", full)
    with pytest.raises(RegionError, match="the disk is full"):
        add_region(str(helsinki_pbf), store=store)
    assert store.regions() == [first]
    assert _folders(store) == [first.folder]
