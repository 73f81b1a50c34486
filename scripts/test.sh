#!/usr/bin/env bash
# Runs the whole test suite. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The publishing workflow, checked before it ever runs on GitHub.
scripts/actionlint.sh
python3 scripts/embed-theme.py --check || {
    echo "error: Sources/SitegenCore/Rendering/DefaultTheme.swift is out of date; run scripts/embed-theme.py" >&2
    exit 1
}
# Formatting and lint rules (STYLE.md §6): 4 spaces, 100 columns, no force unwraps or tries.
swift format lint --strict --recursive Sources Tests Package.swift
swift build --build-tests
swift test --skip-build "$@"
