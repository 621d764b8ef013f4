"""Printable itinerary (PDF) with fpdf2: a week summary, then one page per day with its map.

Text is drawn with DejaVu Sans (shipped inside matplotlib, so no system font is needed);
a character DejaVu lacks (some emoji) prints as U+FFFD "�" rather than vanishing
silently. (LastResort as a fallback font would show a block glyph, but loading its
full-Unicode cmap costs ~6 s.) fpdf2 draws text literally: no markup is parsed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import matplotlib
import segno
from fpdf import FPDF, FontFace
from fpdf.table import Table

from planner.domain import Account, DayPlan, Decision, Leg, Money, Rep, WeekPlan
from planner.domain.formats import Formats
from planner.domain.i18n import N_, Translator
from planner.domain.navigation import day_route, google_day_links
from planner.domain.reasons import translate_reason
from planner.io.exporters.common import StopRow, clean_text, stop_rows
from planner.io.exporters.static_map import Ring, render_day_map

_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_HEAD = FontFace(emphasis="BOLD", fill_color=(226, 232, 240))
_GREY = FontFace(color=(130, 130, 130))
_DAY_COLUMNS = ("#", N_("Time"), N_("Account · purpose"), N_("Address"), "km", "min", N_("Cost"))
_DAY_WIDTHS = (7, 22, 58, 55, 13, 11, 24)
_MAX_DECISIONS = 30  # rows of the remote / left-out lists on paper
_MAX_NOTES = 15
_QR_MM = 24  # scans from a phone held above a printed A4 page


@dataclass(frozen=True)
class _Lang:
    """The document's language (labels) and locale (numbers, money, dates)."""

    t: Translator
    f: Formats

    @classmethod
    def of(cls, locale: str | None) -> _Lang:
        return cls(Translator(locale), Formats(locale or "en"))

    def money(self, money: Money) -> str:
        return self.f.money(money)

    def clock(self, moment: datetime, rep: Rep) -> str:
        return f"{moment.astimezone(rep.tz):%H:%M}"


class _Document(FPDF):
    def __init__(self, title: str, lang: _Lang) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.title_text = title
        self.words = lang
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
        page = self.words.t("page {page}/{pages}", page=self.page_no(), pages="{nb}")
        self.cell(0, 4, f"{self.title_text}  ·  {page}", align="C")
        self.set_text_color(0, 0, 0)


def export_pdf(
    plan: WeekPlan,
    accounts: Mapping[str, Account],
    rep: Rep,
    outlines: Sequence[Ring] = (),
    locale: str | None = None,
) -> bytes:
    """The itinerary as PDF bytes, labelled in `locale`'s language (English by default)."""
    lang = _Lang.of(locale)
    week = lang.f.long_date(plan.week_start)
    title = clean_text(lang.t("{rep} – week of {date}", rep=rep.name, date=week))
    doc = _Document(title, lang)
    rows = stop_rows(plan, accounts)
    _summary_page(doc, plan, rep, title)
    for day in plan.days:
        _day_page(
            doc, day, [r for r in rows if r.day is day], accounts, rep,
            outlines=outlines, currency=plan.currency,
        )  # fmt: skip
    if plan.remote or plan.excluded or plan.notes:
        doc.add_page()
        _decisions(doc, lang.t("Serve remotely this week (phone / video)"), plan.remote)
        _decisions(doc, lang.t("Left out this week"), plan.excluded)
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


