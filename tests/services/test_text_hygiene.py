"""Issue 20, *Why* "Minor": bidi override characters (U+202E) reached ICS, CSV, PDF and
HTML (display spoofing), and a failed HTML export left a ``.part`` file. Every export
now shows such characters as ``[U+202E]`` instead of obeying them."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain import Account
from planner.domain.text import visible_text
from planner.services.export_itinerary import ExportFormat, export_itinerary
from tests.io.exporters.plan_fixture import make_accounts, make_plan, make_rep

SPOOF = "Invoice\u202egnp.exe \u2066x\u2069 Ca\u200bffè \u200d👨‍👩‍👧"


def test_visible_text_shows_overrides_drops_invisibles_and_keeps_joiners() -> None:
    assert visible_text(SPOOF) == "Invoice[U+202E]gnp.exe [U+2066]x[U+2069] Caffè \u200d👨‍👩‍👧"
    assert visible_text("plain ascii") == "plain ascii"


def _accounts() -> dict[str, Account]:
    accounts = make_accounts()
    first = next(iter(accounts))
    accounts[first] = replace(accounts[first], name=SPOOF, crm_notes="note \u202eevil")
    return accounts


@pytest.mark.parametrize("fmt", [ExportFormat.ICS, ExportFormat.CSV, ExportFormat.HTML])
def test_minor_bidi_override_is_shown_not_obeyed_in_text_exports(
    fmt: ExportFormat, tmp_path: Path
) -> None:
    accounts = _accounts()
    plan = make_plan(accounts)
    result = export_itinerary(plan, accounts, make_rep(), fmt, tmp_path / f"week.{fmt.value}")
    text = "".join(path.read_text(encoding="utf-8-sig") for path in result.files)
    for hidden in ("\u202e", "\u2066", "\u2069", "\u200b"):
        assert hidden not in text
    assert "[U+202E]" in text


def test_minor_bidi_override_is_shown_not_obeyed_in_the_pdf(tmp_path: Path) -> None:
    accounts = _accounts()
    out = tmp_path / "week.pdf"
    export_itinerary(make_plan(accounts), accounts, make_rep(), ExportFormat.PDF, out)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    assert "\u202e" not in text and "Invoice[U+202E]gnp.exe" in text


def test_minor_failed_html_export_leaves_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, *args: object, **kwargs: object) -> None:
        path.write_text("half a page")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("planner.maps.write_standalone_page", disk_full)
    accounts = make_accounts()
    with pytest.raises(OSError):
        export_itinerary(make_plan(accounts), accounts, make_rep(), "html", tmp_path / "w.html")
    assert list(tmp_path.iterdir()) == []
