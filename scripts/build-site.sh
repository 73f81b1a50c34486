#!/usr/bin/env bash
# Builds sitegen and sitegen-serve (release) and the default site into public/.
# Installs the C libraries it needs first (scripts/setup.sh --build); passes its arguments on
# to `sitegen build`. Both programs are then in .build/release/, so `sitegen serve` works too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --build
# A static Swift runtime starts in a third of the time, which a rebuild of a few files notices.
# Both programs: `sitegen serve` hands over to sitegen-serve, which must sit next to sitegen.
swift build -c release --static-swift-stdlib --product sitegen
swift build -c release --static-swift-stdlib --product sitegen-serve
.build/release/sitegen build "$@"
