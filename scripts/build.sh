#!/usr/bin/env bash
# Set up and build the magazine: site/ with the web edition, EPUBs and feeds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
policemag build
