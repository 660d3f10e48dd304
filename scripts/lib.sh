# Shared by scripts/*.sh (sourced, not run). Paths, pinned versions, small helpers.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CARGO_BIN=${CARGO_HOME:-$HOME/.cargo}/bin
# wasm-opt from npm first (apt's binaryen is too old), then cargo-installed tools.
export PATH="$ROOT/tools/node_modules/.bin:$CARGO_BIN:$PATH"

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than the machine's 1.95
# The one place the wasm-bindgen version is written is Cargo.lock; Trunk reads it there too.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
# binaryen's major version = wasm-opt's "version_N"; pinned in tools/package.json.
BINARYEN_VERSION=$(sed -n 's/.*"binaryen": *"\([0-9]*\)\..*/\1/p' "$ROOT/tools/package.json")
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CHROMIUM CHROMEDRIVER

LOG_DIR="$ROOT/.tools/logs"
mkdir -p "$LOG_DIR"

say() { printf '%s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# First line of `CMD --version`, or nothing when CMD is missing or broken.
version_of() { "$@" --version 2>/dev/null | head -n 1 || true; }

# Prints the last lines of a log, indented (to stdout, so it stays in order with the rest).
show_log() {
  printf -- '--- last lines of %s ---\n' "$1"
  tail -n "${2:-60}" "$1" | sed 's/^/  /'
}

# Human-readable size in KB.
kb() { echo "$(($1 / 1024)) KB"; }
