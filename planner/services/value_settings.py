"""The workspace's value settings: customer tiers, their cadences and visit values.

Kept in the workspace (namespace "values") so the CLI, the app and exports value
accounts alike. `territory-planner settings tiers A=14d B=30d C=90d` sets the cadences,
`settings tier-values A=800 B=300 C=120` the value of one relationship visit, `settings
default-tier C` the tier of an account nothing else places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from planner.domain.errors import DomainError
from planner.io.workspace import Workspace
from planner.optimise.priorities import ValueParams
from planner.optimise.tiers import TIERS, TierSettings

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "TIERS",
    "TierSettings",
    "describe",
    "load_tier_settings",
    "load_value_params",
    "parse_cadences",
    "parse_values",
    "save_tier_settings",
]


_NAMESPACE, _KEY = "values", "tiers"
_PAIR = re.compile(r"^([A-Ca-c])=(.+)$")


def load_tier_settings(workspace: Workspace) -> TierSettings:
    stored: Any = workspace.get_value(_NAMESPACE, _KEY) or {}
    default = TierSettings()
    return TierSettings(
        cadence_days={**default.cadence_days, **stored.get("cadence_days", {})},
        visit_value={
            **default.visit_value,
            **{t: Decimal(v) for t, v in stored.get("visit_value", {}).items()},
        },
        default_tier=stored.get("default_tier", default.default_tier),
    )


def save_tier_settings(workspace: Workspace, settings: TierSettings) -> None:
    workspace.set_value(
        _NAMESPACE,
        _KEY,
        {
            "cadence_days": dict(settings.cadence_days),
            "visit_value": {t: str(v) for t, v in settings.visit_value.items()},
            "default_tier": settings.default_tier,
        },
    )


def load_value_params(workspace: Workspace, base: ValueParams | None = None) -> ValueParams:
    """The value formula's parameters with the workspace's tier settings."""
    return replace(base or ValueParams(), tiers=load_tier_settings(workspace))


def parse_cadences(items: Sequence[str]) -> dict[str, int]:
    """["A=14d", "B=30"] → {"A": 14, "B": 30}; raises DomainError on bad input."""
    out = {}
    for tier, text in _pairs(items):
        days = text.lower().removesuffix("d").strip()
        if not days.isdigit() or not 0 < int(days) <= 3650:
            raise DomainError(f"tier {tier}: cadence must be 1–3650 days like 14d, got {text!r}")
        out[tier] = int(days)
    return out


def parse_values(items: Sequence[str]) -> dict[str, Decimal]:
    """["A=800", "C=120.50"] → {"A": Decimal(800), ...}; raises DomainError on bad input."""
    out = {}
    for tier, text in _pairs(items):
        try:
            value = Decimal(text.strip().replace(",", ""))
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or not 0 <= value < 10**9:
            raise DomainError(f"tier {tier}: visit value must be an amount like 800, got {text!r}")
        out[tier] = value
    return out


def _pairs(items: Sequence[str]) -> list[tuple[str, str]]:
    if not items:
        raise DomainError("give at least one tier, like A=14d")
    pairs = []
    for item in items:
        found = _PAIR.match(item.strip())
        if not found:
            raise DomainError(f"expected TIER=VALUE with tier {', '.join(TIERS)}, got {item!r}")
        pairs.append((found.group(1).upper(), found.group(2)))
    return pairs


def describe(settings: TierSettings, currency: str = "EUR") -> list[str]:
    """One line per tier, for `settings` and the app."""
    lines = []
    for tier in TIERS:
        default = " (default tier)" if tier == settings.default_tier else ""
        lines.append(
            f"tier {tier}: visit every {settings.cadence_days[tier]} d, a relationship visit "
            f"worth {settings.visit_value[tier]:,} {currency} when due, rising "
            f"× (overdue ratio ^ {settings.steepness[tier]:g}){default}"
        )
    return lines
