"""Getting an extract: a local .osm.pbf, an http(s) URL or a Geofabrik region name.

Downloads go to a `.part` file that a later run resumes with an HTTP Range request;
when the server publishes a checksum next to the file (Geofabrik's `<file>.md5`), the
finished file is checked against it and thrown away when it differs.
"""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path

from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)
from planner.io.regions.store import RegionError, region_name

GEOFABRIK = "https://download.geofabrik.de"
_GEOFABRIK_NAME = re.compile(r"^[a-z][a-z0-9-]*(?:/[a-z0-9-]+){0,3}$")
_CHUNK = 1 << 20
_TIMEOUT_S = 60.0
PBF_SUFFIX = ".osm.pbf"


@dataclass(frozen=True)
class Source:
    """Where an extract comes from: a local file or a URL (with its checksum's URL)."""

    text: str  # as the user gave it
    name: str  # the region name it suggests
    path: Path | None = None
    url: str = ""
    md5_url: str = ""


def resolve_source(text: str) -> Source:
    """A local .osm.pbf, an http(s) URL, or a Geofabrik name such as `italy/nord-est`."""
    text = text.strip()
    parsed = urllib.parse.urlparse(text)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        base = Path(parsed.path).name
        return Source(text, region_name(_stem(base) or parsed.netloc), url=text,
                      md5_url=f"{text}.md5")  # fmt: skip
    path = Path(text).expanduser()
    if path.exists() or text.endswith(".pbf") or "\\" in text or text.startswith((".", "~")):
        if not path.is_file():
            raise RegionError(f"no such file: {text}")
        return Source(text, region_name(_stem(path.name)), path=path)
    if _GEOFABRIK_NAME.match(text.lower()):
        url = f"{GEOFABRIK}/{text.lower()}-latest{PBF_SUFFIX}"
        return Source(text, region_name(text), url=url, md5_url=f"{url}.md5")
    raise RegionError(
        f"{text!r} is neither an .osm.pbf file, an http(s) URL nor a Geofabrik region "
        "name such as italy/nord-est"
    )


def _stem(filename: str) -> str:
    for suffix in (f"-latest{PBF_SUFFIX}", PBF_SUFFIX, ".pbf"):
        if filename.endswith(suffix):
            return filename[: -len(suffix)]
    return filename


def check_pbf(path: Path) -> None:
    """Refuse at once a file that is not an OSM PBF (its first block is `OSMHeader`)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise RegionError(f"cannot read {path}: {exc}") from exc
    if len(head) < 16 or b"OSMHeader" not in head[4:32]:
        raise RegionError(f"{path.name} is not an OpenStreetMap .osm.pbf extract")


def published_md5(source: Source, timeout_s: float = _TIMEOUT_S) -> str:
    """The checksum the server publishes next to the file; empty when it has none."""
    if not source.md5_url:
        return ""
    try:
        with urllib.request.urlopen(source.md5_url, timeout=timeout_s) as response:
            text = response.read(4096).decode("ascii", "replace")
    except urllib.error.HTTPError:
        return ""
    except (urllib.error.URLError, TimeoutError, OSError, HTTPException) as exc:
        raise RegionError(f"cannot reach {source.md5_url}: {_reason(exc)}") from exc
    match = re.match(r"\s*([0-9a-fA-F]{32})\b", text)
    return match.group(1).lower() if match else ""


def file_md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def download(
    source: Source,
    folder: Path,
    expected_md5: str = "",
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Download (or resume) the extract into `folder`; checked against `expected_md5`."""
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    target = folder / f"{source.name}{PBF_SUFFIX}"
    part = target.with_name(target.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(
        source.url, headers={"Range": f"bytes={have}-"} if have else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as response:
            if have and response.status != 206:
                have = 0  # the server ignored the range: start again
            total = have + int(response.headers.get("Content-Length") or 0)
            _receive(response=response, part=part, have=have, total=total, progress=progress,
                     cancel=cancel)  # fmt: skip
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # nothing left to send: the part is complete
            pass
        else:
            raise RegionError(f"{source.url}: the server answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError, HTTPException) as exc:
        got = part.stat().st_size if part.exists() else 0
        raise RegionError(
            f"the download stopped after {got / 1e6:.1f} MB ({_reason(exc)}); "
            "run the same command again to resume"
        ) from exc
    if expected_md5 and file_md5(part) != expected_md5:
        part.unlink()
        raise RegionError(
            f"the downloaded file does not match the published checksum {expected_md5}; "
            "it was deleted: run the command again"
        )
    part.replace(target)
    return target


def _receive(
    *, response: object, part: Path, have: int, total: int,
    progress: ProgressReporter, cancel: CancelToken,
) -> None:  # fmt: skip
    received = have
    with part.open("ab" if have else "wb") as out:
        while chunk := response.read(_CHUNK):  # type: ignore[attr-defined]
            if cancel.cancelled:
                raise Cancelled(f"download cancelled at {received / 1e6:.1f} MB; it resumes")
            out.write(chunk)
            received += len(chunk)
            if total:
                progress.report(received / total, f"downloading {received / 1e6:.1f} MB")
    if total and received < total:
        raise ConnectionError(f"connection closed at {received} of {total} bytes")


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "reason", None) or exc)
