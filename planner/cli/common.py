"""Helpers shared by the command modules: the workspace option and progress bars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from planner.io.workspace import Workspace, WorkspaceError, default_workspace_path
from planner.io.workspace.postgres import is_postgres_url


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


def workspace_path(args: argparse.Namespace) -> str | Path:
    path: str | Path | None = getattr(args, "workspace", None)
    return path if path is not None else default_workspace_path()


def open_workspace(args: argparse.Namespace) -> Workspace | None:
    """The workspace named by ``-w`` (or the default); None after printing why it failed."""
    try:
        return Workspace.open(workspace_path(args))
    except (WorkspaceError, OSError) as exc:
        print(f"error: cannot open workspace: {exc}", file=sys.stderr)
        return None


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
