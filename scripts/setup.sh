#!/usr/bin/env bash
# Installs what sitegen needs to build on a fresh Debian machine: libcmark-dev, libyaml-dev and
# libjemalloc-dev (sitegen's allocator). Safe to run again; it does nothing when all three are
# already there.
set -euo pipefail
if ! pkg-config --exists libcmark yaml-0.1 jemalloc 2>/dev/null; then
    echo "setup: installing libcmark-dev libyaml-dev libjemalloc-dev" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libcmark-dev libyaml-dev libjemalloc-dev pkg-config >&2
fi
