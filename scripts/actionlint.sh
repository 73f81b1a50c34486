#!/usr/bin/env bash
# Lints the GitHub workflows with actionlint (installed from PyPI by scripts/setup.sh).
#
#   scripts/actionlint.sh [FILE...]   lint FILEs, or every workflow in .github/workflows
#   scripts/actionlint.sh --find      print where actionlint is, or exit 1
#
# pip puts actionlint in Python's scripts folder, which need not be on PATH (pyenv, --user).
set -euo pipefail
cd "$(dirname "$0")/.."
find_actionlint() {
    if command -v actionlint 2>/dev/null; then return 0; fi
    local folder
    for scheme in "" posix_user; do
        folder="$(python3 -c "import sys, sysconfig; print(sysconfig.get_path('scripts', *sys.argv[1:]))" $scheme 2>/dev/null)" || continue
        if [ -x "$folder/actionlint" ]; then echo "$folder/actionlint"; return 0; fi
    done
    return 1
}
if [ "${1:-}" = --find ]; then find_actionlint; exit; fi
if ! ACTIONLINT="$(find_actionlint)"; then
    echo "error: actionlint is not installed; run scripts/setup.sh" >&2
    exit 1
fi
if [ "$#" -eq 0 ]; then set -- .github/workflows/*.yml; fi
"$ACTIONLINT" "$@"
