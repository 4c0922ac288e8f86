#!/usr/bin/env bash
# Install what the pipeline needs on a fresh Debian machine with Python 3.11 (as root).
#   scripts/setup.sh          build dependencies (Python package + FriBiDi for raqm)
#   scripts/setup.sh --test   also the test tools: Chromium, Java, pandoc, vips, Calibre
#                             (ebook-meta reads the EPUBs as libraries do), npm tools
# Idempotent: already-installed packages are not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(libfribidi0 libraqm0)
if [[ "${1:-}" == "--test" ]]; then
  debs+=(chromium default-jre-headless pandoc libvips-tools calibre)
fi
missing=()
for p in "${debs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [[ "${1:-}" == "--test" ]]; then
  $PY -m pip install -q --disable-pip-version-check -e '.[test]'
  # axe-core, DAISY Ace, the JSON Feed schema, epub.js and Readium's JS models; never a
  # downloaded browser. --ignore-scripts: no install script is needed (they only fetch
  # browsers we skip, print banners, or run a rimraf that r2-opds-js does not ship)
  PUPPETEER_SKIP_DOWNLOAD=true ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund --silent --ignore-scripts
else
  $PY -m pip install -q --disable-pip-version-check -e .
fi
