"""Plain-dict (JSON-ready) forms of domain objects, for the workspace and `--json` output.

Dates and datetimes are ISO 8601 strings, money is integer cents plus a currency code,
decimals are strings so no precision is lost.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from planner.domain import (
    Account,
    Address,
    Break,
    DayPlan,
    Decision,
    GeoPoint,
    Leg,
    Lock,
    Money,
    OpeningHours,
    Precision,
    Rep,
    Stop,
    Territory,
    Visit,
    WeekPlan,
)
from planner.domain.calendar import ClosedDay

JSON = dict[str, Any]


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dec(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _parse_dec(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def point_to_list(point: GeoPoint | None) -> list[float] | None:
    return [point.lat, point.lon] if point is not None else None


def point_from_list(value: list[float] | None) -> GeoPoint | None:
    return GeoPoint(value[0], value[1]) if value is not None else None


def money_to_dict(money: Money) -> JSON:
    return {"cents": money.cents, "currency": money.currency}


def money_from_dict(data: JSON) -> Money:
    return Money(int(data["cents"]), str(data["currency"]))


def account_to_dict(account: Account) -> JSON:
    a = account.address
    return {
        "name": account.name,
        "account_id": account.account_id,
        "address": {
            "street": a.street,
            "city": a.city,
            "postcode": a.postcode,
            "region": a.region,
            "country": a.country,
        },
        "location": point_to_list(account.location),
        "precision": account.precision.value,
        "geocode_source": account.geocode_source,
        "geocode_note": account.geocode_note,
        "doubtful": account.doubtful,
        "amount": _dec(account.amount),
        "currency": account.currency,
        "annual_revenue": _dec(account.annual_revenue),
        "stage": account.stage,
        "probability": account.probability,
        "close_date": _d(account.close_date),
        "last_visit": _d(account.last_visit),
        "cadence_days": account.cadence_days,
        "meeting_minutes": account.meeting_minutes,
        "opening_hours": str(account.opening_hours) if account.opening_hours else None,
        "owner": account.owner,
        "phone": account.phone,
        "contact": account.contact,
        "industry": account.industry,
        "tags": list(account.tags),
        "notes": account.notes,
        "crm_notes": account.crm_notes,
    }


def account_from_dict(data: JSON) -> Account:
    hours = data.get("opening_hours")
    return Account(
        name=data["name"],
        account_id=data.get("account_id", ""),
        address=Address(**data.get("address", {})),
        location=point_from_list(data.get("location")),
        precision=Precision(data.get("precision", "none")),
        geocode_source=data.get("geocode_source", ""),
        geocode_note=data.get("geocode_note", ""),
        doubtful=data.get("doubtful", ""),
        amount=_parse_dec(data.get("amount")),
        currency=data.get("currency", "EUR"),
        annual_revenue=_parse_dec(data.get("annual_revenue")),
        stage=data.get("stage", ""),
        probability=data.get("probability"),
        close_date=_parse_date(data.get("close_date")),
        last_visit=_parse_date(data.get("last_visit")),
        cadence_days=data.get("cadence_days"),
        meeting_minutes=data.get("meeting_minutes", 45),
        opening_hours=OpeningHours.parse(hours) if hours is not None else None,
        owner=data.get("owner", ""),
        phone=data.get("phone", ""),
        contact=data.get("contact", ""),
        industry=data.get("industry", ""),
        tags=tuple(data.get("tags", ())),
        notes=data.get("notes", ""),
        crm_notes=data.get("crm_notes", ""),
    )


_REP_DECIMALS = ("cost_per_km", "cost_per_hour", "hotel_per_night", "meal_allowance")
_REP_TIMES = ("work_start", "work_end", "lunch_start", "lunch_end")


def rep_to_dict(rep: Rep) -> JSON:
    data: JSON = {
        "name": rep.name,
        "home_address": rep.home_address,
        "home": point_to_list(rep.home),
        "work_days": list(rep.work_days),
        "lunch_minutes": rep.lunch_minutes,
        "max_driving_minutes": rep.max_driving_minutes,
        "capacity_hours": rep.capacity_hours,
        "currency": rep.currency,
        "timezone": rep.timezone,
        "holiday_country": rep.holiday_country,
        "holiday_region": rep.holiday_region,
    }
    data.update({k: str(getattr(rep, k)) for k in _REP_DECIMALS})
    data.update({k: getattr(rep, k).strftime("%H:%M") for k in _REP_TIMES})
    return data


def rep_from_dict(data: JSON) -> Rep:
    kwargs: JSON = {k: v for k, v in data.items() if k not in (*_REP_DECIMALS, *_REP_TIMES)}
    kwargs["home"] = point_from_list(data.get("home"))
    kwargs["work_days"] = tuple(data.get("work_days", (0, 1, 2, 3, 4)))
    kwargs.update({k: Decimal(data[k]) for k in _REP_DECIMALS if k in data})
    kwargs.update({k: time.fromisoformat(data[k]) for k in _REP_TIMES if k in data})
    return Rep(**kwargs)


def territory_to_dict(territory: Territory) -> JSON:
    return {
        "name": territory.name,
        "rep_name": territory.rep_name,
        "account_keys": sorted(territory.account_keys),
        "locked_keys": sorted(territory.locked_keys),
    }


def territory_from_dict(data: JSON) -> Territory:
    return Territory(
        name=data["name"],
        rep_name=data["rep_name"],
        account_keys=frozenset(data.get("account_keys", ())),
        locked_keys=frozenset(data.get("locked_keys", ())),
    )


def _stop_to_dict(stop: Stop) -> JSON:
    return {"name": stop.name, "location": point_to_list(stop.location), "kind": stop.kind}


def _stop_from_dict(data: JSON) -> Stop:
    location = point_from_list(data["location"])
    assert location is not None
    return Stop(data["name"], location, data.get("kind", "home"))


def visit_to_dict(visit: Visit) -> JSON:
    return {
        "account_key": visit.account_key,
        "account_id": visit.account_id,
        "name": visit.name,
        "arrival": visit.arrival.isoformat(),
        "departure": visit.departure.isoformat(),
        "value": money_to_dict(visit.value),
        "lock": visit.lock.value,
        "explanation": visit.explanation,
        "cancelled": visit.cancelled,
        "appointment_id": visit.appointment_id,
        "fixed": visit.fixed,
    }


def visit_from_dict(data: JSON) -> Visit:
    return Visit(
        account_key=data["account_key"],
        account_id=data["account_id"],
        name=data["name"],
        arrival=datetime.fromisoformat(data["arrival"]),
        departure=datetime.fromisoformat(data["departure"]),
        value=money_from_dict(data["value"]),
        lock=Lock(data.get("lock", "none")),
        explanation=data.get("explanation", ""),
        cancelled=bool(data.get("cancelled", False)),
        appointment_id=data.get("appointment_id", ""),
        fixed=bool(data.get("fixed", False)),
    )


def leg_to_dict(leg: Leg) -> JSON:
    return {
        "from": leg.from_key,
        "to": leg.to_key,
        "distance_m": leg.distance_m,
        "duration_s": leg.duration_s,
        "cost": money_to_dict(leg.cost),
        "departure": leg.departure.isoformat() if leg.departure else None,
        "geometry": [list(p) for p in leg.geometry],
        "estimate": leg.estimate,
    }


def leg_from_dict(data: JSON) -> Leg:
    departure = data.get("departure")
    return Leg(
        from_key=data["from"],
        to_key=data["to"],
        distance_m=int(data["distance_m"]),
        duration_s=int(data["duration_s"]),
        cost=money_from_dict(data["cost"]),
        departure=datetime.fromisoformat(departure) if departure else None,
        geometry=tuple((float(p[0]), float(p[1])) for p in data.get("geometry", ())),
        estimate=bool(data.get("estimate", False)),
    )


def day_to_dict(day: DayPlan) -> JSON:
    return {
        "date": day.day.isoformat(),
        "start": _stop_to_dict(day.start),
        "end": _stop_to_dict(day.end),
        "visits": [visit_to_dict(v) for v in day.visits],
        "legs": [leg_to_dict(leg) for leg in day.legs],
        "hotel_cost": money_to_dict(day.hotel_cost) if day.hotel_cost else None,
        "lunch": (
            {"start": day.lunch.start.isoformat(), "end": day.lunch.end.isoformat()}
            if day.lunch
            else None
        ),
    }


def day_from_dict(data: JSON) -> DayPlan:
    hotel, lunch = data.get("hotel_cost"), data.get("lunch")
    return DayPlan(
        day=date.fromisoformat(data["date"]),
        start=_stop_from_dict(data["start"]),
        end=_stop_from_dict(data["end"]),
        visits=tuple(visit_from_dict(v) for v in data.get("visits", ())),
        legs=tuple(leg_from_dict(leg) for leg in data.get("legs", ())),
        hotel_cost=money_from_dict(hotel) if hotel else None,
        lunch=(
            Break(datetime.fromisoformat(lunch["start"]), datetime.fromisoformat(lunch["end"]))
            if lunch
            else None
        ),
    )


def decision_to_dict(decision: Decision) -> JSON:
    return {
        "account_key": decision.account_key,
        "account_id": decision.account_id,
        "name": decision.name,
        "outcome": decision.outcome,
        "reason": decision.reason,
        "value": money_to_dict(decision.value),
        "marginal_cost": (
            money_to_dict(decision.marginal_cost) if decision.marginal_cost is not None else None
        ),
        "channel": decision.channel,
    }


def decision_from_dict(data: JSON) -> Decision:
    marginal = data.get("marginal_cost")
    return Decision(
        account_key=data["account_key"],
        account_id=data["account_id"],
        name=data["name"],
        outcome=data["outcome"],
        reason=data["reason"],
        value=money_from_dict(data["value"]),
        marginal_cost=money_from_dict(marginal) if marginal else None,
        channel=data.get("channel", ""),
    )


def week_plan_to_dict(plan: WeekPlan) -> JSON:
    return {
        "rep_name": plan.rep_name,
        "week_start": plan.week_start.isoformat(),
        "currency": plan.currency,
        "days": [day_to_dict(d) for d in plan.days],
        "remote": [decision_to_dict(d) for d in plan.remote],
        "excluded": [decision_to_dict(d) for d in plan.excluded],
        "planned": [decision_to_dict(d) for d in plan.planned],
        "notes": list(plan.notes),
        "closed": [{"date": c.day.isoformat(), "reason": c.reason} for c in plan.closed],
        "conflicts": list(plan.conflicts),
    }


def week_plan_from_dict(data: JSON) -> WeekPlan:
    return WeekPlan(
        rep_name=data["rep_name"],
        week_start=date.fromisoformat(data["week_start"]),
        currency=data["currency"],
        days=tuple(day_from_dict(d) for d in data.get("days", ())),
        remote=tuple(decision_from_dict(d) for d in data.get("remote", ())),
        excluded=tuple(decision_from_dict(d) for d in data.get("excluded", ())),
        planned=tuple(decision_from_dict(d) for d in data.get("planned", ())),
        notes=tuple(data.get("notes", ())),
        closed=tuple(
            ClosedDay(date.fromisoformat(c["date"]), c["reason"]) for c in data.get("closed", ())
        ),
        conflicts=tuple(data.get("conflicts", ())),
    )
