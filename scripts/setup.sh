#!/usr/bin/env bash
# Installs what sitegen needs to build on a fresh Debian machine: libcmark-dev, libyaml-dev,
# libjemalloc-dev (sitegen's allocator), and libcurl4-openssl-dev, which the preview server
# (sitegen-serve, which links Foundation's networking) needs when built with --static-swift-stdlib
# as release builds are. Safe to run again; it does nothing when all four are already there.
set -euo pipefail
if ! pkg-config --exists libcmark yaml-0.1 libcurl jemalloc 2>/dev/null; then
    echo "setup: installing libcmark-dev libyaml-dev libcurl4-openssl-dev libjemalloc-dev" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libcmark-dev libyaml-dev libcurl4-openssl-dev libjemalloc-dev pkg-config >&2
fi
