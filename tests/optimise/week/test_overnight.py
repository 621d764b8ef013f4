"""Hotel night versus driving home: one case where the hotel clearly pays, one where not."""

from __future__ import annotations

from planner.domain import Account, Rep
from planner.optimise.week.check import check_plan
from planner.optimise.week.orchestrate import WeekRequest, optimise_week
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_json
from planner.travel.costs import overnight_cost
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import MONDAY, account

PARAMS = WeekParams(time_limit_s=1.0, overnight=True)


def cluster(name: str, lat: float, lon: float, amount: int) -> list[Account]:
    offsets = [(0.0, 0.0), (0.03, 0.02), (-0.02, 0.03), (0.01, -0.03)]
    return [
        account(f"{name} {i}", lat + dl, lon + dn, amount=amount)
        for i, (dl, dn) in enumerate(offsets)
    ]


def test_hotel_pays_for_a_valuable_cluster_beyond_a_day_trip(rep: Rep) -> None:
    # Around Ancona, ~3 h each way from Bologna: a round trip plus meetings does not fit
    # the 5-hour driving limit, so only a night there reaches these deals.
    accounts = cluster("Ancona", 43.60, 13.50, amount=80_000)
    outcome = optimise_week(WeekRequest(accounts, rep, MONDAY, 2, GeodesicModel()), PARAMS)
    stays = outcome.stays
    assert stays is not None and stays.chosen != 0
    home, hotel = stays.options[0], stays.options[stays.chosen]
    assert hotel.net > home.net
    assert hotel.hotel == overnight_cost(rep)
    week = outcome.plan
    assert week.days[0].end.kind == "hotel" and week.days[1].start.kind == "hotel"
    assert week.days[0].hotel_cost == overnight_cost(rep)
    assert len(week.visits()) == 4
    assert check_plan(week, accounts, rep, GeodesicModel()) == []
    assert any(line.startswith("* hotel near") for line in week.notes)
    assert week.cost == week.days[0].cost("EUR") + week.days[1].cost("EUR")


def test_hotel_does_not_pay_when_home_is_an_easy_drive(rep: Rep) -> None:
    # Around Rimini, ~1.5 h away: day trips reach every account, a night only adds cost.
    accounts = cluster("Rimini", 44.06, 12.57, amount=20_000)
    outcome = optimise_week(WeekRequest(accounts, rep, MONDAY, 2, GeodesicModel()), PARAMS)
    stays = outcome.stays
    assert stays is not None and stays.chosen == 0 and len(stays.options) == 2
    assert all(o.net < stays.options[0].net for o in stays.options[1:])
    week = outcome.plan
    assert all(d.end.kind == "home" for d in week.days)
    assert len(week.visits()) == 4
    assert check_plan(week, accounts, rep, GeodesicModel()) == []
    assert any(line.startswith("* home every night") for line in week.notes)


def test_two_nights_when_the_far_cluster_fills_more_than_a_day(rep: Rep) -> None:
    # Sixteen hour-long meetings around Ancona (~3 h away): a single night reaches the
    # cluster on two half-days; a second night there adds a whole day of meetings.
    accounts = [
        account(f"Ancona {i}", 43.60 + 0.02 * (i % 4), 13.45 + 0.03 * (i // 4),
                amount=80_000, meeting_minutes=60)
        for i in range(16)
    ]  # fmt: skip
    outcome = optimise_week(WeekRequest(accounts, rep, MONDAY, 3, GeodesicModel()), PARAMS)
    stays = outcome.stays
    assert stays is not None
    chosen = stays.options[stays.chosen]
    assert chosen.nights == (0, 1)
    assert chosen.hotel == overnight_cost(rep).scaled(2)
    one_night = [o for o in stays.options if len(o.nights) == 1]
    assert one_night and all(o.net < chosen.net for o in one_night)
    assert "2 nights from Mon 02 Mar" in chosen.label
    week = outcome.plan
    assert [d.end.kind for d in week.days] == ["hotel", "hotel", "home"]
    assert week.days[1].start.kind == "hotel"
    assert check_plan(week, accounts, rep, GeodesicModel()) == []
    summary = plan_json(outcome)["overnight"]
    assert summary["options"][summary["chosen"]]["nights"] == ["2026-03-02", "2026-03-03"]
