"""Regions: OpenStreetMap extracts built once into the user data folder (road dataset
and address index), shared by every workspace."""

from planner.io.regions.download import (
    Source,
    check_pbf,
    download,
    file_md5,
    published_md5,
    resolve_source,
)
from planner.io.regions.store import (
    RegionError,
    RegionInfo,
    RegionStore,
    default_regions_dir,
    region_name,
)

__all__ = [
    "RegionError",
    "RegionInfo",
    "RegionStore",
    "Source",
    "check_pbf",
    "default_regions_dir",
    "download",
    "file_md5",
    "published_md5",
    "region_name",
    "resolve_source",
]