def _summary_page(doc: _Document, plan: WeekPlan, rep: Rep, title: str) -> None:
    t, f = doc.words.t, doc.words.f
    doc.add_page()
    _heading(doc, t("Itinerary: {title}", title=title), 17)
    home = rep.home_address or "—"
    _para(doc, clean_text(t("Time zone {zone}. Home: {home}", zone=rep.timezone, home=home)))
    doc.ln(3)
    visits = plan.visits()
    cancelled = sum(1 for v in visits if v.cancelled)
    zero = Money.zero(plan.currency)
    hotel = sum((d.hotel_cost or zero for d in plan.days), zero)
    travel = sum((d.travel_cost(plan.currency) for d in plan.days), zero)
    planned = t("{planned} planned, {cancelled} cancelled", planned=len(visits) - cancelled,
                cancelled=cancelled)  # fmt: skip
    figures = [
        (t("Days"), str(len(plan.days))),
        (t("Visits"), planned),
        (t("Distance"), f.distance(plan.distance_m)),
        (t("Driving"), f.duration(plan.driving_s)),
        (t("Travel cost"), f.money(travel)),
        (t("Hotels and allowances"), f.money(hotel)),
        (t("Total cost"), f.money(plan.cost)),
        (t("Expected value"), f.money(plan.value)),
    ]
    with doc.table(col_widths=(60, 130), first_row_as_headings=False, line_height=6) as table:
        for label, value in figures:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD"))
            row.cell(value)


def _decisions(doc: _Document, title: str, decisions: Sequence[Decision]) -> None:
    """The most valuable first; a long list is cut (the CSV remote list has them all)."""
    if not decisions:
        return
    t = doc.words.t
    ranked = sorted(decisions, key=lambda d: d.value.cents, reverse=True)
    shown = ranked[:_MAX_DECISIONS]
    _heading(doc, f"{title}: {len(decisions)}", 12)
    with doc.table(
        col_widths=(70, 90, 30),
        text_align=("LEFT", "LEFT", "RIGHT"),
        headings_style=_HEAD,
        line_height=4.4,
    ) as table:
        table.row((t("Account"), t("Reason"), t("Value")))
        for d in shown:
            reason = translate_reason(d.reason, doc.words.f.locale)
            table.row((clean_text(d.name), clean_text(reason), doc.words.money(d.value)))
    if len(ranked) > len(shown):
        doc.ln(1)
        more = len(ranked) - len(shown)
        _para(doc, t("… and {n} more of lower value (the CSV export lists them all).", n=more))
    doc.ln(5)


def _notes(doc: _Document, notes: Sequence[str]) -> None:
    if not notes:
        return
    t = doc.words.t
    _heading(doc, t("Planner notes: {n}", n=len(notes)), 12)
    doc.set_font("body", size=8)
    for note in notes[:_MAX_NOTES]:
        _para(doc, "• " + clean_text(translate_reason(note, doc.words.f.locale)), 4)
    if len(notes) > _MAX_NOTES:
        _para(doc, t("… and {n} more.", n=len(notes) - _MAX_NOTES), 4)


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
    lang = doc.words
    doc.add_page()
    _heading(doc, lang.f.long_day(day.day))
    _para(doc, clean_text(lang.t("From {start} to {end}", start=day.start.name, end=day.end.name)))
    # Totals above the map and table, so a long table never leaves them alone on a page.
    doc.set_font("body", "B", 9)
    _para(doc, _day_totals(lang, day, currency))
    doc.set_font("body", size=8)
    doc.ln(1)
    _navigation(doc, day, accounts)
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
        table.row(tuple(lang.t(c) for c in _DAY_COLUMNS))
        _place_row(lang, table, "S", _start_time(lang, day, rep), day.start.name, leg=None)
        for i, r in enumerate(rows):
            if i == day.lunch_after:
                _lunch_row(lang, table, day, rep)
            _visit_row(lang, table, r, rep)
        if day.lunch_after == len(rows):
            _lunch_row(lang, table, day, rep)
        last = day.legs[-1] if day.legs else None
        _place_row(lang, table, "E", _end_time(lang, day, rep), day.end.name, leg=last)


