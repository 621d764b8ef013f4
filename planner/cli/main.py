"""Entry point: builds the argument parser from the command modules and dispatches."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

from planner.cli import commands
from planner.cli.common import workspace_path

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # e.g. geocoding where some accounts failed
EXIT_INTERRUPTED = 130
DEBUG_FLAG = "--debug"


def build_parser(words: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for a command line: with `words`, only the command they name is loaded."""
    parser = argparse.ArgumentParser(
        prog="territory-planner",
        description="Plan an outside-sales week: accounts, value, routes, costs. "
        "Exit codes: 0 done, 1 failed, 2 wrong usage, 3 partly done (e.g. some accounts not "
        "geocoded), 130 interrupted.",
    )
    parser.add_argument(
        DEBUG_FLAG,
        action="store_true",
        help="show the technical detail (traceback) of a failure; allowed anywhere",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    module: ModuleType
    for module in commands.command_modules(list(words)):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser([w for w in words if w != DEBUG_FLAG])
    debug = DEBUG_FLAG in words
    args = parser.parse_args([w for w in words if w != DEBUG_FLAG])
    with _sigterm_as_interrupt():
        return _run(args, debug)


def _run(args: argparse.Namespace, debug: bool) -> int:
    try:
        result: int = args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # the boundary: one sentence, the traceback behind --debug
        from planner.services.failures import explain  # loaded only on a failure

        failure = explain(exc, workspace_path(args) if hasattr(args, "workspace") else None)
        print(f"error: {failure.message}", file=sys.stderr)
        if debug:
            print(failure.detail, file=sys.stderr)
        return EXIT_ERROR
    return result


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a logout, `kill`, a service manager) stops work like Ctrl-C, so commands
    save what they have (geocoding keeps every result obtained) and say so."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
