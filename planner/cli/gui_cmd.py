"""`territory-planner gui [WORKSPACE] [--demo] [--screenshot FILE.png]`: the desktop app."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    from planner.ui.app import add_arguments

    parser = subparsers.add_parser("gui", help="open the desktop app")
    add_arguments(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from planner.ui.app import run  # Qt loads only for this command

    return run(args)
