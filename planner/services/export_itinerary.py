"""Use case: write a week plan where reps live: calendar, navigation app, spreadsheet, paper, map.

Every file is written to a temporary name beside its target and then renamed, so an
interrupted export never leaves a half-written calendar that a client would import.
"""

from __future__ import annotations

import functools
import json
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from planner.domain import Account, DomainError, Rep, WeekPlan
from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)
from planner.io.exporters.common import accounts_by_key, select_days
from planner.io.exporters.csv_export import export_itinerary_csv, export_remote_csv
from planner.io.exporters.gpx import export_gpx
from planner.io.exporters.ics import IcsOptions, export_ics
from planner.io.exporters.ics_state import IcsState, state_from_dict, state_to_dict
from planner.io.exporters.pdf import export_pdf
from planner.io.exporters.static_map import Ring
from planner.io.workspace import Workspace
from planner.services.rep_scope import rep_scope
from planner.services.valuation import ValueParams, week_valuation
from planner.services.value_settings import load_value_params

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "ICS_STATE_NAMESPACE",
    "ExportFormat",
    "ExportResult",
    "IcsOptions",
    "basemap_outlines",
    "export_all",
    "export_from_workspace",
    "export_itinerary",
    "write_atomic",
]


ICS_STATE_NAMESPACE = "ics_export"


class ExportFormat(StrEnum):
    ICS = "ics"
    GPX = "gpx"
    CSV = "csv"
    PDF = "pdf"
    HTML = "html"


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    ics_state: IcsState | None = None  # the calendar state to store for the next re-export


