#!/usr/bin/env bash
# Native benchmarks of the engine (benches/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
exec cargo bench "$@"
