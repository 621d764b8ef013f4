"""Where the rep's calendar comes from: an .ics file, an ICS URL, or a CalDAV calendar.

`fetch` returns the calendar texts of a source. An ICS URL is asked with the ETag and
Last-Modified of the copy kept last time, so an unchanged calendar costs one small 304.
A CalDAV calendar is read with the `caldav` library for a time range (each event
object's iCalendar text; recurrences are expanded later, locally). Passwords are read
from the file the user names, when needed, and never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from planner.domain.errors import DomainError

if TYPE_CHECKING:  # caldav is loaded only to talk to a CalDAV server (~0.3 s to import)
    from caldav.collection import Calendar as DavCalendar

TIMEOUT_S = 20
KINDS = ("file", "ics", "caldav")


class CalendarSourceError(DomainError):
    """A calendar source cannot be read now (server down, wrong password, bad file)."""


@dataclass(frozen=True)
class CalendarSource:
    id: str
    rep_name: str
    location: str  # a path or a URL
    kind: str  # file | ics | caldav
    user: str = ""
    password_file: str = ""
    all_day_off: bool = False  # an all-day event is a day off (else it is ignored)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise DomainError(f"calendar kind must be one of {', '.join(KINDS)}: {self.kind!r}")

    @property
    def label(self) -> str:
        return f"{self.kind} {self.location}"


@dataclass(frozen=True)
class Fetched:
    """What a source gave: calendar texts, and the validators for the next request."""

    texts: tuple[str, ...]
    etag: str = ""
    last_modified: str = ""
    unchanged: bool = False  # the server said 304: the cached copy is current
    notes: tuple[str, ...] = field(default_factory=tuple)


def guess_kind(location: str, user: str = "") -> str:
    """file for a path, ics for webcal:// or a URL ending in .ics, else CalDAV."""
    lower = location.lower()
    if not lower.startswith(("http://", "https://", "webcal://", "webcals://")):
        return "file"
    if lower.startswith("webcal") or lower.split("?")[0].endswith(".ics"):
        return "ics"
    return "caldav"


def password(source: CalendarSource) -> str | None:
    if not source.password_file:
        return None
    try:
        return Path(source.password_file).read_text(encoding="utf-8").strip("\r\n")
    except OSError as exc:
        raise CalendarSourceError(
            f"cannot read the password file {source.password_file}: {exc.strerror}"
        ) from None


def fetch(source: CalendarSource, first: datetime, last: datetime, etag: str = "",
          last_modified: str = "") -> Fetched:  # fmt: skip
    if source.kind == "file":
        return _read_file(source)
    if source.kind == "ics":
        return _get_ics(source, etag, last_modified)
    return _read_caldav(source, first, last)


def _read_file(source: CalendarSource) -> Fetched:
    try:
        return Fetched((Path(source.location).read_text(encoding="utf-8-sig"),))
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarSourceError(f"cannot read {source.location}: {exc}") from None


def _http_url(location: str) -> str:
    if location.lower().startswith("webcals://"):
        return "https://" + location[len("webcals://") :]
    if location.lower().startswith("webcal://"):
        return "https://" + location[len("webcal://") :]
    return location


def _get_ics(source: CalendarSource, etag: str, last_modified: str) -> Fetched:
    headers = {"Accept": "text/calendar"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    secret = password(source)
    auth = (source.user, secret) if source.user and secret is not None else None
    url = _http_url(source.location)
    import requests  # ~0.25 s to load: only when a calendar is fetched, not at the app's start

    try:
        response = requests.get(url, headers=headers, auth=auth, timeout=TIMEOUT_S)
    except requests.Timeout:
        raise CalendarSourceError(f"{url} did not answer within {TIMEOUT_S} s") from None
    except requests.ConnectionError:
        raise CalendarSourceError(f"cannot reach {url}: server down or offline") from None
    except requests.RequestException as exc:
        raise CalendarSourceError(f"cannot read {url}: {_short(exc)}") from None
    if response.status_code == 304:
        return Fetched((), etag, last_modified, unchanged=True)
    if response.status_code in (401, 403):
        raise CalendarSourceError(f"{url} refused the login (HTTP {response.status_code})")
    if response.status_code >= 400:
        raise CalendarSourceError(f"{url} answered HTTP {response.status_code}")
    if "BEGIN:VCALENDAR" not in response.text[:4096].upper():
        raise CalendarSourceError(f"{url} did not send a calendar")
    return Fetched(
        (response.text,),
        response.headers.get("ETag", ""),
        response.headers.get("Last-Modified", ""),
    )


def caldav_calendar(source: CalendarSource) -> DavCalendar:
    """The CalDAV calendar object for `source` (no request made yet)."""
    from caldav.collection import Calendar as DavCalendar
    from caldav.davclient import DAVClient

    client = DAVClient(
        url=source.location, username=source.user or None, password=password(source),
        timeout=TIMEOUT_S, enable_rfc6764=False,
    )  # fmt: skip
    return DavCalendar(client=client, url=source.location)


def _read_caldav(source: CalendarSource, first: datetime, last: datetime) -> Fetched:
    calendar = caldav_calendar(source)
    try:
        found = cast(list[Any], calendar.search(start=first, end=last, event=True, expand=False))
        return Fetched(tuple(str(item.data) for item in found))
    except Exception as exc:  # caldav raises its own errors and its HTTP stack's
        raise CalendarSourceError(caldav_message(source.location, exc)) from None


def caldav_message(url: str, exc: Exception) -> str:
    """One sentence for a CalDAV failure."""
    from caldav.lib import error as caldav_error

    if isinstance(exc, caldav_error.AuthorizationError):
        return f"{url} refused the login: check the user and the password file"
    if isinstance(exc, caldav_error.NotFoundError):
        return f"{url}: no such calendar on the server"
    if isinstance(exc, caldav_error.DAVError):
        return f"{url}: the server answered with an error ({_short(exc)})"
    if isinstance(exc, (ConnectionError, OSError)) or "connect" in str(exc).lower():
        return f"cannot reach {url}: server down or offline"
    return f"cannot reach {url}: {_short(exc)}"


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
