"""Start the desktop app: `territory-planner gui [WORKSPACE] [--demo] [--screenshot FILE]`.

`--self-test` checks an installation (or a frozen bundle) offscreen and exits.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

APP_ID = "territory-planner"


def _prepare_environment(headless: bool) -> None:
    """Qt WebEngine refuses to start as root without the sandbox switch; no GPU needed."""
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--disable-gpu" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --disable-gpu".strip()


def _missing_system_libraries() -> str:
    """Qt's system libraries, checked before Qt loads (it would abort naming the wrong one).

    The window's X11 libraries count only where Qt will use its xcb platform.
    """
    from planner.ui.system_libs import check

    platform = os.environ.get("QT_QPA_PLATFORM", "")
    x11 = platform == "xcb" or (
        not platform and bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")
    )
    return check(window=x11)


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="territory-planner gui", description="Open the desktop app."
    )
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", type=Path, help="workspace file to open")
    parser.add_argument("--demo", action="store_true", help="open the demo territory")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="open, wait until the map and the week plan are rendered, save a PNG and exit",
    )
    parser.add_argument("--language", choices=("en", "it"), help="user interface language")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation offscreen (demo workspace, map, a short plan) and exit",
    )


def run(args: argparse.Namespace) -> int:
    if args.self_test:
        _prepare_environment(headless=True)
        from planner.ui.selftest import run_self_test

        return run_self_test()
    headless = args.screenshot is not None and not has_display()
    if args.screenshot is None and not has_display() and not os.environ.get("QT_QPA_PLATFORM"):
        print(
            "No display found (DISPLAY/WAYLAND_DISPLAY are not set), so the window cannot "
            "open.\nRun `territory-planner demo --out DIR` for the command-line demo, or "
            "`territory-planner gui --screenshot FILE.png` to render the window offscreen.",
            file=sys.stderr,
        )
        return 2
    _prepare_environment(headless)
    advice = _missing_system_libraries()
    if advice:
        print(advice, file=sys.stderr)
        return 3
    import_core_before_qt()
    from planner.ui.launch import launch  # Qt is imported only once the environment is set

    return launch(args)


# Once Qt is imported, shiboken's import hook reads the source of every module imported
# after it (PYSIDE-2029): about 0.6 s of the start for the core the window uses.
CORE_BEFORE_QT = (
    "planner.services.session",
    "planner.services.week_overlay",
    "planner.services.find_slot",
    "planner.services.demo",
)


def import_core_before_qt() -> None:
    for name in CORE_BEFORE_QT:
        importlib.import_module(name)


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
