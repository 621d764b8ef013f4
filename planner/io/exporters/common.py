"""What every itinerary export shares: one flat row per visit, text cleaning, links.

The exporters (ics, gpx, csv, pdf) all walk the same plan in the same order; doing
that walk once here keeps their columns, descriptions and links consistent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from planner.domain import Account, DayPlan, GeoPoint, Leg, Rep, Visit, WeekPlan
from planner.domain.navigation import StopLinks
from planner.domain.text import visible_text
from planner.domain.units import km

# C0 controls other than TAB and LF, DEL and C1 controls: invalid in XML 1.0 and in
# iCalendar TEXT values, and never meaningful in a CRM name.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Line breaks normalised to LF, other control characters dropped, bidi overrides
    shown instead of obeyed (domain.text.visible_text).

    iCalendar and XML can only carry a line break as LF (``\\n`` in ICS); a CR on
    its own would be lost or rejected, so every export normalises the same way.
    """
    return _CONTROL.sub("", visible_text(text).replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """For single-line places (CSV headers, map labels): breaks become ' / '."""
    return " / ".join(part.strip() for part in clean_text(text).split("\n") if part.strip())


def web_map_url(point: GeoPoint) -> str:
    query = urlencode({"mlat": f"{point.lat:.6f}", "mlon": f"{point.lon:.6f}"})
    return f"https://www.openstreetmap.org/?{query}#map=17/{point.lat:.6f}/{point.lon:.6f}"


@dataclass(frozen=True)
class StopRow:
    """One visit of the plan with everything an export needs to describe it."""

    day: DayPlan
    index: int  # 1-based order within the day
    visit: Visit
    account: Account | None
    leg_in: Leg  # the drive that arrives at this visit
    why_planned: str

    @property
    def location(self) -> GeoPoint | None:
        return self.account.location if self.account else None

    @property
    def address(self) -> str:
        return clean_text(self.account.address.one_line()) if self.account else ""


def accounts_by_key(accounts: Iterable[Account] | Mapping[str, Account]) -> dict[str, Account]:
    if isinstance(accounts, Mapping):
        return dict(accounts)
    return {account.key: account for account in accounts}


def planned_reasons(plan: WeekPlan) -> dict[str, str]:
    return {d.account_key: d.reason for d in plan.planned}


def stop_rows(plan: WeekPlan, accounts: Mapping[str, Account]) -> list[StopRow]:
    reasons = planned_reasons(plan)
    rows = []
    for day in plan.days:
        for i, visit in enumerate(day.visits):
            rows.append(
                StopRow(
                    day=day,
                    index=i + 1,
                    visit=visit,
                    account=accounts.get(visit.account_key),
                    leg_in=day.legs[i],
                    why_planned=reasons.get(visit.account_key, ""),
                )
            )
    return rows


def select_days(plan: WeekPlan, days: Iterable[date] | None) -> WeekPlan:
    """The plan restricted to some days (None keeps them all)."""
    if days is None:
        return plan
    wanted = set(days)
    return replace(plan, days=tuple(d for d in plan.days if d.day in wanted))


def describe_visit(row: StopRow, rep: Rep) -> str:
    """Multi-line text for a calendar event or a GPX point: who, what, why, where."""
    account, visit = row.account, row.visit
    lines = [f"Account: {visit.name}"]
    if account is not None:
        if account.account_id:
            lines.append(f"CRM id: {account.account_id}")
        contact = ", ".join(p for p in (account.contact, account.phone) if p)
        if contact:
            lines.append(f"Contact: {contact}")
        lines.append(_deal_line(account))
    lines.append(f"Expected value: {visit.value}")
    if visit.explanation:
        lines.append(f"Purpose: {visit.explanation}")
    if row.why_planned and row.why_planned != visit.explanation:
        lines.append(f"Why planned: {row.why_planned}")
    lines.append(
        f"Drive in: {km(row.leg_in.distance_m):.1f} km, "
        f"{round(row.leg_in.duration_s / 60)} min, {row.leg_in.cost}"
    )
    if account is not None and account.all_notes:
        lines.append(f"Notes: {account.all_notes}")
    if row.location is not None:
        links = StopLinks.of(row.location, visit.name)
        lines.append(f"Navigate (Google Maps): {links.google}")
        lines.append(f"Apple Maps: {links.apple}")
        lines.append(f"Waze: {links.waze}")
        lines.append(f"Navigate (other apps): {links.geo}")
        lines.append(f"Map: {web_map_url(row.location)}")
    lines.append(f"Rep: {rep.name}")
    return clean_text("\n".join(lines))


def _deal_line(account: Account) -> str:
    amount = f"{account.amount:,.2f} {account.currency}" if account.amount is not None else "n/a"
    parts = [f"Deal: {amount}"]
    if account.stage:
        parts.append(f"stage {account.stage}")
    if account.probability is not None:
        parts.append(f"{account.probability:.0%} likely")
    return ", ".join(parts)
