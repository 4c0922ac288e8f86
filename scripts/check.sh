#!/usr/bin/env bash
# The one check a developer runs before every commit: lint, types, tests.
#   scripts/check.sh           everything: tests/unit, tests/build, tests/browser and the
#                              doctests in tools/ (what CI runs, through scripts/test.sh)
#   scripts/check.sh --fast    ruff, mypy, tests/unit and the doctests in tools/ only
# Further arguments go to pytest (e.g. -k epub, --update-golden).
# Two workers, one test file each at a time (--dist loadfile): a fixture built once per
# module or session (a built magazine, the sample EPUB) is built by one worker, not both.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium
paths=()
if [[ "${1:-}" == "--fast" ]]; then
  shift
  paths=(tests/unit tools)
fi
ruff check tools tests
mypy
python3 -m pytest -n 2 --dist loadfile "${paths[@]}" "$@"
