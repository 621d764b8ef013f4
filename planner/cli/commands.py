"""The command modules, by command name; each has `register(subparsers)` that sets
`handler`. They are imported on demand: a command loads only its own module (planning
does not pay for the PDF, CalDAV and territory libraries), `--help` loads them all."""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS: dict[str, str] = {
    "gui": "gui_cmd",
    "import": "import_cmd",
    "geocode": "geocode_cmd",
    "accounts": "accounts_cmd",
    "reps": "reps_cmd",
    "demo": "demo_cmd",
    "assign": "assign_cmd",
    "plan": "plan_cmd",
    "appointments": "appointments_cmd",
    "timeoff": "timeoff_cmd",
    "calendar": "calendar_cmd",
    "visits": "visits_cmd",
    "export": "export_cmd",
    "travel": "travel_cmd",
    "workspace": "workspace_cmd",
    "settings": "settings_cmd",
    "region": "region_cmd",
}


def command_modules(words: list[str]) -> list[ModuleType]:
    """The module of the command named in `words`, else (help, a typo) every module."""
    chosen = next((w for w in words if not w.startswith("-")), None)
    names = [chosen] if chosen in COMMANDS else list(COMMANDS)
    return [importlib.import_module(f"planner.cli.{COMMANDS[n]}") for n in names]
