"""Issue 20, *Show*: every file of the hostile corpus (tests/data/hostile, written by
make_hostile.py) imports without a traceback, in under 60 s, with every row accounted
for, or is refused with one sentence. ``benchmarks/hostile_corpus.py`` prints the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.hostile_corpus import CORPUS, import_one, manifest

MANIFEST = manifest()


def test_corpus_has_at_least_70_files_each_in_the_manifest() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.suffix not in (".py", ".json", ".md")}
    files.discard("__pycache__")
    assert files == set(MANIFEST)
    assert len(files) >= 70


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_hostile_file_imports_without_traceback_and_accounts_for_every_row(
    name: str, tmp_path: Path
) -> None:
    outcome = import_one(name, MANIFEST[name], tmp_path)
    assert not outcome.crash, outcome.crash
    assert outcome.seconds < 60
    if outcome.expected is None:
        assert outcome.refused and "\n" not in outcome.refused
    else:
        assert outcome.rows == outcome.expected == outcome.accounted, outcome
