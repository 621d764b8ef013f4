"""Shipped files resolve from a source checkout and inside a (faked) PyInstaller bundle."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from planner.io.geocoding.gazetteer import default_gazetteer_path
from planner.io.geocoding.gazetteer_build import GAZETTEER_VERSION
from planner.maps.assets import assets_dir
from planner.resources import app_root, maps_path, resource_path
from planner.services.demo import demo_data_dir

ROOT = Path(__file__).resolve().parents[2]
ENV = ("TERRITORY_PLANNER_ROOT", "TERRITORY_PLANNER_MAPS", "TERRITORY_PLANNER_GAZETTEER")


@pytest.fixture(autouse=True)
def _no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake one-folder bundle: sys.frozen and sys._MEIPASS as PyInstaller sets them."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "resources" / "demo").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    return tmp_path


def test_source_checkout_resolves_next_to_the_package() -> None:
    assert app_root() == ROOT
    assert (resource_path("icons", "territory-planner.svg")).is_file()
    assert maps_path("planner.js").is_file()
    assert assets_dir() == ROOT / "maps"
    assert demo_data_dir() == ROOT / "resources" / "demo"


def test_frozen_bundle_resolves_under_meipass(bundle: Path) -> None:
    assert app_root() == bundle
    assert resource_path("translations", "planner_it.qm") == (
        bundle / "resources" / "translations" / "planner_it.qm"
    )
    assert assets_dir() == bundle / "maps"
    assert demo_data_dir() == bundle / "resources" / "demo"


def test_meipass_without_frozen_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert app_root() == ROOT


def test_root_override_wins(bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "elsewhere"
    monkeypatch.setenv("TERRITORY_PLANNER_ROOT", str(other))
    assert maps_path("planner.js") == other / "maps" / "planner.js"
    assert demo_data_dir() == other / "resources" / "demo"


def test_bundled_gazetteer_is_used_when_present(bundle: Path) -> None:
    name = f"gazetteer-v{GAZETTEER_VERSION}.sqlite"
    assert default_gazetteer_path() != bundle / name  # not shipped: the user cache
    (bundle / name).write_bytes(b"")
    assert default_gazetteer_path() == bundle / name


def _launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("launcher", ROOT / "packaging" / "launcher.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["gui"]),
        (["--self-test"], ["gui", "--self-test"]),
        (["week.tpw", "--language", "it"], ["gui", "week.tpw", "--language", "it"]),
        (["plan", "--days", "2"], ["plan", "--days", "2"]),
        (["gui", "--demo"], ["gui", "--demo"]),
        (["--help"], ["--help"]),
    ],
)
def test_frozen_launcher_opens_the_app_unless_given_a_command(
    argv: list[str], expected: list[str]
) -> None:
    assert _launcher().route(argv, ["gui", "plan", "demo"]) == expected


def test_launcher_knows_the_cli_commands() -> None:
    assert {"gui", "plan", "demo", "import"} <= set(_launcher().cli_commands())
