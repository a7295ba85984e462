# Entry points for people and CI. Each target installs what is missing, configures and builds.
# On a system without make, ./quorum-dev demo|test installs make first, then runs these.
#   make demo   build the quorum binary, then write the report of our sample archive (data/sample) into site/
#   make test   build (release and ASan+UBSan) and run every test
#   make bench  build, then print throughput and memory figures next to GMime, CPython and grep
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?=
CMAKE_FLAGS ?=

.PHONY: all deps test-deps configure build build-quorum build-asan build-fuzz test test-release test-asan test-fuzz fuzz demo bench clean format

all: build

deps:
	@tools/install-deps.sh build

test-deps:
	@tools/install-deps.sh test

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Only the binary, not the tests: what demo runs.
build-quorum: configure
	@cmake --build $(BUILD) -j $(JOBS) --target quorum

build-asan: test-deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DQUORUM_SANITIZE=ON -DQUORUM_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

# QUORUM_REQUIRE_BROWSER: the headless-Chromium XSS check fails instead of skipping when
# chromium is missing (test-deps installs it; a plain ctest skips it).
test-release: test-deps build
	cd $(BUILD) && QUORUM_REQUIRE_BROWSER=1 ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && QUORUM_REQUIRE_BROWSER=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

build-fuzz: test-deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DQUORUM_FUZZ=ON -DQUORUM_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)

# Each fuzz target briefly, so regressions show in CI; `make fuzz` runs them for FUZZ_SECONDS.
test-fuzz: build-fuzz
	tools/fuzz.sh $(FUZZ_BUILD) 20

fuzz: build-fuzz
	tools/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

test: test-release test-asan test-fuzz

# The full report of our sample archive; open site/index.html in a browser.
demo: build-quorum
	@rm -rf site
	./$(BUILD)/cli/quorum report data/sample --roster data/sample/roster.json --out site
	@echo "open site/index.html"

bench: build
	@tools/install-deps.sh bench
	@bench/run.sh $(BUILD)

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) site
