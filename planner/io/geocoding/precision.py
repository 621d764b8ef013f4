"""Reading how precise a provider's answer is from the provider's own classification."""

from __future__ import annotations

from typing import Any

from planner.domain import Precision

_R, _S, _P, _T, _G, _C = (
    Precision.ROOFTOP,
    Precision.STREET,
    Precision.POSTCODE,
    Precision.TOWN,
    Precision.REGION,
    Precision.COUNTRY,
)

# Nominatim's "addresstype" (what the place is called in an address).
_NOMINATIM_ADDRESSTYPE = {
    "house": _R,
    "house_number": _R,
    "building": _R,
    "road": _S,
    "street": _S,
    "postcode": _P,
    "city": _T,
    "town": _T,
    "village": _T,
    "hamlet": _T,
    "isolated_dwelling": _T,
    "municipality": _T,
    "suburb": _T,
    "city_district": _T,
    "borough": _T,
    "quarter": _T,
    "neighbourhood": _T,
    "locality": _T,
    "county": _G,
    "state_district": _G,
    "state": _G,
    "province": _G,
    "region": _G,
    "country": _C,
    "continent": _C,
}

# Google's result "types", most precise first.
_GOOGLE_TYPES = (
    ("street_address", _R),
    ("premise", _R),
    ("subpremise", _R),
    ("route", _S),
    ("intersection", _S),
    ("postal_code", _P),
    ("locality", _T),
    ("sublocality", _T),
    ("administrative_area_level_3", _T),
    ("administrative_area_level_2", _G),
    ("administrative_area_level_1", _G),
    ("country", _C),
)


def precision_from_raw(provider: str, raw: dict[str, Any]) -> tuple[Precision, str]:
    """(precision, note) for one provider answer; the note says when it was a guess."""
    if provider == "nominatim":
        return _nominatim(raw), ""
    if provider == "googlev3":
        found = _google(raw)
        if found is not None:
            return found, ""
    # Claiming street precision without evidence would hide shared pins: assume a town.
    return Precision.TOWN, f"{provider} does not report precision; assumed town level"


def _nominatim(raw: dict[str, Any]) -> Precision:
    addresstype = str(raw.get("addresstype") or "")
    if addresstype in _NOMINATIM_ADDRESSTYPE:
        return _NOMINATIM_ADDRESSTYPE[addresstype]
    category = str(raw.get("class") or raw.get("category") or "")
    kind = str(raw.get("type") or "")
    if category == "building" or kind in ("house", "building"):
        return _R
    if category == "highway":
        return _S
    if kind in ("postcode", "postal_code"):
        return _P
    if category == "place" and kind in _NOMINATIM_ADDRESSTYPE:
        return _NOMINATIM_ADDRESSTYPE[kind]
    return _by_rank(raw.get("place_rank"))


def _by_rank(rank: Any) -> Precision:
    """Nominatim search ranks: 4 country, 5-12 state/county, 13-25 towns, 26-27 streets,
    28-30 houses and points of interest."""
    try:
        value = int(rank)
    except (TypeError, ValueError):
        return _T
    if value >= 28:
        return _R
    if value >= 26:
        return _S
    if value >= 13:
        return _T
    if value >= 5:
        return _G
    return _C


def _google(raw: dict[str, Any]) -> Precision | None:
    location_type = str((raw.get("geometry") or {}).get("location_type") or "")
    if location_type == "ROOFTOP":
        return _R
    if location_type == "RANGE_INTERPOLATED":
        return _S
    types = set(raw.get("types") or ())
    for google_type, precision in _GOOGLE_TYPES:
        if google_type in types:
            return precision
    return None
