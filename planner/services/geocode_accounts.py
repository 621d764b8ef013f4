"""Use case: give every account a coordinate and say how precise it is.

Accounts pinned by the user (MANUAL) or by the CRM file (SOURCE) are never touched.
Accounts not yet located (precision NONE) are tried source by source; with ``refine``
so are coarse pins (postcode or worse), which are only replaced by a finer answer.
Results are committed in small batches (every few accounts or seconds, and on any exit
including Ctrl-C or a cancel), so an interruption loses nothing already obtained and
the next run retries only what is still missing.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from planner.domain import Account, Precision, Rep
from planner.domain.pins import SharedPin, shared_pins
from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)
from planner.io.geocoding import (
    DEFAULT_USER_AGENT,
    SOURCES,
    Gazetteer,
    GeocodeCache,
    GeocodeConfig,
    GeocodeError,
    Geocoder,
    GeocodeResult,
    ProviderConfig,
    build_geocoders,
    cache_record,
    default_gazetteer_path,
    geocode_one,
    looks_like_country,
    parse_one_line,
)
from planner.io.workspace import Workspace
from planner.io.workspace.records import CachedGeocode
from planner.services.doubtful_pins import flag_doubtful

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "DEFAULT_USER_AGENT",
    "SOURCES",
    "GeocodeConfig",
    "GeocodeError",
    "GeocodeSummary",
    "ProviderConfig",
    "default_gazetteer_path",
    "geocode_accounts",
    "geocode_rep_home",
]


_BATCH = 25  # accounts per commit
_BATCH_SECONDS = 2.0  # ... or this long since the last commit (online answers are slow)
_LOCAL_SOURCES = ("cache", "addresses", "gazetteer")  # answers not worth caching (again)


@dataclass(frozen=True)
class GeocodeSummary:
    total: int
    attempted: int
    located: int  # of the attempted, how many got a coordinate
    by_precision: dict[Precision, int]  # over all accounts, after the run
    shared_pins: tuple[SharedPin, ...]
    failures: tuple[tuple[str, str], ...]  # (account name, reason)
    accounts: tuple[Account, ...] = field(repr=False, default=())
    doubtful: tuple[tuple[str, str], ...] = ()  # (account name, why its pin looks wrong)

    @property
    def failed(self) -> int:
        return self.attempted - self.located

    def lines(self) -> list[str]:
        out = [f"{self.located} of {self.attempted} accounts geocoded ({self.total} in all)"]
        out += [f"  {p.value:<9} {n:>6}" for p, n in self.by_precision.items() if n]
        if self.shared_pins:
            sharing = sum(len(pin.names) for pin in self.shared_pins)
            out.append(
                f"warning: {sharing} accounts share {len(self.shared_pins)} pins; travel "
                "between accounts on one pin counts as zero"
            )
        if self.doubtful:
            out.append(f"warning: {len(self.doubtful)} pins look doubtful; check them:")
            out += [f"  {name}: {why}" for name, why in self.doubtful]
        return out


def geocode_accounts(
    target: Workspace | Sequence[Account],
    config: GeocodeConfig | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    *,
    geocoders: Sequence[Geocoder] | None = None,
    refine: bool = False,
    on_commit: Callable[[list[Account]], None] | None = None,
) -> GeocodeSummary:
    """Geocode the accounts of a workspace (saved as it goes) or of a list.

    With a list, ``on_commit`` receives each batch of updated accounts. Raises Cancelled
    after saving what was obtained when ``cancel`` trips.
    """
    config = config or GeocodeConfig()
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    workspace: Workspace | None = None
    if isinstance(target, Workspace):
        workspace, accounts = target, target.accounts()
    else:
        accounts = list(target)
    cache: GeocodeCache | None = workspace
    if geocoders is None:
        geocoders = build_geocoders(config, cache, cancel)
    todo = [i for i, a in enumerate(accounts) if _wanted(a, refine)]
    batch = _Batch(workspace, on_commit)
    failures: list[tuple[str, str]] = []
    progress.report(0.0, f"geocoding {len(todo)} accounts")
    try:
        for done, index in enumerate(todo):
            if cancel.cancelled:
                raise Cancelled(f"geocoding cancelled after {done} of {len(todo)} accounts")
            before = accounts[index]
            after, cached = _geocode_account(before, geocoders)
            if after.precision is Precision.NONE:
                failures.append((after.name, after.geocode_note))
            if after != before:
                accounts[index] = after
                batch.add(after, cached)
            progress.report((done + 1) / max(1, len(todo)), after.name)
    finally:
        batch.flush()
    flagged = flag_doubtful(accounts, workspace.territories() if workspace else ())
    if flagged:
        for index, account in flagged.items():
            accounts[index] = account
        batch.accounts.extend(flagged.values())
        batch.flush()
    located = len(todo) - len(failures)
    return _summary(accounts, len(todo), located, failures)


def _wanted(account: Account, refine: bool) -> bool:
    if account.precision is Precision.NONE:
        return True
    return refine and account.precision.is_coarse


def _geocode_account(
    account: Account, geocoders: Sequence[Geocoder]
) -> tuple[Account, CachedGeocode | None]:
    attempt = geocode_one(account.address, geocoders)
    result = attempt.result
    if result is None:
        if account.precision is not Precision.NONE:
            return account, None  # refining failed: keep the coarse pin we had
        return account.with_location(None, Precision.NONE, "", attempt.note or "no match"), None
    if account.precision is not Precision.NONE and not _finer(result, account.precision):
        return account, None
    cached = None
    if attempt.by not in _LOCAL_SOURCES:
        cached = cache_record(account.address, result)
    updated = account.with_location(result.location, result.precision, result.source, attempt.note)
    return updated, cached


def _finer(result: GeocodeResult, than: Precision) -> bool:
    order = list(Precision)
    return order.index(result.precision) < order.index(than)


class _Batch:
    """Pending results, written together in one transaction every few accounts/seconds."""

    def __init__(
        self, workspace: Workspace | None, on_commit: Callable[[list[Account]], None] | None
    ) -> None:
        self.workspace = workspace
        self.on_commit = on_commit
        self.accounts: list[Account] = []
        self.cached: list[CachedGeocode] = []
        self.since = time.monotonic()

    def add(self, account: Account, cached: CachedGeocode | None) -> None:
        self.accounts.append(account)
        if cached is not None:
            self.cached.append(cached)
        if len(self.accounts) >= _BATCH or time.monotonic() - self.since >= _BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.accounts:
            if self.workspace is not None:
                with self.workspace.transaction():
                    self.workspace.save_accounts(self.accounts)
                    self.workspace.cache_geocodes(self.cached)
            if self.on_commit is not None:
                self.on_commit(list(self.accounts))
        self.accounts, self.cached = [], []
        self.since = time.monotonic()


def _summary(
    accounts: list[Account], attempted: int, located: int, failures: list[tuple[str, str]]
) -> GeocodeSummary:
    counts = Counter(a.precision for a in accounts)
    by_precision = {p: counts.get(p, 0) for p in Precision}
    return GeocodeSummary(
        total=len(accounts),
        attempted=attempted,
        located=located,
        by_precision=by_precision,
        shared_pins=shared_pins(accounts),
        failures=tuple(failures),
        accounts=tuple(accounts),
        doubtful=tuple((a.name, a.doubtful) for a in accounts if a.doubtful),
    )


def geocode_rep_home(
    rep: Rep, config: GeocodeConfig | None = None, *, geocoders: Sequence[Geocoder] | None = None
) -> tuple[Rep, GeocodeResult | None, str]:
    """(rep with ``home`` set, the answer, a note). The rep is unchanged when nothing matched."""
    if not rep.home_address.strip():
        return rep, None, "the rep has no home address"
    if geocoders is None:
        geocoders = build_geocoders(config or GeocodeConfig(), None)
    address = parse_one_line(rep.home_address, country_check(geocoders))
    attempt = geocode_one(address, geocoders)
    if attempt.result is None:
        return rep, None, attempt.note or "no match"
    return replace(rep, home=attempt.result.location), attempt.result, attempt.note


def country_check(geocoders: Sequence[Geocoder]) -> Callable[[str], bool]:
    """Use the gazetteer's country table when there is one to tell a country from a town."""
    for geocoder in geocoders:
        if isinstance(geocoder, Gazetteer):
            gazetteer = geocoder
            return lambda text: bool(text.strip()) and bool(gazetteer.country_code(text))
    return looks_like_country
