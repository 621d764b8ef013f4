"""The real corpus (tests/data/real) imported without a mapping file, one fresh workspace
per file: rows, new / rejected / warnings, the preset reported, the country inferred and
the columns left unused.

    PYTHONPATH=. .venv/bin/python benchmarks/import_real.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from planner.io.workspace import Workspace
from planner.services.import_accounts import import_accounts

REAL = Path(__file__).parents[1] / "tests" / "data" / "real"
# An opportunities export merges onto accounts already imported.
FIRST = {"salesforce_dataloader_opportunities.csv": "salesforce_dataloader_accounts.csv"}


def main() -> None:
    print(
        "| file | rows | new | updated | merged | rejected | warnings | preset | country "
        "| columns left unused |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in sorted(REAL.glob("*.csv")):
        if path.name.endswith(".coordinates.csv"):
            continue
        with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder) / "w.tpw") as ws:
            if path.name in FIRST:
                import_accounts(ws, REAL / FIRST[path.name])
            report = import_accounts(ws, path)
        inferred = next((m for m in report.messages if m.startswith("no country column")), "")
        country = inferred.split("inferred ")[1].split(" ")[0] if "inferred " in inferred else "-"
        unused = next((m for m in report.messages if m.startswith("columns not imported")), "")
        unused = unused.removeprefix("columns not imported: ")
        shown = unused if len(unused) < 70 else unused[:67] + "…"
        print(
            f"| {path.name} | {report.rows} | {report.accepted} | {report.updated} | "
            f"{report.merged} | {len(report.rejected)} | "
            f"{len(report.warnings)} | {report.preset} | {country} | {shown} |"
        )


if __name__ == "__main__":
    main()
