#!/usr/bin/env bash
# Lighthouse 12 (mobile by default) on every page type of the sample (not shipped):
#   scripts/lighthouse.sh [--preset desktop] [--only home article-fr ...]
# Installs lighthouse@12.2.3 into ~/.cache/policemag-lighthouse (not the repository's
# node_modules), builds the sample magazine, serves it with precompressed files and
# prints the table of docs/web.md. Chromium: Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${POLICEMAG_LIGHTHOUSE:-$HOME/.cache/policemag-lighthouse}"
if [ ! -x "$prefix/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund lighthouse@12.2.3 >/dev/null
fi
export NO_MKDOCS_2_WARNING=1 PYTHONPATH="$PWD/tools${PYTHONPATH:+:$PYTHONPATH}" CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
site="$(mktemp -d)/site"
trap 'rm -rf "$(dirname "$site")"' EXIT
python3 -m policemag.cli build --site-dir "$site" >/dev/null 2>&1
python3 -m policemag_dev lighthouse "$site" "$@"
