"""Public holidays by country and region, from the `holidays` package.

The rep's country is `Rep.holiday_country` when set, else the country of the rep's time
zone in the IANA zone table (Europe/Rome → IT); the region is `Rep.holiday_region`
(a subdivision code the package knows: a US state, an Italian province, ...).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import holidays

from planner.domain.errors import DomainError
from planner.domain.rep import Rep


@cache
def _zone_countries() -> dict[str, str]:
    """IANA time zone → ISO country code, from tzdata's zone.tab."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _coords, zone, *_ = line.split("\t")
            out[zone] = code
    return out


def zone_country(zone: str) -> str:
    """ISO country code of an IANA time zone ("" when the zone table does not list it)."""
    return _zone_countries().get(zone, "")


def holiday_country(rep: Rep) -> str:
    """The rep's country for public holidays ("" when neither set nor inferable)."""
    return rep.holiday_country or zone_country(rep.timezone)


def public_holidays(rep: Rep, first: date, last: date) -> list[tuple[date, str]]:
    """(date, name) of the public holidays from `first` to `last` inclusive."""
    country = holiday_country(rep)
    if not country:
        return []
    region = rep.holiday_region or None
    try:
        calendar = holidays.country_holidays(
            country, subdiv=region, years=range(first.year, last.year + 1)
        )
    except NotImplementedError as exc:  # unknown country or subdivision
        raise DomainError(f"public holidays for {rep.name}: {exc}") from None
    return sorted((day, name) for day, name in calendar.items() if first <= day <= last)
