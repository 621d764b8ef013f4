"""Use cases: the rep's own calendars as input to the week planner.

A source is an .ics file (read afresh each time), an ICS URL or a CalDAV calendar (read
by `calendar add` and `calendar sync`, kept in the workspace, so planning never waits on
the network and works offline). For a week, every event of every source becomes:

* a fixed appointment at an account when it is at the account's address, or names the
  account, or one of its people's e-mail addresses is invited — that meeting *is* the
  week's visit to it;
* else busy time no visit may overlap (all-day events are days off when the source says
  so, else ignored: birthdays, reminders);
* nothing when the planner made it (its own published visits) or it takes no time
  (cancelled, marked free).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from planner.domain.account import Account
from planner.domain.calendar import Appointment, AppointmentKind, BusyTime
from planner.domain.errors import DomainError
from planner.domain.rep import Rep
from planner.io.calendars.reader import CalendarEvent, emails_in, read_events
from planner.io.calendars.sources import (
    CalendarSource,
    CalendarSourceError,
    Fetched,
    fetch,
    guess_kind,
)
from planner.io.calendars.store import (
    CACHE,
    SOURCES,
    cache_time,
    load_cached,
    load_sources,
    pop_by_id,
    rep_names,
    save_cached,
    save_sources,
)
from planner.io.workspace import Workspace

LOOK_AHEAD = timedelta(days=8 * 7)  # how far ahead a URL or CalDAV source is read


def add_source(
    workspace: Workspace,
    rep_name: str,
    location: str,
    *,
    kind: str | None = None,
    user: str = "",
    password_file: str = "",
    all_day_off: bool = False,
    now: datetime | None = None,
) -> tuple[CalendarSource, int]:
    """Add a source after reading it once; returns it and how many events it has ahead."""
    rep = _rep(workspace, rep_name)
    kind = kind or guess_kind(location, user)
    if kind == "file":
        path = Path(location).expanduser()
        if not path.is_file():
            raise DomainError(f"no calendar file at {location}")
        location = str(path.resolve())
    if password_file:
        password_file = str(Path(password_file).expanduser().resolve())
    source = CalendarSource(
        uuid.uuid4().hex[:8], rep.name, location, kind, user, password_file, all_day_off
    )
    now = now or datetime.now(UTC)
    fetched = _fetch(source, now)
    if kind != "file":
        save_cached(workspace, source.id, fetched, now)
    events = _events(fetched.texts, rep, now, now + LOOK_AHEAD, source)
    with workspace.transaction():
        save_sources(workspace, rep.name, [*load_sources(workspace, rep.name), source])
    return source, len(events)


def all_sources(workspace: Workspace, rep_name: str | None = None) -> list[CalendarSource]:
    return [s for name in rep_names(workspace, rep_name) for s in load_sources(workspace, name)]


def remove_source(workspace: Workspace, source_id: str) -> CalendarSource:
    row = pop_by_id(workspace, SOURCES, source_id)
    if row is None:
        raise DomainError(f"no calendar source with id {source_id!r}")
    workspace.set_value(CACHE, source_id, None)
    return CalendarSource(**row)


def refresh_sources(workspace: Workspace, rep_name: str, now: datetime | None = None) -> list[str]:
    """Read every URL and CalDAV source again; one line per source on what happened.

    A source that fails keeps its last copy (the line says from when): nothing is lost.
    """
    rep = _rep(workspace, rep_name)
    now = now or datetime.now(UTC)
    lines = []
    for source in load_sources(workspace, rep.name):
        if source.kind == "file":
            lines.append(f"{source.id} {source.label}: read when planning")
            continue
        cached = load_cached(workspace, source.id)
        try:
            fetched = _fetch(source, now, cached)
        except CalendarSourceError as exc:
            when = cache_time(workspace, source.id) or "never"
            lines.append(f"{source.id}: {exc} (keeping the copy read {when})")
            continue
        status = "unchanged" if fetched.unchanged else f"{len(fetched.texts)} calendar object(s)"
        if fetched.unchanged and cached is not None:
            fetched = Fetched(cached.texts, fetched.etag, fetched.last_modified)
        save_cached(workspace, source.id, fetched, now)
        lines.append(f"{source.id} {source.label}: {status}")
    return lines


def _fetch(source: CalendarSource, now: datetime, cached: Fetched | None = None) -> Fetched:
    etag, modified = (cached.etag, cached.last_modified) if cached else ("", "")
    return fetch(source, now - timedelta(days=7), now + LOOK_AHEAD, etag, modified)


def _rep(workspace: Workspace, name: str) -> Rep:
    rep = workspace.rep(name)
    if rep is None:
        raise DomainError(f"no rep named {name!r} in the workspace")
    return rep


def source_week(
    workspace: Workspace, rep: Rep, week_start: date, accounts: Sequence[Account]
) -> tuple[list[BusyTime], list[Appointment], list[str]]:
    """Busy times, appointments at accounts, and notes, from every source for the week."""
    first = datetime.combine(week_start, time(0), tzinfo=rep.tz)
    last = first + timedelta(days=7)
    matcher = AccountMatcher(accounts)
    busy: list[BusyTime] = []
    booked: list[Appointment] = []
    notes: list[str] = []
    for source in load_sources(workspace, rep.name):
        texts, note = _texts(workspace, source)
        notes += [note] if note else []
        for event in _events(texts, rep, first, last, source):
            if event.all_day and not source.all_day_off:
                continue
            account = None if event.all_day else matcher.match(event)
            if account is not None:
                booked.append(_appointment(event, account, rep, source))
            else:
                busy.append(_busy(event))
    return busy, booked, notes


def _texts(workspace: Workspace, source: CalendarSource) -> tuple[tuple[str, ...], str]:
    if source.kind == "file":
        try:
            return fetch(source, datetime.now(UTC), datetime.now(UTC)).texts, ""
        except CalendarSourceError as exc:
            return (), f"calendar {source.id}: {exc}"
    cached = load_cached(workspace, source.id)
    if cached is None:
        return (), f"calendar {source.id} has not been read yet: run `calendar sync`"
    return cached.texts, ""


def _events(
    texts: Sequence[str], rep: Rep, first: datetime, last: datetime, source: CalendarSource
) -> list[CalendarEvent]:
    out: list[CalendarEvent] = []
    for text in texts:
        out += read_events(text, first, last, rep.tz, source.label)
    return [e for e in out if not e.made_by_planner]


def _busy(event: CalendarEvent) -> BusyTime:
    return BusyTime(event.start, event.end, event.summary, event.all_day, event.location,
                    event.uid)  # fmt: skip


def _appointment(
    event: CalendarEvent, account: Account, rep: Rep, source: CalendarSource
) -> Appointment:
    key = f"{source.id}|{event.uid}|{event.start.isoformat()}"
    minutes = max(1, min(12 * 60, round((event.end - event.start).total_seconds() / 60)))
    return Appointment(
        id="cal-" + hashlib.sha1(key.encode()).hexdigest()[:8],
        rep_name=rep.name,
        kind=AppointmentKind.FIXED,
        start=event.start.astimezone(rep.tz),
        minutes=minutes,
        account_key=account.key,
        title=event.summary or account.name,
        source=source.id,
        uid=event.uid,
    )


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


class AccountMatcher:
    """Which account an event is about: its address, its name, or its people's e-mail."""

    MIN_NAME = 5  # shorter names ("Bar", "ACME") match too much text by chance

    def __init__(self, accounts: Sequence[Account]) -> None:
        self._names = [(f" {_fold(a.name)} ", a) for a in accounts if len(_fold(a.name)) >= 5]
        self._names.sort(key=lambda item: -len(item[0]))  # the longest name wins
        self._emails = {e: a for a in accounts for e in emails_in(f"{a.contact} {a.notes}")}
        self._streets = [
            (_fold(a.address.street), _fold(a.address.city), a)
            for a in accounts
            if a.address.street.strip() and a.address.city.strip()
        ]

    def match(self, event: CalendarEvent) -> Account | None:
        for email in event.emails:
            if email in self._emails:
                return self._emails[email]
        where = _fold(event.location)
        for street, city, account in self._streets:
            if where and street in where and city in where:
                return account
        text = f" {_fold(event.summary)} {where} "
        return next((a for name, a in self._names if name in text), None)
