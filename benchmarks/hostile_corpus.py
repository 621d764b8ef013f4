# ruff: noqa: E501  (the table header is one Markdown line)
"""Import every file of the hostile corpus (tests/data/hostile) and print a table: rows
the manifest expects, rows the report read, rows it accounted for, each category, or the
one-sentence refusal, and the seconds each import took.

    PYTHONPATH=. .venv/bin/python -m benchmarks.hostile_corpus [--markdown]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from planner.io.importers import ImportFileError
from planner.io.workspace import Workspace
from planner.services.import_accounts import import_accounts

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "hostile"


@dataclass
class Outcome:
    name: str
    category: str
    expected: int | None  # rows after the header per the manifest; None: must be refused
    seconds: float
    rows: int | None = None  # rows the report read
    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)  # new, updated, merged, rej, skip
    refused: str = ""  # the one-sentence refusal
    crash: str = ""  # a traceback: must never happen

    @property
    def accounted(self) -> int:
        return sum(self.counts)

    @property
    def ok(self) -> bool:
        if self.crash:
            return False
        if self.expected is None:
            return bool(self.refused) and "\n" not in self.refused
        return self.rows == self.expected == self.accounted


def manifest() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        (CORPUS / "manifest.json").read_text(encoding="utf-8")
    )
    return data


def import_one(name: str, entry: dict[str, object], workdir: Path) -> Outcome:
    expected = entry["rows"]
    outcome = Outcome(
        name, str(entry["category"]), expected if isinstance(expected, int) else None, 0.0
    )
    started = time.perf_counter()
    try:
        with Workspace.open(workdir / f"{name}.tpw") as ws:
            report = import_accounts(ws, CORPUS / name)
        outcome.rows = report.rows
        outcome.counts = (report.accepted, report.updated, report.merged, len(report.rejected),
                          report.skipped)  # fmt: skip
    except ImportFileError as exc:
        outcome.refused = str(exc)
    except Exception:  # the thing this corpus exists to catch
        outcome.crash = traceback.format_exc()
    outcome.seconds = time.perf_counter() - started
    return outcome


def table(outcomes: list[Outcome]) -> list[str]:
    lines = [
        "| file | category | rows expected | rows read | accounted | new | upd | merged | rej | skip | refused with | s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for o in outcomes:
        expected = "refused" if o.expected is None else str(o.expected)
        read = "" if o.rows is None else str(o.rows)
        counts = " | ".join(str(c) for c in o.counts) if o.rows is not None else " |  |  |  | "
        why = (o.refused or ("CRASH" if o.crash else "")).replace("|", "/")[:70]
        accounted = str(o.accounted) if o.rows is not None else ""
        lines.append(f"| {o.name} | {o.category} | {expected} | {read} | {accounted} | "
                     f"{counts} | {why} | {o.seconds:.2f} |")  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        outcomes = [import_one(n, e, Path(folder)) for n, e in manifest().items()]
    print("\n".join(table(outcomes)))
    bad = [o.name for o in outcomes if not o.ok]
    print(f"\n{len(outcomes)} files, {len(outcomes) - len(bad)} as expected, "
          f"slowest {max(o.seconds for o in outcomes):.1f} s; not as expected: {bad or 'none'}")  # fmt: skip


if __name__ == "__main__":
    main()
