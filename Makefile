# Thin wrapper over the CMake presets: the two commands a newcomer needs, and a few for developers.
PRESET ?= dev
BUILD_DIR := build/$(PRESET)
DEMO_OUT ?= $(BUILD_DIR)/demo

.PHONY: all bootstrap configure build demo test asan bench fuzz format clean

all: build

bootstrap:
	@bash scripts/bootstrap.sh

configure: bootstrap
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET)

demo: build
	$(BUILD_DIR)/bin/coachkit demo --output-dir $(DEMO_OUT)
	rm -f $(DEMO_OUT)/sample-school.db $(DEMO_OUT)/sample-school.db-wal $(DEMO_OUT)/sample-school.db-shm
	bash examples/sample-school/build-programme.sh $(BUILD_DIR)/bin/coachkit $(DEMO_OUT)/sample-school.db

test: build
	ctest --preset $(PRESET)

asan:
	$(MAKE) test PRESET=asan

bench:
	$(MAKE) build PRESET=release
	build/release/bin/coachkit_bench

# libFuzzer over every parser for a few seconds each (clang; tests/fuzz/README.md).
fuzz:
	@bash scripts/bootstrap.sh fuzz
	cmake --preset fuzz
	cmake --build --preset fuzz
	ctest --preset fuzz -R fuzz

format:
	git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
