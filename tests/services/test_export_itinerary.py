from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import gpxpy
import icalendar
import pytest

from planner.domain import Account, DomainError, Rep, WeekPlan
from planner.domain.progress import CancelFlag, Cancelled, NeverCancel, NullProgress
from planner.io.exporters.ics import IcsOptions
from planner.io.workspace import Workspace
from planner.services.demo import STEPS, DemoRun
from planner.services.export_itinerary import ExportFormat, basemap_outlines, export_itinerary
from tests.io.exporters.plan_fixture import make_accounts, make_plan, make_rep

T0 = datetime(2026, 2, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def accounts() -> dict[str, Account]:
    return make_accounts()


@pytest.fixture
def plan(accounts: dict[str, Account]) -> WeekPlan:
    return make_plan(accounts)


@pytest.fixture
def rep() -> Rep:
    return make_rep()


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[float, str]] = []

    def report(self, fraction: float, message: str = "") -> None:
        self.calls.append((fraction, message))


def test_ics_week_then_per_day_files_share_state(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    progress = _Recorder()
    week = export_itinerary(
        plan, accounts.values(), rep, "ICS", tmp_path / "week.ics", now=T0, progress=progress
    )
    assert week.files == (tmp_path / "week.ics",)
    assert week.ics_state is not None and len(week.ics_state) == 10
    assert progress.calls[0][0] == 0.0 and progress.calls[-1][0] == 1.0
    daily = export_itinerary(
        plan, accounts, rep, ExportFormat.ICS, tmp_path / "week.ics",
        ics_options=IcsOptions(per_day=True), previous_ics_state=week.ics_state, now=T0,
    )  # fmt: skip
    assert [p.name for p in daily.files] == [f"week-{d.day}.ics" for d in plan.days]
    assert daily.ics_state == week.ics_state
    assert not list(tmp_path.glob("*.part"))


def test_only_some_days(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    tuesday = plan.days[1].day
    result = export_itinerary(plan, accounts, rep, "ics", tmp_path / "t.ics", days=[tuesday])
    events = icalendar.Calendar.from_ical(result.files[0].read_bytes()).walk("VEVENT")
    assert {e.decoded("dtstart").date() for e in events} == {tuesday}


def test_gpx_and_csv_files(  # PDF: test_export_all_and_the_demo_export_step
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    gpx = export_itinerary(plan, accounts, rep, "gpx", tmp_path / "a" / "week.gpx")
    assert len(gpxpy.parse(gpx.files[0].read_text(encoding="utf-8")).routes) == 4
    csv = export_itinerary(plan, accounts, rep, "csv", tmp_path / "week.csv", locale="it")
    assert [p.name for p in csv.files] == ["week.csv", "week-remote.csv"]
    raw = csv.files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfgiorno;giorno_settimana;n;")  # BOM: Excel reads UTF-8


def test_html_map_page(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    result = export_itinerary(plan, accounts, rep, "html", tmp_path / "week.html")
    html = result.files[0].read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "<script>alert(1)</script>" not in html  # names are escaped on the page
    # the gazetteer's towns ride along for offline reading (Bologna, the plan's home town)
    assert '"places":{"type":"FeatureCollection","features":[{"type":"Feature"' in html
    assert "Deal amount" in html
    italian = export_itinerary(plan, accounts, rep, "html", tmp_path / "it.html", locale="it")
    text = italian.files[0].read_text(encoding="utf-8")
    assert "Valore della visita questa settimana" in text and "Deal amount" not in text


def test_pdf_maps_use_the_vendored_outlines() -> None:
    rings = basemap_outlines()
    assert len(rings) > 100
    assert all(len(r) >= 3 for r in rings)


def test_bad_requests_fail_clearly(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    with pytest.raises(DomainError, match="unknown export format 'docx'"):
        export_itinerary(plan, accounts, rep, "docx", tmp_path / "x")
    other = Rep(name="Marco Bianchi")
    with pytest.raises(DomainError, match="belongs to 'Giulia Rossi'"):
        export_itinerary(plan, accounts, other, "ics", tmp_path / "x.ics")
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        export_itinerary(plan, accounts, rep, "gpx", tmp_path / "x.gpx", cancel=flag)
    assert not list(tmp_path.iterdir())


def test_export_all_and_the_demo_export_step(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        ws.save_accounts(accounts.values())
        run = DemoRun(tmp_path / "demo", ws, tmp_path, data={"plan": plan, "rep": rep})
        step = next(s for s in STEPS if s.name == "export")
        step.run(run, NullProgress(), NeverCancel())
    names = sorted(p.name for p in run.outputs)
    stem = "giulia-rossi-2026-03-02"
    assert names == sorted(
        f"{stem}{end}" for end in (".ics", ".gpx", ".csv", "-remote.csv", ".pdf", ".html")
    )
    assert all(p.parent == tmp_path / "demo" / "exports" and p.stat().st_size for p in run.outputs)
    assert run.summary[-1].startswith("exports: 6 files")
    exports = tmp_path / "demo" / "exports"
    assert (exports / f"{stem}.pdf").read_bytes().startswith(b"%PDF-")
    assert b"BEGIN:VCALENDAR" in (exports / f"{stem}.ics").read_bytes()
