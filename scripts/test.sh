#!/usr/bin/env bash
# Set up everything the tests need, then run the whole check (ruff, mypy, pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/check.sh "$@"
