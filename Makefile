# The logic lives in scripts/ (see the comment at the top of each); this file only names it.
#   make serve   build and serve the web app on http://127.0.0.1:8080 (PORT=8081 make serve)
#   make test    fmt, clippy, native tests, wasm tests in headless Chromium, e2e (Playwright)
#   make dist    release build into dist/ (static files; works from any sub-path)
#   make single-file  one self-contained dist-single/report-compare.html (opens from disk)
#   make bench   cargo bench
#   make setup   install everything the above need (they do it themselves when needed)

.PHONY: serve test dist single-file bench setup

serve:
	@bash scripts/serve.sh

test:
	@bash scripts/test.sh

dist:
	@bash scripts/dist.sh dist

single-file:
	@bash scripts/single-file.sh

bench:
	@bash scripts/bench.sh

setup:
	@bash scripts/setup.sh test
