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
# The tests make their sites in the temporary folder: a fresh one of their own, removed when
# they end (pass or fail), so runs never pile up folders in /tmp.
TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/sitegen-tests.XXXXXX")"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
swift test --skip-build "$@"
# Search as a reader uses it: headless Chromium on a fixture site (Tests/browser/).
python3 Tests/browser/test_search.py --sitegen "$(swift build --show-bin-path)/sitegen"
