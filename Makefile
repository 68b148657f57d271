# engage — Swift report engine for X/Twitter engagement data.
#
#   make setup       install what is missing: libxlsxwriter, minizip, cairo, pango, zlib, SQLite, the fonts
#                    text is drawn with (DejaVu, Noto CJK, Noto colour emoji, Noto for Thai, Devanagari,
#                    Arabic, Hebrew…), poppler, and the Python test oracles (openpyxl, scipy, statsmodels)
#   make build       release build of the engage binary (.build/release/engage)
#   make demo        setup + build, then `engage report` on samples/ into out/
#   make demo-api    setup + build, then the API path with no account: starts `engage sandbox`,
#                    `engage report --api` for October 2026 of @sandbox_brand into out/api/, stops it
#   make demo-watch  setup + build, then `engage watch --api` against a sandbox whose clock runs
#                    15 minutes a second: a planted post of @sandbox_live crosses its rules within
#                    seconds; the watch runs six times (a restart each) and alerts once per post and rule
#   make test        setup, then every test: unit, oracle (SciPy/openpyxl) and end-to-end
#   make samples     regenerate samples/ with the seeded generator in Benchmarks/
#   make bench       benchmark against the pandas peer (slow; never part of `make test`)
#   make bench-quick the benchmark at 10,000 posts only, friendly and heavy-tailed (about a minute)
#   make test-asan   the C-boundary tests (XLSX, Charts, report renderers) under AddressSanitizer
#                    with runtime exclusivity checks (own build folder, .build-asan)
#   make fuzz        libFuzzer + AddressSanitizer on the export, JSON and config readers,
#                    FUZZ_SECONDS each (default 60); crashes land in Fuzz/crashes/
#   make clean       remove build products and out/
#
# Quiet by default; `make V=1 ...` shows every command.

SWIFT      ?= swift
PYTHON     ?= python3
ENGAGE      = .build/release/engage
APT_PKGS    = libxlsxwriter-dev libminizip-dev libcairo2-dev libpango1.0-dev zlib1g-dev libsqlite3-dev \
              fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji fonts-noto-core poppler-utils pkg-config
PIP_PKGS    = openpyxl scipy statsmodels numpy
PEER_PKGS   = pandas xlsxwriter matplotlib
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

ifeq ($(V),1)
Q =
SWIFT_QUIET =
else
Q = @
SWIFT_QUIET = --quiet
endif

.PHONY: setup build demo demo-api demo-watch test test-asan samples bench bench-deps bench-quick fuzz clean

setup:
	$(Q)missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	$(Q)$(PYTHON) -c "import openpyxl, scipy, statsmodels, numpy" 2>/dev/null || \
	  { echo "setup: installing Python test oracles"; \
	    $(PYTHON) -m pip install -q $(PIP_PKGS) 2>/dev/null || $(PYTHON) -m pip install -q --break-system-packages $(PIP_PKGS); }

build: setup
	$(Q)$(SWIFT) build -c release --product engage $(SWIFT_QUIET)

