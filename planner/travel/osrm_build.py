"""Build an OSRM routing dataset from an .osm.pbf extract, with the tools of the
`osrm-bindings` wheel: car profile, Contraction Hierarchies (extract → contract).

CH rather than MLD: its many-to-many table is ~4-6× faster (the planner's main query:
1,000×1,000 places), route queries are faster too, and the build is one step less.
MLD's strength, re-weighting in seconds (`customize`) for live traffic, is of no use
here: a region's weights only change when its extract is rebuilt.

The tools run as child processes (they are programs, not library calls); their log
lines drive the progress, a cancel terminates the running tool, and a failure raises
`TravelError` with the tool's last message. The caller builds into a scratch folder
and moves it into place only when every step succeeded.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import threading
from collections import deque
from pathlib import Path

from planner.domain.progress import Cancelled, CancelToken, ProgressReporter
from planner.travel.model import NO_CANCEL, NO_PROGRESS, TravelError

DATASET_NAME = "region.osrm"
ALGORITHM = "CH"  # what a build makes now
# the file each algorithm's dataset has; regions built before CH was chosen are MLD
_ALGORITHM_FILES = (("CH", ".hsgr"), ("MLD", ".mldgr"))
# (tool, share of the build time measured on Monaco and Helsinki: extract dominates)
_STEPS = (("extract", 0.85), ("contract", 0.15))
_POLL_S = 0.2


def osrm_package_dir() -> Path:
    """The installed `osrm` package (programs under bin/, profiles under share/)."""
    try:
        import osrm
    except ImportError as exc:  # a broken install: say what is missing
        raise TravelError(
            "the OSRM engine (Python package osrm-bindings) is not installed"
        ) from exc
    return Path(osrm.__file__).resolve().parent


def car_profile() -> Path:
    profile = osrm_package_dir() / "share" / "profiles" / "car.lua"
    if not profile.is_file():
        raise TravelError(f"the OSRM car profile is missing from {profile.parent}")
    return profile


def osrm_tool(name: str) -> Path:
    """The path of an OSRM program (extract, partition, customize, routed, ...)."""
    exe = osrm_package_dir() / "bin" / f"osrm-{name}"
    if not exe.is_file():
        found = shutil.which(f"osrm-{name}")
        if found is None:
            raise TravelError(f"the OSRM program osrm-{name} is missing from {exe.parent}")
        return Path(found)
    return exe


def dataset_algorithm(dataset: Path) -> str | None:
    """CH or MLD: the kind of the complete dataset at the .osrm base path (else None)."""
    for algorithm, suffix in _ALGORITHM_FILES:
        if Path(f"{dataset}{suffix}").is_file():
            return algorithm
    return None


def build_osrm_dataset(
    pbf: Path,
    out_dir: Path,
    progress: ProgressReporter = NO_PROGRESS,
    cancel: CancelToken = NO_CANCEL,
    small_component_size: int | None = None,
) -> Path:
    """Extract and contract `pbf` into `out_dir`; returns the .osrm base path.

    `small_component_size`: road components with fewer nodes are fragments, and places
    near one also snap to the nearest larger component (OSRM's default: 1,000 nodes)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    source = out_dir / "region.osm.pbf"
    try:
        source.symlink_to(pbf.resolve())
    except OSError:
        shutil.copyfile(pbf, source)  # file systems without symlinks
    base = out_dir / DATASET_NAME
    done = 0.0
    for step, share in _STEPS:
        if step == "extract":
            args = [str(osrm_tool(step)), "-p", str(car_profile()), str(source)]
            if small_component_size is not None:
                args[1:1] = ["--small-component-size", str(small_component_size)]
        else:
            args = [str(osrm_tool(step)), str(base)]
        progress.report(done, f"roads: {step}")
        _run(args, out_dir, step, cancel)
        done += share
    source.unlink()
    progress.report(1.0, "roads: dataset ready")
    return base


def _run(args: list[str], cwd: Path, step: str, cancel: CancelToken) -> None:
    """Run one tool; keep its last log lines for the error message."""
    tail: deque[str] = deque(maxlen=8)
    try:
        proc = subprocess.Popen(
            args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace",
        )  # fmt: skip
    except OSError as exc:
        raise TravelError(f"cannot start osrm-{step}: {exc}") from exc
    assert proc.stdout is not None
    stream = proc.stdout
    reader = threading.Thread(target=lambda: tail.extend(stream), daemon=True)
    reader.start()
    try:
        while proc.poll() is None:
            if cancel.cancelled:
                proc.terminate()
                proc.wait(timeout=10)
                raise Cancelled(f"road dataset build cancelled during {step}")
            try:
                proc.wait(timeout=_POLL_S)
            except subprocess.TimeoutExpired:
                continue
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(timeout=5)
    if proc.returncode != 0:
        raise TravelError(_failure(step, proc.returncode, list(tail), cwd))


def _failure(step: str, code: int, tail: list[str], cwd: Path) -> str:
    text = " ".join(tail).lower()
    if "no space left" in text or _disk_full(cwd):
        return f"the disk filled up while building the road dataset ({step}); free some space"
    if step == "extract" and any(k in text for k in ("pbf", "protobuf", "unexpected", "io")):
        return "the extract is not a readable .osm.pbf file (truncated or another format)"
    last = next((line.strip() for line in reversed(tail) if line.strip()), "no output")
    return f"osrm-{step} failed (exit {code}): {last}"


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path).free < 1 << 20
    except OSError as exc:
        return exc.errno == errno.ENOSPC
