# Makefile: the README commands; the build itself is meson + ninja
DB ?= var/zhurnal.db
LISTEN ?= 127.0.0.1:8080
DEMO_PASSWORD ?= demo-Parol-2026

.PHONY: all deps build run test bench clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@[ -f build/build.ninja ] || meson setup build
	@ninja -C build

run: build
	@if [ ! -f $(DB) ]; then \
		./build/zhurnal demo --db $(DB) --password '$(DEMO_PASSWORD)' --seed 1 && \
		echo "Демо-школа создана: вход admin / $(DEMO_PASSWORD) (все демо-учётные записи с этим паролем)"; \
	fi
	./build/zhurnal serve --db $(DB) --listen $(LISTEN) --web web

test:
	@bash scripts/test.sh

bench: build
	@bash bench/run.sh
	@bash bench/journal.sh
	@bash bench/diary.sh

clean:
	rm -rf build build-asan build-logs
