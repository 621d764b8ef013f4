"""Command line: `territory-planner ...`, a thin shell over planner.services."""

from planner.cli.main import main

__all__ = ["main"]