def export_itinerary(
    plan: WeekPlan,
    accounts: Iterable[Account] | Mapping[str, Account],
    rep: Rep,
    fmt: ExportFormat | str,
    out: Path,
    *,
    days: Iterable[date] | None = None,
    locale: str | None = None,
    ics_options: IcsOptions | None = None,
    previous_ics_state: IcsState | None = None,
    now: datetime | None = None,
    value_params: ValueParams | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Write `plan` (optionally only some `days`) as `fmt` to `out`; returns the files written.

    `value_params` (the workspace's value settings) value the map page's accounts as the
    app does.

    CSV also writes the remote-service list beside `out` (``<stem>-remote.csv``); ICS with
    ``per_day`` writes ``<stem>-YYYY-MM-DD.ics`` per day.
    """
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    fmt = _format(fmt)
    if plan.rep_name != rep.name:
        raise DomainError(f"the plan belongs to {plan.rep_name!r}, not to rep {rep.name!r}")
    by_key = accounts_by_key(accounts)
    progress.report(0.0, f"Exporting {fmt.value.upper()}")
    if cancel.cancelled:
        raise Cancelled()
    if fmt is ExportFormat.ICS:
        # The calendar looks at the whole plan (a visit moved to a day not exported now must
        # not be cancelled); it writes only `days`.
        exported = export_ics(
            plan, by_key, rep, ics_options, previous=previous_ics_state, now=now, days=days
        )
        written = [
            write_atomic(out if label == "week" else _beside(out, label, ".ics"), data)
            for label, data in exported.calendars.items()
        ]
        result = ExportResult(tuple(written), exported.state)
    else:
        selected = select_days(plan, days)
        result = _export(selected, by_key, rep, fmt, out, locale=locale, values=value_params)
    progress.report(1.0, f"Wrote {len(result.files)} file(s)")
    return result


def export_all(
    plan: WeekPlan,
    accounts: Iterable[Account] | Mapping[str, Account],
    rep: Rep,
    out_dir: Path,
    *,
    locale: str | None = None,
    value_params: ValueParams | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Every file format of the week into `out_dir` (the demo's and a "send me all" export)."""
    progress = progress or NullProgress()
    by_key = accounts_by_key(accounts)
    stem = f"{_slug(rep.name)}-{plan.week_start.isoformat()}"
    files: list[Path] = []
    for i, fmt in enumerate(ExportFormat):
        progress.report(i / len(ExportFormat), f"writing {fmt.value.upper()}")
        out = out_dir / f"{stem}.{fmt.value}"
        result = export_itinerary(
            plan, by_key, rep, fmt, out, locale=locale, value_params=value_params, cancel=cancel
        )
        files.extend(result.files)
    progress.report(1.0, f"wrote {len(files)} files")
    return files


def _slug(name: str) -> str:
    """A file-name-safe version of a rep's name: letters, digits, dashes."""
    kept = "".join(c if c.isalnum() else "-" for c in name.strip().lower())
    return "-".join(filter(None, kept.split("-"))) or "rep"


def export_from_workspace(
    workspace: Workspace,
    rep_name: str | None,
    week_start: date,
    fmt: ExportFormat | str,
    out: Path,
    *,
    days: Iterable[date] | None = None,
    locale: str | None = None,
    ics_options: IcsOptions | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Export the stored plan of a rep's week; a calendar export keeps its state there too.

    Without `rep_name`, the one rep with a plan stored for that week is meant.
    """
    rep = _rep_with_plan(workspace, rep_name, week_start)
    plan = workspace.load_plan(rep.name, week_start)
    if plan is None:
        raise DomainError(
            f"no plan stored for {rep.name}, week of {week_start}: "
            "make one with `territory-planner plan --week ...`"
        )
    state_key = f"{rep.name}|{week_start.isoformat()}"
    stored = workspace.get_value(ICS_STATE_NAMESPACE, state_key)
    previous = state_from_dict(stored) if stored else None
    result = export_itinerary(
        plan, _rep_accounts(workspace, rep, plan), rep, fmt, out, days=days, locale=locale,
        ics_options=ics_options, previous_ics_state=previous,
        value_params=load_value_params(workspace), progress=progress, cancel=cancel,
    )  # fmt: skip
    if result.ics_state is not None:
        workspace.set_value(ICS_STATE_NAMESPACE, state_key, state_to_dict(result.ics_state))
    return result


def _rep_accounts(workspace: Workspace, rep: Rep, plan: WeekPlan) -> list[Account]:
    """The rep's own accounts (`planner.services.rep_scope`) and every account the plan
    names: the exported map shows the rep's territory, not the whole workspace."""
    every = workspace.accounts()
    own = rep_scope(every, rep, workspace.reps(), workspace.territories()).keys
    named = {d.account_key for d in (*plan.planned, *plan.remote, *plan.excluded)}
    named |= {v.account_key for v in plan.visits()}
    return [a for a in every if a.key in own or a.key in named]


def _rep_with_plan(workspace: Workspace, rep_name: str | None, week_start: date) -> Rep:
    if rep_name:
        rep = workspace.rep(rep_name)
        if rep is None:
            names = ", ".join(r.name for r in workspace.reps()) or "none"
            raise DomainError(f"no rep named {rep_name!r} in the workspace (known: {names})")
        return rep
    planned = sorted({name for name, week in workspace.plans() if week == week_start})
    if len(planned) != 1:
        found = ", ".join(planned) if planned else "no rep has one"
        raise DomainError(
            f"say which rep with --rep: plans stored for the week of {week_start}: {found}"
        )
    rep = workspace.rep(planned[0])
    if rep is None:
        raise DomainError(f"the plan's rep {planned[0]!r} is no longer in the workspace")
    return rep


def _format(fmt: ExportFormat | str) -> ExportFormat:
    try:
        return ExportFormat(str(fmt).lower())
    except ValueError:
        known = ", ".join(f.value for f in ExportFormat)
        raise DomainError(f"unknown export format {fmt!r} (choose one of {known})") from None


def _export(
    plan: WeekPlan,
    accounts: dict[str, Account],
    rep: Rep,
    fmt: ExportFormat,
    out: Path,
    *,
    locale: str | None,
    values: ValueParams | None,
) -> ExportResult:
    if fmt is ExportFormat.GPX:
        return ExportResult((write_atomic(out, export_gpx(plan, accounts, rep).encode()),))
    if fmt is ExportFormat.CSV:
        # utf-8-sig: Excel reads a BOM-less CSV as the local code page and garbles accents.
        itinerary = export_itinerary_csv(plan, accounts, rep, locale).encode("utf-8-sig")
        remote = export_remote_csv(plan, accounts, locale).encode("utf-8-sig")
        files = (write_atomic(out, itinerary), write_atomic(_beside(out, "remote", ".csv"), remote))
        return ExportResult(files)
    if fmt is ExportFormat.PDF:
        pdf = export_pdf(plan, accounts, rep, basemap_outlines(), locale=locale)
        return ExportResult((write_atomic(out, pdf),))
    return ExportResult((_write_html(plan, accounts, rep, out, params=values, locale=locale),))


def _write_html(
    plan: WeekPlan,
    accounts: dict[str, Account],
    rep: Rep,
    out: Path,
    *,
    params: ValueParams | None,
    locale: str | None,
) -> Path:
    # Imported here: the map page pulls in folium, which the other formats do not need.
    from planner.maps import MapOptions, write_standalone_page
    from planner.services.map_file import offline_basemap

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    values = week_valuation(accounts.values(), plan.week_start, plan, params).week_values()
    try:
        basemap = offline_basemap(accounts.values(), plan)
        write_standalone_page(
            tmp, accounts, plan, values=values, reps=[rep], basemap=basemap,
            options=MapOptions(locale=locale),  # labels, popups and legend in its language
        )  # fmt: skip
        os.replace(tmp, out)
    except BaseException:  # a full disk or a cancel: no half-written .part left behind
        tmp.unlink(missing_ok=True)
        raise
    return out


def _beside(out: Path, label: str, suffix: str) -> Path:
    return out.with_name(f"{out.stem}-{label}{out.suffix or suffix}")


def write_atomic(path: Path, data: bytes) -> Path:
    """Write to a temporary file in the same folder, then rename over the target.

    `open(..., "xb")` rather than mkstemp: the file gets the user's umask (mkstemp's 0600
    would hide a shared calendar file from a calendar server reading it).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with tmp.open("xb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


@functools.cache
def basemap_outlines() -> tuple[Ring, ...]:
    """Region and country rings from the map's vendored base map, for the PDF's day maps.

    Italian regions where we have them, Natural Earth countries elsewhere (Italy's coarse
    country shape would blur the regions' coastline). Empty when the files are missing:
    the maps are still drawn, only without outlines.
    """
    try:
        from planner.maps import assets_dir
    except ImportError:
        return ()
    base = assets_dir() / "basemap"
    regions = _rings(base / "italy-regions.js", skip=())
    countries = _rings(base / "countries.js", skip=("Italy",) if regions else ())
    return (*countries, *regions)


def _rings(path: Path, skip: Sequence[str]) -> tuple[Ring, ...]:
    """Outer rings of a `window.NAME = {GeoJSON};` file; () if it is missing or unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text[text.index("{") : text.rindex("}") + 1])
    except (OSError, ValueError):
        return ()
    rings: list[Ring] = []
    for feature in data.get("features", []):
        if feature.get("properties", {}).get("name") in skip:
            continue
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        elif geometry.get("type") != "MultiPolygon":
            continue
        rings.extend([tuple((float(x), float(y)) for x, y, *_ in p[0]) for p in polygons if p])
    return tuple(rings)
