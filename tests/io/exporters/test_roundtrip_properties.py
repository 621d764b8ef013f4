"""Any account name a CRM can send survives every text export, up to the documented cleaning."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import gpxpy
import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain import Account, WeekPlan
from planner.io.exporters.common import clean_text
from planner.io.exporters.csv_export import export_itinerary_csv, neutralise
from planner.io.exporters.gpx import export_gpx
from planner.io.exporters.ics import export_ics
from tests.io.exporters.plan_fixture import make_accounts, make_plan, make_rep

ACCOUNTS = make_accounts()
PLAN = make_plan(ACCOUNTS)
REP = make_rep()
# Printable text plus the characters that break naive writers: separators, quotes, markup,
# line breaks, control characters, astral-plane emoji.
NAMES = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list(",;:\"'\\<>&=+-@\t\r\n\x00\x0b😀☕")),
    ),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip())


def _renamed(name: str) -> tuple[WeekPlan, dict[str, Account]]:
    """The first visit of the week (and its account) renamed."""
    day = PLAN.days[0]
    visit = replace(day.visits[0], name=name)
    account = replace(ACCOUNTS[visit.account_key], name=name)
    plan = replace(PLAN, days=(replace(day, visits=(visit, *day.visits[1:])), *PLAN.days[1:]))
    return plan, {**ACCOUNTS, account.key: account}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES)
def test_any_name_round_trips_through_ics_gpx_and_csv(name: str) -> None:
    plan, accounts = _renamed(name)
    expected = clean_text(name)

    ics = export_ics(plan, accounts, REP).calendars["week"]
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")]
    assert f"Visit: {expected}" in summaries

    gpx = gpxpy.parse(export_gpx(plan, accounts, REP))
    assert gpx.routes[0].points[1].name == f"1. {expected}"

    text = export_itinerary_csv(plan, accounts, REP, "it")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1]["nome"] == neutralise(expected)  # Italian labels with --locale it
