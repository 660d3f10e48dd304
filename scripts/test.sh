#!/usr/bin/env bash
# Every test layer, in order, with one summary line each:
#   fmt     cargo fmt --check
#   clippy  cargo clippy -D warnings: the workspace natively, the browser crates for wasm32;
#           and no web crate in the engine's dependency tree
#   native  cargo test (the workspace)
#   wasm    wasm-bindgen-test in headless Chromium: the page's own tests (crates/web) and
#           the engine in the browser (crates/worker/tests)
#   dist    trunk release build into target/e2e-dist
#   e2e     Playwright (playwright-core + Debian Chromium) against that build, served from
#           the sub-path /tools/report-compare/ (tests/e2e)
# All layers run even if one fails; the exit code is non-zero if any failed. Full output of
# each layer: .tools/logs/test-<layer>.log (shown on failure; VERBOSE=1 streams it).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh" test || exit 1

FAILED=()
TOTAL_PASSED=0
TOTAL_FAILED=0

# run LAYER CMD...: runs CMD with output to the layer's log; 0 if it succeeded.
run() {
  local layer=$1 log="$LOG_DIR/test-$1.log"
  shift
  if [ "${VERBOSE:-0}" = 1 ]; then
    "$@" 2>&1 | tee "$log"
    return "${PIPESTATUS[0]}"
  fi
  "$@" >"$log" 2>&1
}

# Sums cargo/libtest "test result:" lines of a log: prints "PASSED FAILED".
libtest_counts() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
       END { print p + 0, f + 0 }' "$1"
}

report() { # report LAYER STATUS [DETAIL]
  local layer=$1 status=$2 detail=${3:-}
  if [ "$status" = 0 ]; then
    say "PASS $layer${detail:+ ($detail)}"
  else
    show_log "$LOG_DIR/test-$layer.log" 80
    say "FAIL $layer${detail:+ ($detail)} — full log: .tools/logs/test-$layer.log"
    FAILED+=("$layer")
  fi
}

counted() { # counted LAYER STATUS PASSED FAILED
  TOTAL_PASSED=$((TOTAL_PASSED + $3))
  TOTAL_FAILED=$((TOTAL_FAILED + $4))
  local status=$2
  if [ "$status" = 0 ] && [ "$3" = 0 ]; then status=1; fi # a layer that ran no test fails
  report "$1" "$status" "$3 tests$([ "$4" = 0 ] || echo ", $4 failed")"
}

# 1. formatting
run fmt cargo fmt --all -- --check --color never
report fmt $?

# 2. lints: every crate natively, then each browser crate as wasm32 as it ships (its own
#    engine features), its tests too (--all-targets); and the engine's purity: no web crate
#    in its dependency tree on any target
clippy() {
  local rc=0 crate
  cargo clippy --workspace --all-targets -- -D warnings || rc=1
  for crate in web worker pdf word; do
    cargo clippy --target wasm32-unknown-unknown -p "$crate" --all-targets -- -D warnings || rc=1
  done
  # The page itself is crates/web without its `series` feature (the series bundle has it).
  cargo clippy --target wasm32-unknown-unknown -p web --no-default-features --bin report-compare-web -- -D warnings || rc=1
  # The engine names no web crate on any target, and none reaches it natively (on wasm32
  # zip's getrandom brings wasm-bindgen, which the engine can't name). The page's build
  # holds no reader or writer: those are the workers'.
  local web='^(yew|web-sys|js-sys|gloo[a-z-]*|wasm-bindgen[a-z-]*) '
  if { cargo tree -p engine -e normal,build --prefix none
    cargo tree -p engine --target all -e normal,build --prefix none --depth 1; } | grep -E "$web"; then
    echo "the engine crate depends on a web crate (above): web code belongs in crates/web, worker or word"
    rc=1
  fi
  if cargo tree -p web --target wasm32-unknown-unknown -e normal --prefix none |
    grep -E '^(lopdf|zip|quick-xml|docx-rs) '; then
    echo "the page's bundle carries a reader or writer (above): those belong in the worker crates"
    rc=1
  fi
  if cargo tree -p worker --target wasm32-unknown-unknown -e normal --prefix none | grep -E '^lopdf '; then
    echo "the reading worker carries the PDF reader (above): it belongs in crates/pdf"
    rc=1
  fi
  return $rc
}
run clippy clippy
report clippy $?

# 3. native tests
run native cargo test --workspace --no-fail-fast
status=$?
read -r p f < <(libtest_counts "$LOG_DIR/test-native.log")
counted native "$status" "$p" "$f"

# 4. wasm tests in headless Chromium (runner: .cargo/config.toml; browser flags: webdriver.json)
run wasm cargo test --no-fail-fast --target wasm32-unknown-unknown -p web -p worker -p word
status=$?
read -r p f < <(libtest_counts "$LOG_DIR/test-wasm.log")
counted wasm "$status" "$p" "$f"

# 5. release build, then end-to-end tests against it from a sub-path
E2E_DIST="$ROOT/target/e2e-dist"
run dist "$ROOT/scripts/dist.sh" "$E2E_DIST"
status=$?
report dist "$status" "$(tail -n 1 "$LOG_DIR/test-dist.log" | sed -n 's/^built .* (\(.*\))$/\1/p')"

if [ "$status" = 0 ]; then
  run e2e env DIST_DIR="$E2E_DIST" node --test --test-concurrency=1 --test-reporter=tap \
    "$ROOT"/tests/e2e/*.test.mjs
  status=$?
  p=$(awk '/^# pass / { print $3 }' "$LOG_DIR/test-e2e.log" | tail -n 1)
  f=$(awk '/^# fail / { print $3 }' "$LOG_DIR/test-e2e.log" | tail -n 1)
  counted e2e "$status" "${p:-0}" "${f:-0}"
else
  say "SKIP e2e (no build)"
  FAILED+=(e2e)
fi

say "total: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
if [ "${#FAILED[@]}" -gt 0 ]; then
  say "FAILED: ${FAILED[*]}"
  exit 1
fi
