#!/usr/bin/env bash
# Builds sitegen (release) and the default site into public/. Installs libcmark-dev if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product sitegen
.build/release/sitegen build "$@"
