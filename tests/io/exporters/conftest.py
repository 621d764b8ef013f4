from __future__ import annotations

import pytest

from planner.domain import Account, Rep, WeekPlan
from tests.io.exporters.plan_fixture import make_accounts, make_plan, make_rep


@pytest.fixture
def accounts() -> dict[str, Account]:
    return make_accounts()


@pytest.fixture
def plan(accounts: dict[str, Account]) -> WeekPlan:
    return make_plan(accounts)


@pytest.fixture
def rep() -> Rep:
    return make_rep()
