"""`territory-planner gui` on a machine without a display."""

from __future__ import annotations


def test_gui_without_display_says_so(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.app import main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 2
    assert "No display found" in capsys.readouterr().err
