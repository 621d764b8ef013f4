"""The map asks the app for the streets of its view; the app answers off the main thread."""

from __future__ import annotations

import json

import pytest


def test_the_page_asking_for_its_views_streets_gets_them(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, dict[str, object]]] = []
    original = window.map_view.call

    def spy(function: str, *args: object) -> None:
        if function == "setRoadDetail":
            calls.append((function, json.loads(str(args[0]))))
        original(function, *args)

    monkeypatch.setattr(window.map_view, "call", spy)
    box = json.dumps([44.4, 11.2, 44.6, 11.5])
    window.map_view.page().runJavaScript(f"planner.core.bridge.roadsWanted({json.dumps(box)})")
    qtbot.waitUntil(lambda: bool(calls), timeout=15000)
    ((_, table),) = calls
    assert table["type"] == "RoadLines" and table["lines"] == []  # no region built here
