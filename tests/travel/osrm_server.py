"""Build an OSRM dataset from an .osm.pbf and run osrm-routed on 127.0.0.1 (tests, benchmarks).

Uses the programs shipped in the osrm-bindings wheel (`python -m osrm ...`) and its
car profile. Everything is written into the given work directory.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from planner.travel.osrm_build import osrm_tool


class OsrmUnavailable(RuntimeError):
    """OSRM could not be built or started here; the message says why."""


def _osrm_profile() -> Path:
    try:
        import osrm
    except ImportError as exc:
        raise OsrmUnavailable("osrm-bindings is not installed (pip install osrm-bindings)") from exc
    profile = Path(osrm.__file__).parent / "share" / "profiles" / "car.lua"
    if not profile.is_file():
        raise OsrmUnavailable(f"osrm-bindings has no car profile at {profile}")
    return profile


def _run(args: list[str], workdir: Path, log: str) -> None:
    with (workdir / log).open("w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "osrm", *args],
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=300,
            check=False,
        )
    if done.returncode != 0:
        tail = (workdir / log).read_text(errors="replace")[-500:]
        raise OsrmUnavailable(f"osrm {args[0]} failed ({done.returncode}): {tail}")


def build_dataset(pbf: Path, workdir: Path, small_component_size: int = 1000) -> Path:
    """osrm-extract + osrm-contract (CH); returns the .osrm base path.

    OSRM snaps places to "large" connected components when it can; on a clipped
    city extract nothing reaches its default 1000 nodes, so callers pass a lower size.
    """
    profile = _osrm_profile()
    workdir.mkdir(parents=True, exist_ok=True)
    local = workdir / pbf.name
    shutil.copyfile(pbf, local)
    _run(
        [
            "extract",
            "-p",
            str(profile),
            "--small-component-size",
            str(small_component_size),
            local.name,
        ],
        workdir,
        "extract.log",
    )
    base = workdir / (local.name.removesuffix(".osm.pbf") + ".osrm")
    _run(["contract", base.name], workdir, "contract.log")
    return base


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(
    base: Path, max_table_size: int = 100, startup_s: float = 60.0, algorithm: str = "ch"
) -> Iterator[str]:
    """Run osrm-routed on a free loopback port; yields its base URL."""
    port = _free_port()
    log = (base.parent / "routed.log").open("w")
    proc = subprocess.Popen(
        [
            # the program itself, not `python -m osrm routed`: terminating that wrapper
            # left its osrm-routed child running after every test
            str(osrm_tool("routed")),
            "--ip",
            "127.0.0.1",
            "--port",
            str(port),
            "--algorithm",
            algorithm,
            "--max-table-size",
            str(max_table_size),
            base.name,
        ],
        cwd=base.parent,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(proc, url, startup_s, base.parent / "routed.log")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _wait_ready(proc: subprocess.Popen[bytes], url: str, startup_s: float, log: Path) -> None:
    deadline = time.monotonic() + startup_s
    probe = f"{url}/nearest/v1/driving/0,0"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise OsrmUnavailable(
                f"osrm-routed exited ({proc.returncode}): {log.read_text()[-500:]}"
            )
        try:
            urllib.request.urlopen(probe, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is up
        except OSError:
            time.sleep(0.1)
    raise OsrmUnavailable(f"osrm-routed did not answer on {url} within {startup_s:g} s")
