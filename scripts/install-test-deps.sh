#!/usr/bin/env bash
# Installs what `make test` needs beyond Swift and cmark, only when missing.
set -euo pipefail
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
echo "test dependencies: ready"
