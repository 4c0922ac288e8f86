#!/usr/bin/env bash
# Screenshots of every page type, phone and desktop, light and dark (not shipped):
#   scripts/gallery.sh [OUT]   (default /tmp/policemag-gallery)
# Builds the sample magazine with three older issues added (so the front page has
# previous issues and the archive has years), then shoots it in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/policemag-gallery}"
export NO_MKDOCS_2_WARNING=1 PYTHONPATH="$PWD/tools${PYTHONPATH:+:$PYTHONPATH}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -c "import sys; from pathlib import Path; from policemag_dev.gallery import make_gallery_repo; make_gallery_repo(Path('.'), Path(sys.argv[1]))" "$work/repo"
POLICEMAG_NOW="${POLICEMAG_NOW:-2026-11-20T12:00:00+00:00}" python3 -m policemag.cli -C "$work/repo" build --site-dir "$work/site" >/dev/null 2>"$work/build.log" || { cat "$work/build.log"; exit 1; }
python3 -m policemag_dev gallery "$work/site" "$out"
echo "gallery: $out"
