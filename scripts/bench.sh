#!/usr/bin/env bash
# The benchmark (not shipped): scripts/bench.sh --quick | --issues 200
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PYTHONPATH="$PWD/tools${PYTHONPATH:+:$PYTHONPATH}"
exec python3 -m policemag_dev bench "$@"
