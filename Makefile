# Collective — set-up and checks. `make site` builds the sample site; `make test` runs every test and check.
# Each target installs what it needs on a fresh Debian machine (apt-get through sudo when not root).

SHELL        := /bin/bash
SWIFT        ?= swift
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL  := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
VENV         := .build/venv
BIN          := .build/debug/collective

PREFIX       ?= /usr/local

.PHONY: site install test deps test-deps build swift-test check-site release-check bench fuzz clean

## make site: install what is missing, build, write the sample site to _site/
site: deps build
	$(BIN) build --content content --templates templates --output _site
	@echo "Open _site/index.html in a browser."

## make install: a release build of `collective` into $(PREFIX)/bin (PREFIX=$$HOME/.local installs without root)
install: deps
	$(SWIFT) build -c release --product collective
	@bin="$(DESTDIR)$(PREFIX)/bin"; sudo=""; \
	  if [ "$$(id -u)" != 0 ] && ! { mkdir -p "$$bin" 2>/dev/null && [ -w "$$bin" ]; }; then sudo=sudo; fi; \
	  $$sudo install -d "$$bin" && $$sudo install -m 755 .build/release/collective "$$bin/collective"
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/collective. Next: collective new site our-reports"

## make test: install what the tests need, run the unit tests, build the sample site and check it for real
test: deps test-deps build swift-test check-site

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark zlib \
	    || [ -z "$$(ls /usr/lib/*/libmimalloc.so /usr/lib/libmimalloc.so 2>/dev/null)" ]; then \
	  echo "Installing libcmark-dev (the cmark C library), zlib1g-dev (for data.xlsx) and libmimalloc-dev (the allocator) through apt-get…"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) libcmark-dev zlib1g-dev libmimalloc-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build

## make release-check: the optimised build (what `make install` installs) writes the sample site byte for byte as
## the debug build does. Catches faults only the optimiser shows: a release build once crashed on the sample.
release-check: deps build
	$(SWIFT) build -c release --product collective
	rm -rf .build/release-check
	$(BIN) build --content content --templates templates --output .build/release-check/debug > /dev/null
	.build/release/collective build --content content --templates templates --output .build/release-check/release > /dev/null
	diff -r .build/release-check/debug .build/release-check/release
	@echo "release-check: the release build writes the same $$(find .build/release-check/release -type f | wc -l) files as the debug build."

## make bench: the speed benchmark of docs/performance.md (release build, synthetic sites, cmark and Hugo)
bench: deps
	scripts/bench.sh

swift-test: deps
	$(SWIFT) test 2>&1 | tee .build/swift-test.log | grep -E "error|failed|passed|✘|Executed" ; \
	  exit $${PIPESTATUS[0]}
	.build/debug/CollectiveFuzz Fuzz/corpus

## make fuzz: ten minutes of libFuzzer over the CSV reader, front matter and Markdown (docs/fuzzing.md)
fuzz: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product CollectiveFuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	rm -rf .build/fuzz-corpus && cp -r Fuzz/corpus .build/fuzz-corpus
	.build-fuzz/release/CollectiveFuzz .build/fuzz-corpus -max_len=4096 -max_total_time=600

check-site: build
	scripts/check-site.sh

test-deps:
	@scripts/install-test-deps.sh

clean:
	rm -rf .build _site .collective-cache
