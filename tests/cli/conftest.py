"""Fixtures shared with the service tests: a workspace of five accounts around Bologna."""

from tests.services.test_plan_week import accounts, workspace

__all__ = ["accounts", "workspace"]
