# Two commands for a new machine: `make demo` and `make test`.
# Every target installs what it needs and is missing, from crates.io, npm and
# Debian's packages only.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

WASM_TARGET := wasm32-unknown-unknown
# The wasm-bindgen CLI must match the library exactly; Cargo.toml pins it.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
PORT ?= 8080
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)

PKG := www/pkg
WASM_OUT := target/$(WASM_TARGET)/release/case_note_checker.wasm

.PHONY: help demo test build wasm cli native-test wasm-test e2e-test size rules-md \
        deps deps-rust deps-browser deps-node clean

help:
	@echo "make demo   build everything and serve the page on http://127.0.0.1:$(PORT)"
	@echo "make test   run every test: native, wasm in headless Chromium, browser end-to-end"

## --- set-up -----------------------------------------------------------------

deps: deps-rust deps-browser deps-node

deps-rust:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

deps-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "installing Debian's chromium and chromium-driver"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium chromium-driver fonts-noto-color-emoji; \
	fi

deps-node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## --- build ------------------------------------------------------------------

build: wasm cli

cli:
	cargo build --release --bin case-note-check

wasm: deps-rust deps-node
	cargo build --release --lib --target $(WASM_TARGET)
	wasm-bindgen --target web --out-dir $(PKG) $(WASM_OUT)
	wasm-opt -Oz --strip-debug --strip-producers $(PKG)/case_note_checker_bg.wasm -o $(PKG)/case_note_checker_bg.wasm
	@mkdir -p www/policies && cp policies/*.json www/policies/
	@$(MAKE) --no-print-directory size

size:
	@raw=$$(stat -c %s $(PKG)/case_note_checker_bg.wasm); gz=$$(gzip -9 -c $(PKG)/case_note_checker_bg.wasm | wc -c); \
	  echo "wasm: $$raw bytes raw, $$gz bytes gzipped"

demo: wasm
	@echo "serving the checker on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	node scripts/serve.mjs --port $(PORT) --root www

## --- tests ------------------------------------------------------------------

test: deps native-test wasm-test e2e-test
	@echo "make test: all suites passed"

native-test:
	cargo test --all-targets
	cargo test --doc

wasm-test: deps-rust deps-browser
	CHROMEDRIVER=$$(command -v chromedriver) \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	WASM_BINDGEN_TEST_TIMEOUT=120 \
	cargo test --target $(WASM_TARGET) --test wasm

e2e-test: wasm deps-browser deps-node
	cargo build --bin case-note-check
	node --test tests/e2e/

clean:
	cargo clean
	rm -rf $(PKG) node_modules test-results