demo: build
	$(Q)rm -rf out && mkdir -p out
	$(Q)$(ENGAGE) validate samples/*.csv || true
	$(Q)$(ENGAGE) report samples/tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv \
	    samples/content_northwind_roasters_20251001_20251123.csv \
	    samples/account_overview_northwind_roasters_20251001_20251123.csv \
	    --campaigns samples/campaigns.yaml --tz America/New_York --out out

# The sandbox picks a free port and prints it; its credentials are public, sandbox-only values.
demo-api: build
	$(Q)rm -rf out/api && mkdir -p out/api
	$(Q)$(ENGAGE) sandbox --port 0 2> out/api-sandbox.log & pid=$$!; \
	for i in $$(seq 50); do grep -q "listening on" out/api-sandbox.log 2>/dev/null && break; sleep 0.1; done; \
	base=$$(grep -o 'http://127.0.0.1:[0-9]*' out/api-sandbox.log | head -1); \
	X_CONSUMER_KEY=sandbox-consumer-key X_CONSUMER_SECRET=sandbox-consumer-secret \
	X_ACCESS_TOKEN=1000001-sandbox-access-token X_ACCESS_TOKEN_SECRET=sandbox-access-token-secret \
	$(ENGAGE) report --api --user sandbox_brand --period 2026-10-01..2026-10-31 --api-base $$base \
	    --state out/api-handles.json --tz Europe/Berlin --out out/api; status=$$?; \
	kill $$pid; rm -f out/api-sandbox.log out/api-handles.json; exit $$status

demo-watch: build
	$(Q)rm -rf out/watch && mkdir -p out/watch
	$(Q)$(ENGAGE) sandbox --port 0 --speed 900 2> out/watch/sandbox.log & pid=$$!; \
	for i in $$(seq 50); do grep -q "listening on" out/watch/sandbox.log 2>/dev/null && break; sleep 0.1; done; \
	base=$$(grep -o 'http://127.0.0.1:[0-9]*' out/watch/sandbox.log | head -1); status=0; \
	for run in 1 2 3 4 5 6; do \
	  echo "watch run $$run:"; \
	  X_CONSUMER_KEY=sandbox-consumer-key X_CONSUMER_SECRET=sandbox-consumer-secret \
	  X_ACCESS_TOKEN=1000001-sandbox-access-token X_ACCESS_TOKEN_SECRET=sandbox-access-token-secret \
	  $(ENGAGE) watch --store out/watch/live.sqlite --rules templates/watch-rules.yaml --api --user sandbox_live \
	      --api-base $$base --state out/watch/handles.json --once || status=$$?; \
	  sleep 2; \
	done; \
	kill $$pid; $(ENGAGE) store info --store out/watch/live.sqlite; exit $$status

test: setup
	$(Q)$(SWIFT) test $(SWIFT_QUIET)

# Leak reports are off: the only leaks found are one-time allocations inside fontconfig and Foundation.
test-asan: setup
	$(Q)ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test $(SWIFT_QUIET) --build-path .build-asan -Xswiftc -sanitize=address \
	    -Xswiftc -enforce-exclusivity=checked --filter 'XLSXTests|ChartsTests|EngageReportTests'

samples:
	$(Q)$(PYTHON) Benchmarks/gen_samples.py samples

# The peer (Benchmarks/peer_report.py) needs pandas, XlsxWriter and matplotlib; installed here when missing.
bench-deps:
	$(Q)$(PYTHON) -c "import pandas, xlsxwriter, matplotlib" 2>/dev/null || \
	  { echo "bench: installing the peer's pandas, XlsxWriter, matplotlib"; \
	    $(PYTHON) -m pip install -q $(PEER_PKGS) 2>/dev/null || $(PYTHON) -m pip install -q --break-system-packages $(PEER_PKGS); }

bench: build bench-deps
	$(Q)$(PYTHON) Benchmarks/bench.py

bench-quick: build bench-deps
	$(Q)$(PYTHON) Benchmarks/bench.py --quick

FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = FuzzExport FuzzJSON FuzzConfig
FUZZ_BIN      = Fuzz/.build/release

# Each target starts from the fixtures and samples (copied, so libFuzzer's additions stay out of git).
fuzz: setup
	$(Q)cd Fuzz && $(SWIFT) build -c release $(SWIFT_QUIET) -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	$(Q)mkdir -p Fuzz/corpus/FuzzExport Fuzz/corpus/FuzzJSON Fuzz/corpus/FuzzConfig Fuzz/crashes
	$(Q)find samples Tests/Fixtures -name '*.csv' -size -2M -exec cp {} Fuzz/corpus/FuzzExport/ \;
	$(Q)find Tests/Fixtures -name '*.json' -size -2M -exec cp {} Fuzz/corpus/FuzzJSON/ \;
	$(Q)find samples templates Tests/Fixtures -name '*.yaml' -size -2M -exec cp {} Fuzz/corpus/FuzzConfig/ \;
	$(Q)for t in $(FUZZ_TARGETS); do echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BIN)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
	    -artifact_prefix=Fuzz/crashes/$$t- -print_final_stats=1 Fuzz/corpus/$$t 2>&1 | \
	    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' ; done

clean:
	$(Q)rm -rf .build .build-asan out Fuzz/.build Fuzz/corpus
