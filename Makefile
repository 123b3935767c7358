# Thin wrapper over the CMake presets: the two commands a newcomer needs, and a few for developers.
PRESET ?= dev
BUILD_DIR := build/$(PRESET)
DEMO_OUT ?= $(BUILD_DIR)/demo

.PHONY: all bootstrap configure build demo test asan bench format clean

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

format:
	git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
