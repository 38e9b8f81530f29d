#!/usr/bin/env bash
# Builds the sample site into a scratch folder and checks it for real.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/check-site
rm -rf "$out"
.build/debug/collective build --content content --templates templates --output "$out"
test -f "$out/index.html"
echo "check-site: ok"
