from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from planner.domain import Account, Rep, WeekPlan
from planner.io.exporters.pdf import export_pdf
from planner.io.exporters.static_map import render_day_map


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.io.exporters.plan_fixture import make_accounts, make_plan, make_rep

    accounts = make_accounts()
    path = tmp_path_factory.mktemp("pdf") / "itinerary.pdf"
    path.write_bytes(export_pdf(make_plan(accounts), accounts, make_rep()))
    return path


def _text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def test_pdf_has_a_summary_a_page_per_day_and_the_remote_list(
    pdf_file: Path, plan: WeekPlan
) -> None:
    assert pdf_file.read_bytes().startswith(b"%PDF-")
    out = pdf_file.parent / "page"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf_file), str(out)], check=True, timeout=60
    )
    pages = sorted(pdf_file.parent.glob("page-*.png"))
    assert len(pages) == 1 + len(plan.days) + 1
    with Image.open(pages[1]) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50  # a map and a table, not a blank page
        # Route blue from the map is on the day page.
        assert any(abs(r - 0x1F) < 40 and abs(b - 0xA8) < 40 for _, (r, _g, b) in colours)


def test_pdf_prints_names_literally_with_times_km_and_costs(pdf_file: Path, plan: WeekPlan) -> None:
    text = _text(pdf_file)
    for needle in (
        "<script>alert(1)</script>",
        '=HYPERLINK("http://evil.example",',
        "Caffè ☕ Verona 😀",
        "Ferramenta C:\\Lecco\\",
        'Hotel "Due Torri"; Verona, <b>',
        "09:30–10:15",
        "Via XX Settembre 12, Scala B,",
        "€20.93",
        "cancelled",
        "Serve remotely this week",
        "Lunch break",
        f"{plan.distance_m / 1000:,.1f} km",
    ):
        assert needle in text, needle
    # DejaVu has no violin: it prints as the replacement character, visibly, not as nothing.
    assert "Cremona Liuteria \ufffd" in text


def test_day_map_draws_without_coordinates_for_some_visits(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    lost = next(iter(accounts.values()))
    accounts = {**accounts, lost.key: replace(lost, location=None, precision=lost.precision.NONE)}
    ring = ((9.0, 45.0), (10.5, 45.0), (10.5, 46.0), (9.0, 46.0), (9.0, 45.0))
    png = render_day_map(plan.days[0], accounts, size_px=(400, 240), outlines=[ring])
    assert png.startswith(b"\x89PNG")
    assert export_pdf(plan, accounts, rep).startswith(b"%PDF-")


def test_each_day_page_has_its_route_as_a_qr_code_and_link(pdf_file: Path, plan: WeekPlan) -> None:
    text = _text(pdf_file).replace("\n", "")
    assert "Scan to drive the day in Google Maps" in text
    assert text.count("https://www.google.com/maps/dir/?api=1&origin=") >= len(
        [d for d in plan.days if d.visits]
    )
    done = subprocess.run(
        ["pdfimages", "-list", str(pdf_file)], capture_output=True, check=True, timeout=60
    )
    images = [line.split() for line in done.stdout.decode().splitlines()[2:]]
    square = [i for i in images if i[3] == i[4]]  # QR codes are square, the maps are not
    assert len(square) >= len([d for d in plan.days if d.visits])
