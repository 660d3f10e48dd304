#!/usr/bin/env bash
# One self-contained page: dist-single/report-compare.html (wasm and CSS inlined; opens from
# disk or as an e-mail attachment). Release build with Trunk, then scripts/single-file.mjs.
# Usage: scripts/single-file.sh [OUT_FILE]   (default dist-single/report-compare.html)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

OUT=${1:-dist-single/report-compare.html}
BUILD="$ROOT/target/single-dist"
"$ROOT/scripts/dist.sh" "$BUILD" >/dev/null
mkdir -p "$(dirname "$OUT")"
node "$ROOT/scripts/single-file.mjs" "$BUILD" "$OUT" >/dev/null
size=$(wc -c <"$OUT")
say "built $OUT ($(kb "$size"), $(kb "$(gzip -9c "$OUT" | wc -c)") gzip -9): open it from disk, no server needed"
