#!/usr/bin/env bash
# Runs the whole test suite. Installs libcmark-dev if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
python3 scripts/embed-theme.py --check || {
    echo "error: Sources/SitegenCore/Rendering/DefaultTheme.swift is out of date; run scripts/embed-theme.py" >&2
    exit 1
}
swift build --build-tests
swift test --skip-build "$@"
