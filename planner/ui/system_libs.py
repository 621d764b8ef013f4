"""Before Qt starts: are the system libraries its window and its map need installed?

The PySide6 wheel carries Qt itself but not the X11/XCB, OpenGL, font and audio
libraries of the desktop; without one of them Qt aborts with a message that names
the wrong library ("could not load the Qt platform plugin xcb"). Here each Qt
library the app loads is checked with `ldd` (no Qt import), and what is missing is
named with the Debian/Ubuntu package to install. Linux only; elsewhere, and when
`ldd` is absent, nothing is reported.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

# Shared library → the Debian/Ubuntu package that ships it (the ones Qt's xcb platform,
# Qt WebEngine and the fonts need that a minimal desktop or container may lack).
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libnspr4.so": "libnspr4",
    "libXcomposite.so.1": "libxcomposite1",
    "libXdamage.so.1": "libxdamage1",
    "libXrandr.so.2": "libxrandr2",
    "libXtst.so.6": "libxtst6",
    "libXkbfile.so.1": "libxkbfile1",
    "libxshmfence.so.1": "libxshmfence1",
    "libgbm.so.1": "libgbm1",
    "libdrm.so.2": "libdrm2",
    "libasound.so.2": "libasound2",
    "libexpat.so.1": "libexpat1",
}
# The Qt libraries the app loads, relative to PySide6's Qt folder: the xcb platform
# plugin (the window on X11), its support library, and Qt WebEngine (the map).
WINDOW = ("plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6")
MAP = ("lib/libQt6WebEngineCore.so.6",)


def qt_folder() -> Path | None:
    """PySide6's Qt folder, found without importing PySide6 (that would load Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def not_found(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports as `=> not found`."""
    return [line.split("=>")[0].strip() for line in ldd_output.splitlines() if "not found" in line]


def missing_libraries(window: bool = True) -> list[str]:
    """Shared libraries Qt needs that the system lacks (sorted, no duplicates)."""
    qt = qt_folder()
    ldd = shutil.which("ldd")
    if not sys.platform.startswith("linux") or qt is None or ldd is None:
        return []
    missing: set[str] = set()
    for relative in (*WINDOW, *MAP) if window else MAP:
        library = qt / relative
        if not library.exists():
            continue
        try:
            done = subprocess.run(
                [ldd, str(library)], capture_output=True, text=True, timeout=20, check=False
            )
        except (OSError, subprocess.SubprocessError):
            continue
        missing.update(not_found(done.stdout))
    return sorted(missing)


def install_advice(missing: list[str]) -> str:
    """What to tell the user: the libraries, and the exact apt-get line to install them."""
    packages = sorted({PACKAGES[name] for name in missing if name in PACKAGES})
    unknown = [name for name in missing if name not in PACKAGES]
    lines = ["The desktop app cannot start: Qt needs system libraries that are missing:"]
    lines += [f"  {name}" for name in missing]
    if packages:
        lines += ["On Debian or Ubuntu, install them with:"]
        lines += ["  sudo apt-get install -y " + " ".join(packages)]
    if unknown:
        lines += [f"Find the package of the others with: apt-file search {unknown[0]}"]
    lines += ["(The command line works without them: `territory-planner demo --out DIR`.)"]
    return "\n".join(lines)


def check(window: bool = True) -> str:
    """'' when everything is there; otherwise the advice to print."""
    missing = missing_libraries(window)
    return install_advice(missing) if missing else ""


def main() -> int:
    """`python -m planner.ui.system_libs`: exit 1 with the advice when something is missing."""
    advice = check()
    if advice:
        print(advice, file=sys.stderr)
        return 1
    print("Qt's system libraries are all installed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
