#!/usr/bin/env bash
# Installs whatever `make serve|dist|test` needs and is missing. Idempotent, and quiet when
# everything is in place: every tool is checked by running it (`--version`), not by looking
# for a file, so a half-finished earlier install is redone.
#
#   scripts/setup.sh build   # wasm32 target, crates fetched, Trunk, wasm-bindgen, wasm-opt
#   scripts/setup.sh test    # build + rustfmt, clippy, Chromium + ChromeDriver, playwright-core,
#                            # python-docx and lxml (the tests open the Word and .qdc exports)
#
# Everything comes from crates.io, npm, PyPI or Debian's apt: nothing is downloaded from GitHub or a
# CDN (Trunk is offline, see Trunk.toml). Logs of installs go to .tools/logs/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

MODE=${1:-build}
case "$MODE" in build | test) ;; *) die "usage: scripts/setup.sh build|test" ;; esac

[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen in Cargo.lock (run cargo fetch?)"
[ -n "$BINARYEN_VERSION" ] || die "no binaryen version in tools/package.json"

# install_step WHAT LOGNAME HINT CMD...: runs an install quietly into .tools/logs/LOGNAME.log;
# on failure shows the log's tail and stops. HINT (e.g. "~8 min") may be empty.
install_step() {
  local what=$1 log="$LOG_DIR/$2.log" hint=$3 start=$SECONDS
  shift 3
  say "setup: installing $what${hint:+ ($hint, once)}…"
  if ! "$@" >"$log" 2>&1; then
    show_log "$log"
    die "installing $what failed (full log: $log)"
  fi
  say "setup: $what ready ($((SECONDS - start)) s)"
}

# ---- apt packages (Chromium for the tests; Node.js/npm if the machine lacks them) ----------
apt_install() {
  local why=$1
  shift
  if [ "$(id -u)" = 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    die "missing: $why, and this user cannot run apt-get. Install by hand, then re-run:
    sudo apt-get update && sudo apt-get install -y $*"
  fi
  # dpkg --configure -a finishes an interrupted earlier install.
  install_step "$* (apt)" apt "~1 min" bash -c "
    ${SUDO[*]} dpkg --configure -a &&
    ${SUDO[*]} apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive ${SUDO[*]} apt-get install -y -q --no-install-recommends $*"
}

ensure_node() {
  if [ -z "$(version_of node)" ] || [ -z "$(version_of npm)" ]; then
    apt_install "Node.js and npm" nodejs npm
  fi
}

ensure_chromium() {
  if [ -z "$(version_of "$CHROMIUM")" ] || [ -z "$(version_of "$CHROMEDRIVER")" ]; then
    apt_install "Chromium and ChromeDriver" chromium chromium-driver
  fi
  [ -n "$(version_of "$CHROMIUM")" ] || die "$CHROMIUM does not run"
  [ -n "$(version_of "$CHROMEDRIVER")" ] || die "$CHROMEDRIVER does not run"
}

# ---- Rust ----------------------------------------------------------------------------------
ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    command -v rustup >/dev/null || die "rustup not found: add the wasm32-unknown-unknown target by hand"
    install_step "the wasm32-unknown-unknown target" rustup-target "" rustup target add wasm32-unknown-unknown
  fi
}

ensure_components() {
  local c
  for c in rustfmt clippy; do
    if [ -z "$(version_of cargo "${c/rustfmt/fmt}")" ]; then
      install_step "$c" "rustup-$c" "" rustup component add "$c"
    fi
  done
}

# Trunk runs offline, which makes cargo offline too: every crate must be here already.
ensure_crates() {
  local log="$LOG_DIR/cargo-fetch.log"
  if ! cargo fetch --quiet >"$log" 2>&1; then
    show_log "$log"
    die "cargo fetch failed"
  fi
}

# `cargo install` builds in a temp dir and only then copies the binary, so an interrupted
# install leaves the old state; --force replaces a wrong or broken version.
ensure_trunk() {
  if [ "$(version_of trunk)" != "trunk $TRUNK_VERSION" ]; then
    install_step "Trunk $TRUNK_VERSION from crates.io" trunk "~8 min on 2 cores" \
      cargo install --locked --force trunk --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local v=$WASM_BINDGEN_VERSION
  if [ "$(version_of wasm-bindgen)" != "wasm-bindgen $v" ] ||
    [ "$(version_of wasm-bindgen-test-runner)" != "wasm-bindgen-test-runner $v" ]; then
    # No --locked: wasm-bindgen-cli's own lockfile pins a crate version the registry lacks.
    install_step "wasm-bindgen-cli $v from crates.io" wasm-bindgen "~3 min on 2 cores" \
      cargo install --force wasm-bindgen-cli --version "$v"
  fi
}

# ---- npm -----------------------------------------------------------------------------------
# `npm ci` deletes node_modules first, so it also repairs a half-finished install.
npm_ci() {
  local dir=$1 name=$2
  install_step "$name (npm ci in ${dir#"$ROOT"/})" "npm-$name" "" \
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
}

ensure_wasm_opt() {
  if ! version_of wasm-opt | grep -q "(version_$BINARYEN_VERSION)"; then
    npm_ci "$ROOT/tools" binaryen
  fi
  version_of wasm-opt | grep -q "(version_$BINARYEN_VERSION)" ||
    die "wasm-opt version_$BINARYEN_VERSION not found after npm ci in tools/"
}

ensure_playwright() {
  local dir="$ROOT/tests/e2e"
  # Installed version = locked version, and the module loads.
  if ! (cd "$dir" && node -e '
      const want = require("./package-lock.json").packages["node_modules/playwright-core"].version;
      const have = require("playwright-core/package.json").version;
      require("playwright-core");
      process.exit(want === have ? 0 : 1);' >/dev/null 2>&1); then
    npm_ci "$dir" playwright-core
  fi
}

# ---- Python (PyPI) ---------------------------------------------------------------------------
# tests/open-exports.py opens the Word briefing with python-docx and validates the .qdc
# codebook with lxml. Checked by importing them at the pinned versions.
PYTHON_DOCX_VERSION=1.2.0
LXML_VERSION=6.1.3
ensure_python_readers() {
  command -v python3 >/dev/null || die "python3 not found (the tests need it)"
  if ! python3 -c "
import sys, docx, lxml
from importlib.metadata import version
sys.exit(0 if (version('python-docx'), version('lxml')) == ('$PYTHON_DOCX_VERSION', '$LXML_VERSION') else 1)
" >/dev/null 2>&1; then
    local pip=(python3 -m pip install --quiet --disable-pip-version-check)
    # A Debian-managed Python refuses plain installs (PEP 668): then into the user's site.
    if python3 -c 'import sys, sysconfig, os; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
      pip+=(--user --break-system-packages)
    fi
    install_step "python-docx $PYTHON_DOCX_VERSION and lxml $LXML_VERSION (pip)" pip "" \
      "${pip[@]}" "python-docx==$PYTHON_DOCX_VERSION" "lxml==$LXML_VERSION"
  fi
}

# Sourced (e.g. to try one step by hand): define the steps, run none.
[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0

ensure_rust
ensure_node
ensure_crates
ensure_trunk
ensure_wasm_bindgen
ensure_wasm_opt
if [ "$MODE" = test ]; then
  ensure_components
  ensure_chromium
  ensure_playwright
  ensure_python_readers
fi
