#!/usr/bin/env bash
# The one check a developer runs before every commit: lint, types, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium
ruff check tools tests
mypy
python3 -m pytest -n 2 "$@"
