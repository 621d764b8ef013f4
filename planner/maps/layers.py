"""GeoJSON layers for the map page, built from domain objects.

Features carry display-ready strings (money formatted, dates ISO) and the values
planner.js colours by; the page never formats CRM data into HTML itself, it sets
these strings as text. Coordinates are rounded to 5 decimals (~1 m).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from planner.domain import Account, DayPlan, Decision, GeoPoint, Territory, WeekPlan
from planner.domain.formats import Formats
from planner.domain.i18n import Translator
from planner.domain.value import WeekValue
from planner.io.exporters.common import StopRow, one_line, stop_rows
from planner.maps.palette import NONE_LABEL, day_color

GeoJSON = dict[str, Any]
MIN_RADIUS = 5.0
MAX_RADIUS = 15.0


def _coords(point: GeoPoint) -> list[float]:
    return [round(point.lon, 5), round(point.lat, 5)]


def _point(point: GeoPoint, props: dict[str, Any], fid: str | None = None) -> GeoJSON:
    feature: GeoJSON = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": _coords(point)},
    }
    if fid is not None:
        feature["id"] = fid
    feature["properties"] = props
    return feature


class FeatureMemo:
    """Features kept from the previous build, each with what it was built from: a layer
    rebuilt after a small change (a plan edit, one moved pin) builds only the features
    whose inputs differ and returns the same objects for the rest, so a caller can tell
    unchanged features by identity. Holds one build: `turn` forgets what the last build
    did not use."""

    def __init__(self) -> None:
        self._before: dict[tuple[str, str], tuple[object, Any]] = {}
        self._now: dict[tuple[str, str], tuple[object, Any]] = {}

    def get[T](self, kind: str, key: str, inputs: object, build: Callable[[], T]) -> T:
        known = self._now.get((kind, key)) or self._before.get((kind, key))
        if known is not None and known[0] == inputs:
            self._now[(kind, key)] = known
            return known[1]  # type: ignore[no-any-return]
        made = build()
        self._now[(kind, key)] = (inputs, made)
        return made

    def turn(self) -> None:
        self._before, self._now = self._now, {}


def _built[T](
    memo: FeatureMemo | None, kind: str, key: str, inputs: object, build: Callable[[], T]
) -> T:
    return build() if memo is None else memo.get(kind, key, inputs, build)


def collection(features: list[GeoJSON]) -> GeoJSON:
    return {"type": "FeatureCollection", "features": features}


def money_text(amount: Decimal | None, currency: str, formats: Formats | None = None) -> str:
    """A deal amount in whole units, in the page's locale: €5,000 / € 5.000."""
    return (formats or Formats()).amount(amount, currency, whole=True) if amount is not None else ""


def _radius(cents: int, largest: int) -> float:
    # area grows with this week's visit value: radius with its square root
    if cents <= 0 or largest <= 0:
        return MIN_RADIUS
    share = math.sqrt(cents / largest)
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 1)


def _pin(point: GeoPoint) -> tuple[float, float]:
    return (round(point.lat, 5), round(point.lon, 5))


def planned_labels(plan: WeekPlan | None, formats: Formats | None = None) -> dict[str, str]:
    if plan is None:
        return {}
    f = formats or Formats()
    return {v.account_key: f.day_time(v.arrival) for v in plan.visits() if not v.cancelled}


def territory_names(territories: Iterable[Territory]) -> dict[str, str]:
    return {key: t.name for t in territories for key in t.account_keys}


def accounts_layer(
    accounts: Sequence[Account],
    *,
    values: Mapping[str, WeekValue],
    territory_of: Mapping[str, str] | None = None,
    planned: Mapping[str, str] | None = None,
    formats: Formats | None = None,
    memo: FeatureMemo | None = None,
) -> GeoJSON:
    """One point per located account; unlocated accounts cannot be drawn and are skipped.

    `values` (`planner.services.valuation`) colour and size the points: the band and
    this week's visit value, the same figures as the app's table and the planner's.
    `deal_amount` is the CRM's amount, shown for reference.
    """
    f = formats or Formats()
    located = [a for a in accounts if a.location is not None]
    cents = {k: v.visit_value.cents for k, v in values.items()}
    largest = max((cents.get(a.key, 0) for a in located), default=0)
    sharing = Counter(_pin(a.location) for a in located if a.location is not None)
    features = []
    for account in located:
        assert account.location is not None
        own = (
            account, values.get(account.key), (territory_of or {}).get(account.key, NONE_LABEL),
            (planned or {}).get(account.key, ""), _radius(cents.get(account.key, 0), largest),
            sharing[_pin(account.location)], f,
        )  # fmt: skip
        build = partial(_account_feature, *own)
        features.append(_built(memo, "account", account.key, own, build))
    return collection(features)


