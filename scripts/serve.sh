#!/usr/bin/env bash
# Builds the app (release, as deployed) and serves it with Trunk, rebuilding on changes.
#   make serve            -> http://127.0.0.1:8080/
#   PORT=8081 make serve  -> another port
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PORT=${PORT:-8080}
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] ||
  die "PORT must be a number from 1 to 65535 (got '$PORT')"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_taken "$PORT"; then
  die "port $PORT is already in use; pick another one: PORT=$((PORT + 1)) make serve"
fi

"$ROOT/scripts/setup.sh" build

say "Serving report-compare at http://127.0.0.1:$PORT/ (first build takes a minute; Ctrl+C stops)"
exec trunk serve --release --address 127.0.0.1 --port "$PORT" --open false
