"""Every string the window shows in Italian is Italian: the test fails on one left English.

Two checks. The catalogue is complete: lupdate run over planner/ui finds no string
without a translation. And the window itself, opened in English and in Italian, shows
no text that is the same in both (apart from data: names, numbers, codes), nor any
English source string of the catalogues.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

from planner.domain.i18n import catalogue
from planner.resources import resource_path
from planner.ui.launch import install_translator

from .conftest import _open_planned_window

ROOT = Path(__file__).resolve().parents[2]
# Words spelt the same in both languages, and symbols.
SAME_IN_BOTH = {
    "google",
    "maps",
    "waze",
    "hotel",
    "email",
    "file",
    "prob.",
    "km",
    "mi",
    "min",
    "h",
    "ok",
    "english",
    "italiano",
}


def _lupdate() -> Path:
    found = shutil.which("pyside6-lupdate") or str(
        Path(sys.executable).with_name("pyside6-lupdate")
    )
    return Path(found)


def test_qt_catalogue_has_a_translation_for_every_ui_string(tmp_path: Path) -> None:
    ts = tmp_path / "planner_it.ts"
    shutil.copy(resource_path("translations", "planner_it.ts"), ts)
    sources = sorted(str(p) for p in (ROOT / "planner" / "ui").rglob("*.py"))
    subprocess.run([str(_lupdate()), *sources, "-ts", str(ts)], check=True, capture_output=True)
    text = ts.read_text(encoding="utf-8")
    missing = re.findall(
        r"<source>([^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?"
        r'<translation type="unfinished">',
        text,
    )
    assert not missing, f"untranslated UI strings (run `make translations`): {missing}"


def _plain(text: str) -> str:
    if "<" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&", "").strip()


def _widget_texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return [widget.text()]
    if isinstance(widget, QAbstractButton):
        return [widget.text(), widget.toolTip()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QDockWidget):
        return [widget.windowTitle()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QComboBox) and widget.count():
        return [widget.itemText(0)]  # the "all …" choice; the others are data
    if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
        model = widget.model()
        horizontal = Qt.Orientation.Horizontal
        return [str(model.headerData(c, horizontal) or "") for c in range(model.columnCount())]
    return []


def visible_texts(window: QWidget) -> set[str]:
    """Labels, buttons, titles, tabs, headers, placeholders and menu entries."""
    texts = [t for w in window.findChildren(QWidget) for t in _widget_texts(w)]
    texts += [a.text() for a in window.findChildren(QAction)]
    lines = {line.strip() for t in texts for line in _plain(t).splitlines()}
    return {line for line in lines if re.search(r"[A-Za-z]{2}", line)}


def _data_words(window) -> set[str]:  # type: ignore[no-untyped-def]
    session = window.session
    words = {r.name for r in session.workspace.reps()}
    for a in session.accounts:
        words |= {a.name, a.stage, a.owner, a.address.city, a.address.one_line()}
    return words


def _is_data(text: str, data: set[str]) -> bool:
    """Names and addresses from the workspace; numbers with units (`45 min`, `3 km`)."""
    words = re.findall(r"[^\W\d_]{2,}\.?", text)
    return text in data or all(w.casefold() in SAME_IN_BOTH for w in words)


def _english_sources() -> set[str]:
    ts = resource_path("translations", "planner_it.ts").read_text(encoding="utf-8")
    pairs = re.findall(r"<source>([^<]*)</source>\s*<translation>([^<]*)</translation>", ts)
    qt = {_plain(s) for s, t in pairs if _plain(s) != _plain(t)}
    core = {s for s, t in catalogue("it").items() if s != t}
    return {s for s in qt | core if "%" not in s and "{" not in s}


def _texts_in(qtbot, isolated: Path, language: str) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    translator = install_translator(app, language)
    try:
        windows = _open_planned_window(qtbot, isolated / language)
        window = next(windows)
        first = window.session.plan.visits()[0].account_key
        window._select([first], from_map=False)  # the inspector shows an account
        window.territories_dock.show()
        texts = visible_texts(window)
        data = _data_words(window)
        next(windows, None)  # close it
    finally:
        if translator is not None:
            for child in translator.findChildren(type(translator)):
                app.removeTranslator(child)
            app.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return texts, data


@pytest.mark.ui
def test_the_italian_window_shows_no_english(qtbot, isolated: Path) -> None:  # type: ignore[no-untyped-def]
    english, data = _texts_in(qtbot, isolated, "en")
    italian, _ = _texts_in(qtbot, isolated, "it")
    assert len(italian) > 40  # the walk really saw the window
    same = {t for t in english & italian if not _is_data(t, data)}
    assert not same, f"shown in English in the Italian window: {sorted(same)}"
    leftover = italian & _english_sources()
    assert not leftover, f"English catalogue strings in the Italian window: {sorted(leftover)}"
