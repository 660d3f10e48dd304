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
# Strict CSP: hashes of Trunk's inline bootstrap instead of 'unsafe-inline'.
node "$ROOT/scripts/csp.mjs" "$OUT/index.html" >>"$log" || die "CSP step failed (log: $log)"
# Five wasm files: the page's, the series bundle's (the whole app, loaded only when a
# series is opened), the reading worker's, the PDF reader's (loaded only for a PDF) and the
# Word writer's (loaded only when a Word briefing is asked for).
sizes() { # sizes FILE: "RAW, GZ gzip -9"
  echo "$(kb "$(wc -c <"$1")"), $(kb "$(gzip -9c "$1" | wc -c)") gzip -9"
}
# One glob for both names Trunk uses (with and without a content hash): a glob that
# matches nothing would make ls fail, and pipefail would stop the script here.
page=$(ls "$OUT"/report-compare-web*_bg.wasm | head -n 1)
series="$OUT/report-compare-series_bg.wasm"
worker="$OUT/report-compare-worker_bg.wasm"
word="$OUT/report-compare-word_bg.wasm"
pdf="$OUT/report-compare-pdf_bg.wasm"
say "built $OUT/ (page wasm $(sizes "$page"); series view wasm $(sizes "$series"); worker wasm $(sizes "$worker"); PDF reader wasm $(sizes "$pdf"); Word writer wasm $(sizes "$word"))"
