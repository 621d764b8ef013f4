"""Printable itinerary (PDF) with fpdf2: a week summary, then one page per day with its map.

Text is drawn with DejaVu Sans (shipped inside matplotlib, so no system font is needed);
a character DejaVu lacks (some emoji) prints as U+FFFD "�" rather than vanishing
silently. (LastResort as a fallback font would show a block glyph, but loading its
full-Unicode cmap costs ~6 s.) fpdf2 draws text literally: no markup is parsed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import matplotlib
from fpdf import FPDF, FontFace
from fpdf.table import Table

from planner.domain import Account, DayPlan, Decision, Leg, Money, Rep, WeekPlan
from planner.io.exporters.common import StopRow, clean_text, stop_rows
from planner.io.exporters.static_map import Ring, render_day_map

_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_HEAD = FontFace(emphasis="BOLD", fill_color=(226, 232, 240))
_GREY = FontFace(color=(130, 130, 130))
_DAY_COLUMNS = ("#", "Time", "Account · purpose", "Address", "km", "min", "Cost")
_DAY_WIDTHS = (7, 22, 58, 55, 13, 11, 24)
_MAX_DECISIONS = 30  # rows of the remote / left-out lists on paper
_MAX_NOTES = 15


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.title_text = title
        self.set_margins(10, 12, 10)
        self.set_auto_page_break(auto=True, margin=14)
        self.add_font("body", "", str(_FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("body", "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("Territory planner")

    def normalize_text(self, text: str) -> str:
        """fpdf2 calls this for every string it draws: swap glyphs the font lacks for �."""
        text = text.replace("\t", " ")  # fonts have no glyph for TAB
        cmap = getattr(self.current_font, "cmap", None)
        if cmap:
            text = "".join(c if ord(c) in cmap or c == "\n" else "\ufffd" for c in text)
        return str(super().normalize_text(text))

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("body", size=7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 4, f"{self.title_text}  ·  page {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def export_pdf(
    plan: WeekPlan,
    accounts: Mapping[str, Account],
    rep: Rep,
    outlines: Sequence[Ring] = (),
) -> bytes:
    """The itinerary as PDF bytes."""
    title = clean_text(f"{rep.name} – week of {plan.week_start:%d %B %Y}")
    doc = _Document(title)
    rows = stop_rows(plan, accounts)
    _summary_page(doc, plan, rep, title)
    for day in plan.days:
        _day_page(
            doc, day, [r for r in rows if r.day is day], accounts, rep,
            outlines=outlines, currency=plan.currency,
        )  # fmt: skip
    if plan.remote or plan.excluded or plan.notes:
        doc.add_page()
        _decisions(doc, "Serve remotely this week (phone / video)", plan.remote)
        _decisions(doc, "Left out this week", plan.excluded)
        _notes(doc, plan.notes)
    return bytes(doc.output())


def _heading(doc: FPDF, text: str, size: float = 15) -> None:
    doc.set_font("body", "B", size)
    doc.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    doc.ln(1)
    doc.set_font("body", size=9)


def _para(doc: FPDF, text: str, height: float = 5) -> None:
    """A left-aligned paragraph; the cursor ends at the left margin of the next line."""
    doc.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT", align="L")


def _hours(seconds: int) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _summary_page(doc: _Document, plan: WeekPlan, rep: Rep, title: str) -> None:
    doc.add_page()
    _heading(doc, f"Itinerary: {title}", 17)
    _para(doc, clean_text(f"Time zone {rep.timezone}. Home: {rep.home_address or '—'}"))
    doc.ln(3)
    visits = plan.visits()
    cancelled = sum(1 for v in visits if v.cancelled)
    hotel = sum(
        (d.hotel_cost or Money.zero(plan.currency) for d in plan.days), Money.zero(plan.currency)
    )
    travel = sum((d.travel_cost(plan.currency) for d in plan.days), Money.zero(plan.currency))
    figures = [
        ("Days", str(len(plan.days))),
        ("Visits", f"{len(visits) - cancelled} planned, {cancelled} cancelled"),
        ("Distance", f"{plan.distance_m / 1000:,.1f} km"),
        ("Driving", _hours(plan.driving_s)),
        ("Travel cost", str(travel)),
        ("Hotels and allowances", str(hotel)),
        ("Total cost", str(plan.cost)),
        ("Expected value", str(plan.value)),
    ]
    with doc.table(col_widths=(60, 130), first_row_as_headings=False, line_height=6) as table:
        for label, value in figures:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD"))
            row.cell(value)


def _decisions(doc: FPDF, title: str, decisions: Sequence[Decision]) -> None:
    """The most valuable first; a long list is cut (the CSV remote list has them all)."""
    if not decisions:
        return
    ranked = sorted(decisions, key=lambda d: d.value.cents, reverse=True)
    shown = ranked[:_MAX_DECISIONS]
    _heading(doc, f"{title}: {len(decisions)}", 12)
    with doc.table(
        col_widths=(70, 90, 30),
        text_align=("LEFT", "LEFT", "RIGHT"),
        headings_style=_HEAD,
        line_height=4.4,
    ) as table:
        table.row(("Account", "Reason", "Value"))
        for d in shown:
            table.row((clean_text(d.name), clean_text(d.reason), str(d.value)))
    if len(ranked) > len(shown):
        doc.ln(1)
        more = len(ranked) - len(shown)
        _para(doc, f"… and {more} more of lower value (the CSV export lists them all).")
    doc.ln(5)


def _notes(doc: FPDF, notes: Sequence[str]) -> None:
    if not notes:
        return
    _heading(doc, f"Planner notes: {len(notes)}", 12)
    doc.set_font("body", size=8)
    for note in notes[:_MAX_NOTES]:
        _para(doc, "• " + clean_text(note), 4)
    if len(notes) > _MAX_NOTES:
        _para(doc, f"… and {len(notes) - _MAX_NOTES} more.", 4)


def _day_page(
    doc: _Document,
    day: DayPlan,
    rows: list[StopRow],
    accounts: Mapping[str, Account],
    rep: Rep,
    *,
    outlines: Sequence[Ring],
    currency: str,
) -> None:
    doc.add_page()
    _heading(doc, f"{day.day:%A %d %B %Y}")
    _para(doc, clean_text(f"From {day.start.name} to {day.end.name}"))
    # Totals above the map and table, so a long table never leaves them alone on a page.
    doc.set_font("body", "B", 9)
    _para(doc, _day_totals(day, currency))
    doc.set_font("body", size=8)
    doc.ln(1)
    if day.visits:
        image = render_day_map(day, accounts, size_px=(1140, 513), outlines=outlines)
        doc.image(BytesIO(image), w=190, h=85.5)
        doc.ln(2)
    with doc.table(
        col_widths=_DAY_WIDTHS,
        text_align=("CENTER", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=_HEAD,
        line_height=3.9,
    ) as table:
        table.row(_DAY_COLUMNS)
        _place_row(table, "S", _start_time(day, rep), day.start.name, None)
        for i, r in enumerate(rows):
            if i == day.lunch_after:
                _lunch_row(table, day, rep)
            _visit_row(table, r, rep)
        if day.lunch_after == len(rows):
            _lunch_row(table, day, rep)
        last = day.legs[-1] if day.legs else None
        _place_row(table, "E", _end_time(day, rep), day.end.name, last)


def _day_totals(day: DayPlan, currency: str) -> str:
    hotel = f", hotel {day.hotel_cost}" if day.hotel_cost else ""
    return (
        f"{len(day.visits)} visits, {day.distance_m / 1000:,.1f} km, "
        f"{_hours(day.driving_s)} driving, travel {day.travel_cost(currency)}{hotel}, "
        f"total {day.cost(currency)}; expected value {day.value(currency)}"
    )


def _visit_row(table: Table, r: StopRow, rep: Rep) -> None:
    visit, leg = r.visit, r.leg_in
    when = f"{visit.arrival.astimezone(rep.tz):%H:%M}–{visit.departure.astimezone(rep.tz):%H:%M}"
    name = clean_text(visit.name)
    if visit.explanation:
        name += "\n" + clean_text(visit.explanation)
    style = _GREY if visit.cancelled else None
    row = table.row()
    row.cell(str(r.index), style=style)
    row.cell(when + ("\ncancelled" if visit.cancelled else ""), style=style)
    row.cell(name, style=style)
    row.cell(r.address or "not geocoded", style=style)
    row.cell(f"{leg.distance_m / 1000:.1f}", style=style)
    row.cell(str(round(leg.duration_s / 60)), style=style)
    row.cell(str(leg.cost), style=style)


def _lunch_row(table: Table, day: DayPlan, rep: Rep) -> None:
    assert day.lunch is not None
    lunch = day.lunch
    when = f"{lunch.start.astimezone(rep.tz):%H:%M}–{lunch.end.astimezone(rep.tz):%H:%M}"
    _place_row(table, "", when, "Lunch break", None)


def _place_row(table: Table, mark: str, when: str, name: str, leg: Leg | None) -> None:
    row = table.row()
    for text in (mark, when, clean_text(name), ""):
        row.cell(text)
    if leg is None:
        for _ in range(3):
            row.cell("")
        return
    row.cell(f"{leg.distance_m / 1000:.1f}")
    row.cell(str(round(leg.duration_s / 60)))
    row.cell(str(leg.cost))


def _start_time(day: DayPlan, rep: Rep) -> str:
    if not day.visits:
        return ""
    first = day.legs[0]
    leaves = first.departure or day.visits[0].arrival - timedelta(seconds=first.duration_s)
    return f"leave {leaves.astimezone(rep.tz):%H:%M}"


def _end_time(day: DayPlan, rep: Rep) -> str:
    if not day.visits:
        return ""
    last = day.legs[-1]
    leaves: datetime = last.departure or day.visits[-1].departure
    return f"arrive {(leaves + timedelta(seconds=last.duration_s)).astimezone(rep.tz):%H:%M}"
