"""Missing Qt system libraries are named, with the apt-get line, before Qt starts."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from planner.ui import app, system_libs

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6Gui.so.6 => /opt/Qt/lib/libQt6Gui.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibweird.so.9 => not found
"""


@pytest.fixture
def fake_qt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Qt folder with the plugin files, and an `ldd` that reports three xcb libs missing."""
    qt = tmp_path / "Qt"
    for relative in (*system_libs.WINDOW, *system_libs.MAP):
        (qt / relative).parent.mkdir(parents=True, exist_ok=True)
        (qt / relative).write_bytes(b"")
    ldd = tmp_path / "bin" / "ldd"
    ldd.parent.mkdir()
    ldd.write_text(
        "#!/bin/sh\ncase \"$1\" in *WebEngine*) exit 0;; esac\ncat <<'EOF'\n" + LDD_OUTPUT + "EOF\n"
    )
    ldd.chmod(ldd.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(system_libs, "qt_folder", lambda: qt)
    monkeypatch.setenv("PATH", f"{ldd.parent}:/usr/bin:/bin")
    return qt


def test_the_advice_names_the_libraries_and_the_exact_apt_line(fake_qt: Path) -> None:
    missing = system_libs.missing_libraries(window=True)
    assert missing == [
        "libweird.so.9", "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1",
    ]  # fmt: skip
    advice = system_libs.install_advice(missing)
    assert "  sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in advice
    assert "apt-file search libweird.so.9" in advice
    assert system_libs.missing_libraries(window=False) == []  # the map's library is fine


def test_the_gui_stops_with_the_advice_instead_of_a_qt_abort(
    fake_qt: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert app.main(["--demo"]) == 3
    assert "sudo apt-get install -y libxcb-cursor0" in capsys.readouterr().err


def test_this_machine_has_what_qt_needs() -> None:
    assert system_libs.check(window=True) == ""
    assert system_libs.not_found(LDD_OUTPUT)[0] == "libxcb-cursor.so.0"