def _account_feature(  # noqa: PLR0917 - the inputs the memo compares, in order
    account: Account,
    value: WeekValue | None,
    territory: str,
    planned: str,
    radius: float,
    shared: int,
    f: Formats,
) -> GeoJSON:
    """One account's point, with everything it shows."""
    assert account.location is not None
    props = {
        "name": one_line(account.name),
        "deal_amount": money_text(account.amount, account.currency, f),
        "visit_value": f.money(value.visit_value) if value else "",
        "stage": one_line(account.stage) or NONE_LABEL,
        "priority": value.band if value else "unknown",
        "territory": territory,
        "rep": one_line(account.owner) or NONE_LABEL,
        "last_visit": f.date(account.last_visit) if account.last_visit else "",
        "planned": planned,
        "precision": Translator(f.locale)(str(account.precision)),
        "radius": radius,
        "shared": shared,
        "coarse": account.precision.is_coarse,
        "doubtful": one_line(account.doubtful),
    }
    return _point(account.location, props, account.key)


def _day_features(day: DayPlan, rows: list[StopRow], f: Formats) -> list[GeoJSON]:
    label = f.day(day.day)
    color = day_color(day.day.weekday())
    common = {"day": day.day.isoformat(), "day_label": label, "color": color}
    places: list[GeoPoint | None] = [day.start.location, *(r.location for r in rows)]
    places.append(day.end.location)
    features = []
    for i, leg in enumerate(day.legs):
        a, b = places[i], places[i + 1] if i + 1 < len(places) else None
        if leg.geometry:
            line = [[round(lon, 6), round(lat, 6)] for lat, lon in leg.geometry]
        elif a is not None and b is not None:
            line = [_coords(a), _coords(b)]
        else:
            continue
        text = f"{f.distance(leg.distance_m)}, {f.duration(leg.duration_s)}"
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": line},
                "properties": {**common, "kind": "leg", "label": text},
            }
        )
    for row in rows:
        if row.location is None:
            continue
        visit = row.visit
        props = {
            **common,
            "kind": "stop",
            "id": visit.account_key,
            "seq": row.index,
            "name": one_line(visit.name),
            "time": f"{visit.arrival:%H:%M}–{visit.departure:%H:%M}",
            "visit_value": f.money(visit.value),
            "note": one_line(visit.explanation),
        }
        features.append(_point(row.location, props))
    for stop in {day.start, day.end}:
        props = {**common, "kind": stop.kind, "name": one_line(stop.name)}
        features.append(_point(stop.location, props))
    return features


def routes_layer(
    plan: WeekPlan,
    accounts: Mapping[str, Account],
    formats: Formats | None = None,
    memo: FeatureMemo | None = None,
) -> GeoJSON:
    """Legs and numbered stops of every day; `day_label` names the day's overlay."""
    f = formats or Formats()
    rows = stop_rows(plan, accounts)
    features: list[GeoJSON] = []
    for day in plan.days:
        mine = [r for r in rows if r.day is day]
        inputs = (day, tuple(r.location for r in mine), f)
        build = partial(_day_features, day, mine, f)
        features.extend(_built(memo, "day", day.day.isoformat(), inputs, build))
    return collection(features)


def remote_layer(
    plan: WeekPlan,
    accounts: Mapping[str, Account],
    formats: Formats | None = None,
    memo: FeatureMemo | None = None,
) -> GeoJSON:
    """Accounts to serve by phone or video this week, where they are located."""
    f = formats or Formats()
    features = []
    for decision in plan.remote:
        account = accounts.get(decision.account_key)
        if account is None or account.location is None:
            continue
        build = partial(_remote_feature, decision, account.location, f)
        inputs = (
            decision.account_key,
            decision.name,
            decision.value,
            decision.reason,
            account.location,
            f,
        )
        features.append(_built(memo, "remote", decision.account_key, inputs, build))
    return collection(features)


def _remote_feature(decision: Decision, where: GeoPoint, f: Formats) -> GeoJSON:
    props = {
        "id": decision.account_key,
        "name": one_line(decision.name),
        "visit_value": f.money(decision.value),
        "channel": "remote",
        "reason": one_line(decision.reason),
    }
    return _point(where, props)
