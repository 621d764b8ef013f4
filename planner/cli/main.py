"""Entry point: builds the argument parser from the command modules and dispatches."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from planner.cli import commands

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="territory-planner",
        description="Plan an outside-sales week: accounts, value, routes, costs.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    module: ModuleType
    for module in commands.MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        sys.stderr.close()
        return 0
    return result


if __name__ == "__main__":
    sys.exit(main())
