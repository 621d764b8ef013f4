"""What one account is worth this week, in the form every view shows it.

The app's table and map, the exported map page, the CSV and the command line all read
an account's priority from one `WeekValue` (made by `planner.services.valuation`), so
they cannot disagree: the band is a rank of the same visit value the planner uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.units import Money

# Thirds of this week's visit value; "low" also for excluded accounts and those worth
# nothing this week.
PRIORITY_BANDS: tuple[str, ...] = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class WeekValue:
    visit_value: Money  # one in-person visit this week (the planner's prize)
    band: str  # one of PRIORITY_BANDS
    excluded_reason: str = ""  # why the account cannot be planned, if it cannot
