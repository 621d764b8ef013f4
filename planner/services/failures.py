"""One sentence for every expected failure, shared by the command line and the app.

The CLI's top-level boundary and the app's background workers both turn an exception
into a Failure: a sentence that names the file and says what to do, and the technical
detail (the exception chain) shown only behind ``--debug`` or the app's *Details*.
"""

from __future__ import annotations

import errno
import sqlite3
import traceback
from dataclasses import dataclass
from pathlib import Path

from planner.domain import DomainError
from planner.domain.progress import Cancelled
from planner.io.geocoding import GeocodeError
from planner.io.importers import ImportFileError
from planner.io.regions import RegionError
from planner.io.workspace import WorkspaceError, WorkspaceVersionError
from planner.io.workspace.postgres import display_url, is_postgres_url
from planner.io.workspace.safety import sqlite_problem
from planner.travel.model import TravelError

_LONGEST = 160  # characters of an unexpected exception's own text shown in the sentence
_FULL = (errno.ENOSPC, errno.EDQUOT)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)
_NETWORK = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED, errno.ECONNRESET,
            errno.ETIMEDOUT)  # fmt: skip


@dataclass(frozen=True)
class Failure:
    message: str  # one sentence for the user
    detail: str  # the traceback, for --debug and the app's Details


def explain(exc: BaseException, workspace: str | Path | None = None) -> Failure:
    """The sentence for ``exc``; ``workspace`` is the file the command was working on."""
    detail = "".join(traceback.format_exception(exc)).rstrip()
    return Failure(_sentence(exc, workspace), detail)


def _sentence(exc: BaseException, workspace: str | Path | None) -> str:
    where = str(workspace) if workspace is not None else "the workspace"
    if is_postgres_url(where):
        where = display_url(where)  # never print a password
    if isinstance(exc, WorkspaceVersionError | WorkspaceError):
        return str(exc) if where in str(exc) else f"{where}: {exc}"
    if isinstance(exc, ImportFileError | GeocodeError | DomainError | RegionError | TravelError):
        return str(exc)
    if isinstance(exc, Cancelled):
        return str(exc) or "cancelled"
    if isinstance(exc, MemoryError):
        return (
            "not enough memory to finish (the file may be too large for this computer): "
            "close other programs, or split the file and import the parts"
        )
    if isinstance(exc, sqlite3.Error):
        return sqlite_problem(exc, where)
    if isinstance(exc, OSError):
        return _os(exc, where)
    network = _network(exc)
    if network:
        return network
    text = " ".join(str(exc).split())
    text = text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"
    return (
        f"unexpected {type(exc).__name__}: {text or 'no message'}; run again with --debug "
        "and report the details"
    )


def _os(exc: OSError, where: str) -> str:
    name = exc.filename or where
    if exc.errno in _FULL:
        return f"the disk holding {name} is full: free some space and run again"
    if exc.errno in _DENIED or isinstance(exc, PermissionError):
        return f"cannot write {name}: permission denied (a read-only file or folder)"
    if isinstance(exc, FileNotFoundError):
        return f"{name} does not exist"
    if isinstance(exc, IsADirectoryError):
        return f"{name} is a folder, not a file"
    network = _network(exc)
    if network:
        return network
    return f"{name}: {exc.strerror or exc}"


def _network(exc: BaseException) -> str:
    """A sentence for network failures (requests, urllib3, sockets), else ''."""
    module = type(exc).__module__.split(".")[0]
    is_socket = isinstance(exc, ConnectionError | TimeoutError) or (
        isinstance(exc, OSError) and exc.errno in _NETWORK
    )
    if is_socket or module in ("requests", "urllib3", "geopy", "httpx"):
        kind = (
            "timed out"
            if isinstance(exc, TimeoutError) or "Timeout" in type(exc).__name__
            else "failed"
        )
        return (
            f"a network request {kind} ({type(exc).__name__}): check the connection or the "
            "server address, or work offline"
        )
    return ""
