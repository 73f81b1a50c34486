#!/usr/bin/env bash
# Builds sitegen and sitegen-serve in release mode and copies both to a folder on PATH, so that
# the README's examples that say `sitegen` work (`sitegen serve` runs the sitegen-serve beside it).
#
#   scripts/install.sh                     # into /usr/local/bin (sudo when that is not writable)
#   PREFIX=~/.local/bin scripts/install.sh # anywhere else
#
# SITEGEN_BUILT=DIR copies the two programs from DIR instead of building them (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${PREFIX:-/usr/local/bin}"
if [ -n "${SITEGEN_BUILT:-}" ]; then
    BUILT="$SITEGEN_BUILT"
else
    scripts/setup.sh --build
    swift build -c release --static-swift-stdlib --product sitegen
    swift build -c release --static-swift-stdlib --product sitegen-serve
    BUILT=.build/release
fi
SUDO=""
mkdir -p "$PREFIX" 2>/dev/null || SUDO="sudo"
if [ -z "$SUDO" ] && [ ! -w "$PREFIX" ]; then SUDO="sudo"; fi
$SUDO mkdir -p "$PREFIX"
for program in sitegen sitegen-serve; do
    $SUDO install -m 755 "$BUILT/$program" "$PREFIX/$program"
done
echo "installed sitegen and sitegen-serve in $PREFIX" >&2
case ":$PATH:" in
    *":$PREFIX:"*) ;;
    *) echo "note: $PREFIX is not on PATH; add it, or run $PREFIX/sitegen" >&2 ;;
esac
