"""Which travel model a workspace uses, kept as a small JSON value in the workspace.

`TravelSettings` names a backend and its parameters; `build()` makes the model. The
settings live under ("travel", "settings") of any store with `get_value`/`set_value`
(the workspace has them), so the CLI, the services and the UI all use the same model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol

from planner.travel.geodesic import GeodesicModel, GeodesicParams
from planner.travel.model import TravelError, TravelModel

NAMESPACE, KEY = "travel", "settings"
BACKENDS = ("geodesic", "osm", "osrm")


class ValueStore(Protocol):
    def get_value(self, namespace: str, key: str) -> Any: ...

    def set_value(self, namespace: str, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class TravelSettings:
    backend: str = "geodesic"
    geodesic: GeodesicParams = field(default_factory=GeodesicParams)  # also OSRM's fallback
    pbf: str = ""  # osm: path to the .osm.pbf extract
    junction_penalty_s: float = 3.0  # osm
    osrm_url: str = ""  # osrm: http(s)://host:port
    osrm_table_size: int = 100  # osrm: the server's --max-table-size
    roads: bool = True  # geodesic: time legs on the roads of the user's regions where they can

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise TravelError(
                f"unknown travel backend {self.backend!r}; choose one of {', '.join(BACKENDS)}"
            )
        if self.backend == "osm" and not self.pbf:
            raise TravelError("the osm backend needs the path of an .osm.pbf extract")
        if self.backend == "osrm" and not self.osrm_url:
            raise TravelError("the osrm backend needs the address of an OSRM server")

    def build(self, cache_dir: Path | None = None) -> TravelModel:
        """The travel model these settings describe (loads a road graph for osm)."""
        if self.backend == "osm":
            from planner.travel.roadgraph import RoadGraphModel

            return RoadGraphModel.from_pbf(
                self.pbf, cache_dir=cache_dir, junction_penalty_s=self.junction_penalty_s
            )
        if self.backend == "osrm":
            from planner.travel.osrm import OsrmModel

            return OsrmModel(
                self.osrm_url,
                max_table_size=self.osrm_table_size,
                fallback=GeodesicModel(self.geodesic),
            )
        return GeodesicModel(self.geodesic)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TravelSettings:
        if not isinstance(data, dict):
            raise TravelError(f"travel settings must be an object, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise TravelError(f"unknown travel settings: {', '.join(unknown)}")
        values = dict(data)
        geodesic = values.pop("geodesic", None) or {}
        if not isinstance(geodesic, dict):
            raise TravelError("travel settings: 'geodesic' must be an object")
        try:
            return cls(geodesic=GeodesicParams(**geodesic), **values)
        except TypeError as exc:
            raise TravelError(f"travel settings: {exc}") from None


def load_settings(store: ValueStore) -> TravelSettings:
    """The store's travel settings; the geodesic defaults when none were saved."""
    data = store.get_value(NAMESPACE, KEY)
    return TravelSettings() if data is None else TravelSettings.from_dict(data)


def save_settings(store: ValueStore, settings: TravelSettings) -> None:
    store.set_value(NAMESPACE, KEY, settings.to_dict())
