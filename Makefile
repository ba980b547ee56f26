# idpreflight — `make test` installs what the suites need (when run as root
# on Debian) and runs every suite. `make help` lists the targets.

GO      ?= go
SHELL   := /bin/bash
EVAL    ?= ../shared/eval/dev/labels.json
APT_PKGS := libopencv-dev opencv-data chromium imagemagick libjpeg-turbo-progs nodejs

.PHONY: help deps test test-pure test-web vet eval bench build

help:
	@echo "make build     build bin/preflight (pure-Go engine)"
	@echo "make test      install missing packages, then run every suite"
	@echo "make eval      preflight eval on $(EVAL)"
	@echo "make bench     benchmarks of the library"

build:
	$(GO) build -o bin/preflight ./cmd/preflight

# deps installs the Debian packages the suites need when any is missing.
# As root it runs apt-get; otherwise it prints the command to run.
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else echo "missing packages; run: sudo apt-get install -y$$missing" >&2; exit 1; fi; \
	fi

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

test-pure:
	$(GO) test -count=1 ./...

# test-web runs the capture page's pure modules (guidance, i18n, payload)
# under node's test runner.
test-web:
	node --test web/test/

test: deps vet test-pure test-web

eval:
	$(GO) run ./cmd/preflight eval --labels $(EVAL)

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./preflight/...
