"""Helpers shared by the command modules: the workspace option and progress bars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from planner.domain import DomainError
from planner.services.workspaces import Workspace, default_workspace_path, is_postgres_url


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD dates, with a readable error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def workspace_target(text: str) -> str | Path:
    """argparse type for a workspace: a postgresql:// URL stays text, anything else a path."""
    return text if is_postgres_url(text) else Path(text)


def add_workspace_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-w",
        "--workspace",
        type=workspace_target,
        default=None,
        metavar="PATH|URL",
        help=f"workspace file, or a team workspace postgresql://user@host:port/db "
        f"(default: {default_workspace_path()})",
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="create the workspace when it does not exist (import does so anyway)",
    )


def workspace_path(args: argparse.Namespace) -> str | Path:
    path: str | Path | None = getattr(args, "workspace", None)
    return path if path is not None else default_workspace_path()


def open_workspace(args: argparse.Namespace, *, create: bool = False) -> Workspace | None:
    """The workspace named by ``-w`` (or the default); None after printing why not.

    A path that does not exist is an error (a mistyped ``-w`` must not quietly start an
    empty workspace) unless the command creates workspaces (``create``) or ``--create``
    is given.
    """
    path = workspace_path(args)
    creates = create or getattr(args, "create", False)
    if not creates and isinstance(path, Path) and not path.exists():
        print(f"error: no workspace at {path}: check the path, import an export "
              "into it first, or add --create", file=sys.stderr)  # fmt: skip
        return None
    return Workspace.open(path)  # failures are explained by the boundary in main.py


def run_in_workspace(args: argparse.Namespace, action: Callable[[Workspace], None]) -> int:
    """Open the workspace, run `action` on it, and turn a DomainError into one line."""
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    try:
        with workspace:
            action(workspace)
    except DomainError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


class BarProgress:
    """A ProgressReporter drawing a rich progress bar on stderr."""

    def __init__(self, progress: Progress, description: str) -> None:
        self._progress = progress
        self._task = progress.add_task(description, total=1.0)

    def report(self, fraction: float, message: str = "") -> None:
        completed = max(0.0, min(1.0, fraction))
        if message:
            self._progress.update(self._task, completed=completed, description=message)
        else:
            self._progress.update(self._task, completed=completed)


@contextmanager
def progress_bar(description: str) -> Iterator[BarProgress]:
    """A progress bar for long work; drawn only when stderr is a terminal."""
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=console, transient=True,
                  disable=not console.is_terminal) as progress:  # fmt: skip
        yield BarProgress(progress, description)
