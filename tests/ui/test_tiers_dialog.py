"""Customer tiers in the app: the dialog edits the same settings as `settings tiers`."""

from __future__ import annotations

from decimal import Decimal

from planner.services.value_settings import TierSettings, load_tier_settings
from planner.ui.dialogs.tiers_dialog import TiersDialog


def test_the_dialog_edits_cadences_values_and_the_default_tier(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TiersDialog(TierSettings(), "EUR")
    qtbot.addWidget(dialog)
    dialog._days["A"].setValue(7)
    dialog._values["C"].setValue(75.5)
    dialog._default.setCurrentText("B")
    edited = dialog.settings()
    assert edited.cadence_days == {"A": 7, "B": 30, "C": 90}
    assert edited.visit_value["C"] == Decimal("75.5")
    assert edited.default_tier == "B"


def test_saved_tiers_revalue_the_accounts(window) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    key = session.accounts[1].key
    before = session.valuation.breakdowns[key].relationship
    settings = load_tier_settings(session.workspace)
    doubled = {t: v * 2 for t, v in settings.visit_value.items()}
    session.set_tier_settings(TierSettings(visit_value=doubled))
    after = session.valuation.breakdowns[key].relationship.cents
    assert abs(after - 2 * before.cents) <= 1  # one rounding to the cent
    assert load_tier_settings(session.workspace).visit_value == doubled
