"""In person, video or phone: the channel for each account this week, with its reason in money.

An account the week's routes visit is met in person: its value beats its detour. One
left out is served remotely, and what a remote contact is worth depends on the account:
a video call keeps most of a meeting's worth where a face matters — A and B tiers, and
open deals from the proposal stage on (stage weight ≥ 1) — and is offered there; a phone
call keeps less and serves the rest. The shares are documented defaults, not measured:
`VIDEO_SHARE` of the in-person value for a video call, `PHONE_SHARE` for a phone call.
"""

from __future__ import annotations

from planner.domain.account import Account
from planner.domain.i18n import N_
from planner.optimise.priorities import DEFAULT_STAGE_WEIGHTS, ValueBreakdown

IN_PERSON, VIDEO, PHONE = "in person", "video", "phone"
CHANNELS = (IN_PERSON, VIDEO, PHONE)
VIDEO_SHARE = 0.6
PHONE_SHARE = 0.3
_VIDEO_TIERS = frozenset({"A", "B"})


def remote_channel(account: Account, value: ValueBreakdown) -> tuple[str, str]:
    """(video | phone, what that contact is worth, in money) for an account left out."""
    stage_weight = DEFAULT_STAGE_WEIGHTS.get(account.stage.strip().lower(), 1.0)
    late_deal = value.deal.cents > 0 and stage_weight >= 1.0
    if value.tier in _VIDEO_TIERS or late_deal:
        worth = value.total.scaled(VIDEO_SHARE)
        return VIDEO, N_("video call worth {worth} ({share} of {value} in person)").format(
            worth=worth, share=f"{VIDEO_SHARE:.0%}", value=value.total
        )
    worth = value.total.scaled(PHONE_SHARE)
    return PHONE, N_("phone call worth {worth} ({share} of {value} in person)").format(
        worth=worth, share=f"{PHONE_SHARE:.0%}", value=value.total
    )