def _navigation(doc: _Document, day: DayPlan, accounts: Mapping[str, Account]) -> None:
    """A QR code per link of the day's Google Maps route: scan it to drive the day."""
    located = {k: a.location for k, a in accounts.items() if a.location is not None}
    route = day_route(day, located)
    if len(route) < 3:  # no located visit: nothing to navigate to
        return
    links = google_day_links(route)
    top, size = doc.get_y(), _QR_MM
    for i, link in enumerate(links):
        code = BytesIO()
        segno.make(link, error="m").save(code, kind="png", scale=4, border=2)
        doc.image(code, x=doc.l_margin + i * (size + 2), y=top, w=size, h=size)
    doc.set_xy(doc.l_margin + len(links) * (size + 2) + 2, top + 1)
    text = doc.words.t("Scan to drive the day in Google Maps ({n} stops).", n=len(route) - 2)
    if len(links) > 1:
        text += " " + doc.words.t("Google takes 9 stops per link: scan the codes in turn.")
    doc.multi_cell(0, 4, text + "\n" + "\n".join(links), new_x="LMARGIN", new_y="NEXT")
    doc.set_y(max(doc.get_y(), top + size) + 2)


def _day_totals(lang: _Lang, day: DayPlan, currency: str) -> str:
    t, f = lang.t, lang.f
    hotel = t(", hotel {cost}", cost=f.money(day.hotel_cost)) if day.hotel_cost else ""
    return t(
        "{n} visits, {distance}, {driving} driving, travel {travel}{hotel}, total {total}; "
        "expected value {value}",
        n=len(day.visits), distance=f.distance(day.distance_m), driving=f.duration(day.driving_s),
        travel=f.money(day.travel_cost(currency)), hotel=hotel, total=f.money(day.cost(currency)),
        value=f.money(day.value(currency)),
    )  # fmt: skip


def _visit_row(lang: _Lang, table: Table, r: StopRow, rep: Rep) -> None:
    visit, leg = r.visit, r.leg_in
    when = f"{lang.clock(visit.arrival, rep)}–{lang.clock(visit.departure, rep)}"
    name = clean_text(visit.name)
    if visit.explanation:
        name += "\n" + clean_text(translate_reason(visit.explanation, lang.f.locale))
    style = _GREY if visit.cancelled else None
    row = table.row()
    row.cell(str(r.index), style=style)
    row.cell(when + ("\n" + lang.t("cancelled") if visit.cancelled else ""), style=style)
    row.cell(name, style=style)
    row.cell(r.address or lang.t("not geocoded"), style=style)
    for text in _leg_cells(lang, leg):
        row.cell(text, style=style)


def _leg_cells(lang: _Lang, leg: Leg) -> tuple[str, str, str]:
    return (
        lang.f.number(leg.distance_m / 1000, 1),
        str(round(leg.duration_s / 60)),
        lang.money(leg.cost),
    )


def _lunch_row(lang: _Lang, table: Table, day: DayPlan, rep: Rep) -> None:
    assert day.lunch is not None
    when = f"{lang.clock(day.lunch.start, rep)}–{lang.clock(day.lunch.end, rep)}"
    _place_row(lang, table, "", when, lang.t("Lunch break"), leg=None)


def _place_row(
    lang: _Lang, table: Table, mark: str, when: str, name: str, *, leg: Leg | None
) -> None:
    row = table.row()
    for text in (mark, when, clean_text(name), ""):
        row.cell(text)
    for text in _leg_cells(lang, leg) if leg is not None else ("", "", ""):
        row.cell(text)


def _start_time(lang: _Lang, day: DayPlan, rep: Rep) -> str:
    if not day.visits:
        return ""
    first = day.legs[0]
    leaves = first.departure or day.visits[0].arrival - timedelta(seconds=first.duration_s)
    return lang.t("leave {time}", time=lang.clock(leaves, rep))


def _end_time(lang: _Lang, day: DayPlan, rep: Rep) -> str:
    if not day.visits:
        return ""
    last = day.legs[-1]
    leaves: datetime = last.departure or day.visits[-1].departure
    return lang.t(
        "arrive {time}", time=lang.clock(leaves + timedelta(seconds=last.duration_s), rep)
    )
