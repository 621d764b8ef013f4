"""A realistic four-day Lombardy week with hostile CRM names, built without the planner.

Legs are geodesic distance × 1.3 at 60 km/h, €0.35/km: the numbers are plausible, not
optimal; the exporters only need a consistent plan.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from planner.domain import (
    Account,
    Address,
    Break,
    DayPlan,
    Decision,
    GeoPoint,
    Leg,
    Money,
    Precision,
    Rep,
    Stop,
    Visit,
    WeekPlan,
)

ROME = ZoneInfo("Europe/Rome")
WEEK = date(2026, 3, 2)  # a Monday
LONG_NOTE = ("Nota lunga, con virgole; punti e virgola \\ e <b>tag</b>. " * 40)[:2000]

HOSTILE_NAMES = {
    "bg": 'Rossi & Figli, S.p.A.; "Sede"\r\nBergamo <script>alert(1)</script>',
    "bs": '=HYPERLINK("http://evil.example","click")',
    "vr": "+39 Caffè ☕ Verona 😀",
    "mn": "-5 Trattoria Mantovana",
    "co": "@SUM(A1) Lago di Como srl",
    "lc": "\tFerramenta C:\\Lecco\\",
    "pv": "Farmacia Pavese",
    "lo": "Lodi Meccanica, Ltd.",
    "cr": "Cremona Liuteria 🎻",
}
PLACES = {
    "bg": ("Via XX Settembre 12\nScala B", "Bergamo", "24122", 45.6983, 9.6773),
    "bs": ("Corso Zanardelli 3", "Brescia", "25121", 45.5416, 10.2118),
    "vr": ("Piazza Bra 1", "Verona", "37121", 45.4384, 10.9916),
    "mn": ("Via Roma 5", "Mantova", "46100", 45.1564, 10.7914),
    "co": ("Lungo Lario Trento 9", "Como", "22100", 45.8081, 9.0852),
    "lc": ("Via Cavour 40", "Lecco", "23900", 45.8566, 9.3977),
    "pv": ("Strada Nuova 65", "Pavia", "27100", 45.1847, 9.1582),
    "lo": ("Corso Umberto 7", "Lodi", "26900", 45.3138, 9.5036),
    "cr": ("Via Palestro 17", "Cremona", "26100", 45.1332, 10.0227),
}
HOME = Stop("Casa, Milano", GeoPoint(45.4642, 9.1900), "home")
HOTEL = Stop('Hotel "Due Torri"; Verona, <b>', GeoPoint(45.4431, 10.9990), "hotel")


def make_rep() -> Rep:
    return Rep(name="Giulia Rossi", home_address="Milano", home=HOME.location)


def make_accounts() -> dict[str, Account]:
    accounts = {}
    for i, (code, name) in enumerate(HOSTILE_NAMES.items()):
        street, city, postcode, lat, lon = PLACES[code]
        account = Account(
            name=name,
            account_id=f"001A{i:04d}",
            address=Address(street=street, city=city, postcode=postcode, country="IT"),
            location=GeoPoint(lat, lon),
            precision=Precision.ROOFTOP,
            amount=Decimal(12500 + 2500 * i),
            stage="Negotiation" if i % 2 else "Proposal, v2; final",
            probability=0.4 + 0.05 * i,
            contact=f"Dott. Bianchi #{i}",
            phone=f"+39 02 555 01{i:02d}",
            notes=LONG_NOTE if code == "bg" else "",
        )
        accounts[account.key] = account
    return accounts


def _leg(a: GeoPoint, b: GeoPoint, a_key: str, b_key: str, geometry: bool) -> Leg:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    metres = int(2 * 6_371_000 * math.asin(math.sqrt(h)) * 1.3)
    shape: tuple[tuple[float, float], ...] = ()
    if geometry:  # a kinked line, as a road graph would give
        mid = ((a.lat + b.lat) / 2 + 0.03, (a.lon + b.lon) / 2 - 0.02)
        shape = ((a.lat, a.lon), mid, (b.lat, b.lon))
    minutes = round(metres / 1000)  # 60 km/h, whole minutes as a planner would print them
    cost = Money.of(metres / 1000 * 0.35)
    return Leg(a_key, b_key, metres, minutes * 60, cost, None, shape)


def _day(
    day: date, start: Stop, codes: list[str], end: Stop, accounts: dict[str, Account], **kw: object
) -> DayPlan:
    by_code = dict(zip(HOSTILE_NAMES, accounts.values(), strict=True))
    clock = datetime.combine(day, time(8, 30), ROME)
    places = [("start", start.location)] + [(by_code[c].key, by_code[c].location) for c in codes]
    places.append(("end", end.location))
    legs, visits = [], []
    for i in range(len(places) - 1):
        (ka, pa), (kb, pb) = places[i], places[i + 1]
        assert pa is not None and pb is not None
        leg = _leg(pa, pb, ka, kb, geometry=i % 2 == 0)
        legs.append(replace(leg, departure=clock))
        clock += timedelta(seconds=leg.duration_s)
        if i < len(codes):
            account = by_code[codes[i]]
            arrival = clock
            clock += timedelta(minutes=account.meeting_minutes)
            visits.append(
                Visit(
                    account.key,
                    account.account_id,
                    account.name,
                    arrival,
                    clock,
                    Money.of(account.expected_value or 0),
                    explanation=f"Push {account.stage}",
                    cancelled=codes[i] in kw.get("cancelled", ()),  # type: ignore[operator]
                )
            )
    hotel = Money.of(125) if end.kind == "hotel" else None
    lunch = Break(clock, clock + timedelta(minutes=45)) if visits else None  # back at the end
    return DayPlan(day, start, end, tuple(visits), tuple(legs), hotel, lunch)


def make_plan(accounts: dict[str, Account] | None = None) -> WeekPlan:
    accounts = accounts or make_accounts()
    d = [WEEK + timedelta(days=i) for i in range(4)]
    days = (
        _day(d[0], HOME, ["bg", "bs"], HOTEL, accounts),
        _day(d[1], HOTEL, ["vr", "mn"], HOME, accounts),
        _day(d[2], HOME, ["co", "lc"], HOME, accounts, cancelled=("lc",)),
        _day(d[3], HOME, ["pv", "lo", "cr"], HOME, accounts),
    )
    planned = tuple(
        Decision(v.account_key, v.account_id, v.name, "planned", "Deal closes this month", v.value)
        for day in days
        for v in day.visits
    )
    remote = (
        Decision(
            "id:R1", "R1", '=cmd|"/c calc"!A1', "remote", "Low value; call instead", Money.of(800)
        ),
        Decision(
            "id:R2", "R2", "Ufficio\nSecondo, piano; 😀", "remote", "Too far: -3 h", Money.of(1500)
        ),
    )
    return WeekPlan(
        rep_name="Giulia Rossi",
        week_start=WEEK,
        currency="EUR",
        days=days,
        remote=remote,
        planned=planned,
    )
