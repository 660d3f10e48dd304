#!/usr/bin/env bash
# Native benchmarks of the engine (crates/engine/benches/), then the same 300 KB texts through the CLI
# and through jsdiff's diffSentences (npm "diff"), each as a whole process, for the
# README's "compare in <= 0.3x jsdiff" promise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
texts="$ROOT/target/bench-texts"
mkdir -p "$texts"
BENCH_TEXTS_DIR="$texts" cargo bench "$@"
cargo build --release --quiet --bin report-compare
seconds() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }'; }
ours=$(seconds target/release/report-compare "$texts/300k-before.txt" "$texts/300k-after.txt" --format json)
if command -v node >/dev/null; then
  [ -d "$texts/node_modules/diff" ] || (cd "$texts" && npm install --silent --no-save diff@8 >/dev/null)
  cp crates/engine/benches/jsdiff.mjs "$texts/"
  theirs=$(seconds node "$texts/jsdiff.mjs" "$texts/300k-before.txt" "$texts/300k-after.txt")
  printf '300 KB pair, whole process: report-compare %.2f s, jsdiff diffSentences %.2f s (%.2fx)\n' \
    "$ours" "$theirs" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { print a / b }')"
else
  printf '300 KB pair, whole process: report-compare %.2f s (node not found: no jsdiff timing)\n' "$ours"
fi
