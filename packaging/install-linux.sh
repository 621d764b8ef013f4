#!/usr/bin/env bash
# Install the one-folder bundle for the current user (or PREFIX=/usr/local as root):
#   packaging/install-linux.sh [BUNDLE_DIR]      (default: dist/territory-planner)
# Puts the bundle in PREFIX/lib/territory-planner, a `territory-planner` link in PREFIX/bin,
# the menu entry, icon, AppStream metadata and the *.tpw file type in PREFIX/share.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=${1:-$here/../dist/territory-planner}
prefix=${PREFIX:-$HOME/.local}
[ -x "$bundle/territory-planner" ] || { echo "error: no bundle at $bundle (run 'make package')" >&2; exit 1; }
share=$prefix/share
mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/icons/hicolor/scalable/apps" \
  "$share/metainfo" "$share/mime/packages"
rm -rf "$prefix/lib/territory-planner"
cp -a "$bundle" "$prefix/lib/territory-planner"
ln -sfn "$prefix/lib/territory-planner/territory-planner" "$prefix/bin/territory-planner"
install -m 644 "$here/territory-planner.desktop" "$share/applications/"
install -m 644 "$here/../resources/icons/territory-planner.svg" "$share/icons/hicolor/scalable/apps/"
install -m 644 "$here/io.github.territory_planner.TerritoryPlanner.metainfo.xml" "$share/metainfo/"
install -m 644 "$here/territory-planner-mime.xml" "$share/mime/packages/"
# Caches are refreshed when the tools exist; the menu entry works without them.
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -qtf "$share/icons/hicolor" || true
echo "installed in $prefix (make sure $prefix/bin is on PATH)"
