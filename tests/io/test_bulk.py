"""The cycle collector is paused only inside a bulk block and comes back as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from planner.io.bulk import no_cycle_collection
from planner.io.importers import ImportFileError, read_import


def test_paused_inside_and_restored_after_nested_blocks() -> None:
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
        with no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer one's pause alone
    assert gc.isenabled()


def test_left_disabled_when_it_was_disabled_before() -> None:
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_restored_when_an_import_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ImportFileError):
        read_import(empty)
    assert gc.isenabled()
