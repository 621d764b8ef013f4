"""The list of command modules; each has `register(subparsers)` that sets `handler`."""

from __future__ import annotations

from types import ModuleType

from planner.cli import (
    accounts_cmd,
    appointments_cmd,
    assign_cmd,
    calendar_cmd,
    demo_cmd,
    export_cmd,
    geocode_cmd,
    gui_cmd,
    import_cmd,
    plan_cmd,
    region_cmd,
    reps_cmd,
    settings_cmd,
    timeoff_cmd,
    travel_cmd,
    visits_cmd,
    workspace_cmd,
)

MODULES: list[ModuleType] = [
    gui_cmd,
    import_cmd,
    geocode_cmd,
    accounts_cmd,
    reps_cmd,
    demo_cmd,
    assign_cmd,
    plan_cmd,
    appointments_cmd,
    timeoff_cmd,
    calendar_cmd,
    visits_cmd,
    export_cmd,
    travel_cmd,
    workspace_cmd,
    settings_cmd,
    region_cmd,
]
