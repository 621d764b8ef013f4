"""The list of command modules; each has `register(subparsers)` that sets `handler`."""

from __future__ import annotations

from types import ModuleType

from planner.cli import gui_cmd

MODULES: list[ModuleType] = [gui_cmd]
