"""The one valuation of a week's accounts: value breakdowns and the priority bands.

`value_week` is what the planner, the app, the map pages, the exports and the command
line use (through `planner.services.valuation`); the formula itself is
`planner.optimise.priorities`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from planner.domain.account import Account
from planner.domain.value import PRIORITY_BANDS, WeekValue
from planner.optimise.priorities import ValueBreakdown, ValueParams, Valuer, value_accounts


@dataclass(frozen=True)
class Valuation:
    """Every account's breakdown for one week, and its band among them."""

    week_start: date
    breakdowns: Mapping[str, ValueBreakdown]
    bands: Mapping[str, str]

    def week_value(self, key: str) -> WeekValue | None:
        breakdown = self.breakdowns.get(key)
        if breakdown is None:
            return None
        return WeekValue(
            visit_value=breakdown.total,
            band=self.bands[key],
            excluded_reason=breakdown.excluded_reason,
        )

    def week_values(self) -> dict[str, WeekValue]:
        return {key: value for key in self.breakdowns if (value := self.week_value(key))}


def value_week(
    accounts: Iterable[Account],
    week_start: date,
    params: ValueParams | None = None,
    valuer: Valuer = value_accounts,
) -> Valuation:
    """`valuer`: `value_accounts`, or a `ValueMemo` that keeps unchanged breakdowns."""
    breakdowns = valuer(accounts, week_start, params)
    return Valuation(week_start, breakdowns, priority_bands(breakdowns))


def priority_bands(breakdowns: Mapping[str, ValueBreakdown]) -> dict[str, str]:
    """high / medium / low by thirds of this week's visit value.

    Excluded accounts and accounts worth nothing this week are "low" whatever their rank.
    """
    high, medium, low = PRIORITY_BANDS
    ranked = sorted(
        (b for b in breakdowns.values() if not b.excluded and b.total.cents > 0),
        key=lambda b: b.total.cents,
        reverse=True,
    )
    third = max(1, len(ranked) // 3)
    bands = {b.account_key: low for b in breakdowns.values()}
    for rank, breakdown in enumerate(ranked):
        bands[breakdown.account_key] = high if rank < third else medium if rank < 2 * third else low
    return bands
