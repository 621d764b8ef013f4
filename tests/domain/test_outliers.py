"""Doubtful pins: far outside the rest of their territory by a robust (median/MAD) test."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.domain import Account, GeoPoint, Precision
from planner.domain.outliers import doubtful_reasons
from planner.io.importers import build_account, read_import

REAL = Path(__file__).parents[1] / "data" / "real"


def _schools() -> list[Account]:
    parsed = read_import(REAL / "rennes_annuaire_education.csv")
    return [build_account(r) for r in parsed.rows if r.fields.get("location")]


def test_real_schools_of_one_departement_have_no_doubtful_pin() -> None:
    assert doubtful_reasons(_schools()) == {}


def test_a_pin_in_the_wrong_moulins_is_doubtful_and_says_why() -> None:
    schools = _schools()
    # Moulins (Allier), the largest namesake, instead of Moulins (Ille-et-Vilaine).
    wrong = replace(schools[7], location=GeoPoint(46.565, 3.332), precision=Precision.TOWN)
    reasons = doubtful_reasons([*schools[:7], wrong, *schools[8:]])
    assert list(reasons) == [wrong.key]
    assert reasons[wrong.key] == (
        "415 km from the centre of the other accounts (most lie within 26 km)"
    )


def test_small_groups_are_not_judged_and_groups_are_judged_apart() -> None:
    near = [Account(f"A{i}", location=GeoPoint(44.5 + i / 100, 11.3), precision=Precision.TOWN)
            for i in range(9)]  # fmt: skip
    far = Account("Far", location=GeoPoint(38.1, 13.36), precision=Precision.TOWN)
    assert doubtful_reasons([*near[:6], far]) == {}  # 7 pins: too few to judge
    assert list(doubtful_reasons([*near, far])) == [far.key]
    # Judged within its own group (e.g. its territory), the far pin is unremarkable.
    assert doubtful_reasons([*near, far], lambda a: "south" if a.name == "Far" else "") == {}
