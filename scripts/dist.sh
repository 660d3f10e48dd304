#!/usr/bin/env bash
# Release build of the web app with Trunk: static files only, relative URLs (works from
# any sub-path). Usage: scripts/dist.sh [OUT_DIR]   (default dist/)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

OUT=${1:-dist}
"$ROOT/scripts/setup.sh" build

log="$LOG_DIR/trunk-build.log"
if ! trunk build --release --dist "$OUT" >"$log" 2>&1; then
  show_log "$log" 80
  die "trunk build failed (full log: $log)"
fi
wasm=$(ls "$OUT"/*.wasm)
raw=$(wc -c <"$wasm")
gz=$(gzip -9c "$wasm" | wc -c)
say "built $OUT/ (wasm $(kb "$raw"), $(kb "$gz") gzip -9)"
