# idpreflight — `make test` installs what the suites need (when run as root
# on Debian) and runs every suite. `make help` lists the targets.

GO      ?= go
SHELL   := /bin/bash
EVAL    ?= ../shared/eval/dev/labels.json
# TEST_TIMEOUT bounds one package's tests: the preflight suite runs its
# checks on hundreds of synthetic photos, which takes minutes on a busy
# 2-core machine, more than go test's default of 10 minutes.
TEST_TIMEOUT ?= 30m
APT_PKGS := g++ binutils pkg-config libopencv-dev libjpeg62-turbo-dev opencv-data chromium imagemagick libjpeg-turbo-progs nodejs

.PHONY: help deps test test-pure test-gocv test-web test-e2e vet eval eval-detect eval-gocv bench bench-gocv build build-gocv gocv-bin wasm wasm-size test-wasm test-js bench-wasm fuzz fixtures bench-compress

help:
	@echo "make build     build bin/preflight (pure-Go engine; runs make wasm for serve)"
	@echo "make build-gocv  build bin/preflight-gocv (OpenCV engine, cgo, only the modules it calls linked)"
	@echo "make test      install missing packages, then run every suite"
	@echo "make eval      preflight eval on $(EVAL)"
	@echo "make bench     benchmarks of the library"
	@echo "make fuzz      each fuzz target for $(FUZZTIME) (decode, Check, JPEG facts, DCT coefficients)"
	@echo "make fixtures  regenerate testdata/ from internal/synth"
	@echo "make wasm      build the browser package (wasm + worker + JS/TS) into $(WASM_OUT)"
	@echo "make test-wasm the Go suites under GOOS=js GOARCH=wasm with node"
	@echo "make test-e2e  the capture page in headless Chromium (fake camera), after make wasm"
	@echo "make test-js   node --test on every web/test suite, after make wasm"
	@echo "make bench-wasm analyzeFrame vs OpenCV.js under node (installs its npm packages)"
	@echo "make bench-gocv  gocv vs pure-Go Check vs libjpeg-turbo decode, 12 MP"
	@echo "make bench-compress  preflight compress vs ImageMagick jpeg:extent"
	@echo "make eval-detect preflight eval --detect-only (detector and geometry codes only)"
	@echo "make eval-gocv   preflight eval with the gocv engine, agreement with pure-go"

# build and build-gocv build the browser package first, so that the
# binary's `serve` embeds the page's wasm engine (web/dist/).
build: wasm
	$(GO) build -o bin/preflight ./cmd/preflight

build-gocv: wasm gocv-bin

# gocv-bin links only the OpenCV modules the engine calls (GOCV_MODULES),
# not the ones gocv's package wraps too: linked against every module
# (pkg-config opencv4) the binary loads 264 shared libraries, highgui's
# GTK and videoio's ffmpeg/GStreamer among them, and the dynamic loader's
# symbol lookups cost 0.17-0.19 CPU-s at every start (perf: 72 % in
# ld.so's do_lookup_x), a quarter of `preflight compress` on a 12 MP
# photo. gocv's customenv tag takes the flags from the environment; gold
# with --gc-sections drops the wrappers nothing calls (bfd resolves their
# symbols before collecting them and fails on highgui's), and --as-needed
# keeps only the libraries the rest needs: 146, 0.07-0.10 CPU-s. imgcodecs
# (GDAL and GDCM: 118 of those) is not linked either: the engine calls
# libjpeg itself for JPEGs and loads imgcodecs on first use for the other
# formats (preflight/libjpeg_gocv.go, imgcodecs_lazy_gocv.go): 29
# libraries, start-up under 0.01 CPU-s. A live call into a module left
# out would fail the link, so a build that links works; the check below
# fails when a dropped module comes back.
GOCV_MODULES ?= objdetect imgproc core
GOCV_BIN     ?= bin/preflight-gocv
gocv-bin:
	CGO_ENABLED=1 CGO_CPPFLAGS="$$(pkg-config --cflags opencv4)" \
	  CGO_CFLAGS="-O2 -g -ffunction-sections" CGO_CXXFLAGS="-O2 -g -ffunction-sections" \
	  CGO_LDFLAGS="$(GOCV_MODULES:%=-lopencv_%)" \
	  $(GO) build -tags "gocv customenv" -ldflags '-extldflags "-fuse-ld=gold -Wl,--gc-sections -Wl,--as-needed"' -o $(GOCV_BIN) ./cmd/preflight
	@! readelf -d $(GOCV_BIN) | grep -E 'opencv_(highgui|videoio|dnn|video|calib3d|features2d|photo|imgcodecs)\.' || \
	  { echo "$(GOCV_BIN) links OpenCV modules the engine does not call" >&2; exit 1; }
	@$(GOCV_BIN) version | grep -q 'engine: gocv'

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
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) ./...

# test-gocv builds and tests the OpenCV engine (cgo; libopencv-dev and
# opencv-data come from deps): the packages that link the engine
# (preflight, cmd) under -tags gocv, which runs the conformance suite on
# both engines and the differential test; preflight runs once with
# matprofile too, so its TestMain fails on any Mat left open; then the
# engines under the race detector; last the binary as build-gocv links
# it, with only the modules the engine calls. internal/* has no gocv code, and
# test-pure already ran it.
test-gocv:
	@pkg-config --exists opencv4 || { echo "OpenCV 4 missing; run: sudo apt-get install -y libopencv-dev opencv-data" >&2; exit 1; }
	CGO_ENABLED=1 $(GO) vet -tags gocv ./...
	CGO_ENABLED=1 $(GO) test -count=1 -timeout $(TEST_TIMEOUT) -tags "gocv matprofile" ./preflight/...
	CGO_ENABLED=1 $(GO) test -count=1 -timeout $(TEST_TIMEOUT) -tags gocv ./cmd/...
	CGO_ENABLED=1 $(GO) test -count=1 -timeout $(TEST_TIMEOUT) -race -tags gocv -run 'Concurrent' ./preflight/
	$(MAKE) --no-print-directory gocv-bin

# test-web runs the capture page's pure modules (guidance, i18n, payload)
# under node's test runner; they need no wasm build.
test-web:
	node --test web/test/*.test.js

# test-e2e runs the capture page in headless Chromium (e2e/, build tag e2e)
# against the `preflight serve` binary with the engine embedded: a fake
# camera playing a synth .y4m must auto-capture both sides and POST a
# payload under 2 MB that passes the check, and the file input must show
# why a photo is rejected. Screenshots of every state go to $(E2E_OUT).
E2E_OUT ?= $(CURDIR)/.e2e
test-e2e: wasm
	@mkdir -p $(E2E_OUT)
	$(GO) vet -tags e2e ./e2e/
	$(GO) test -tags e2e -count=1 -v -timeout 25m -artifacts -outputdir $(E2E_OUT) ./e2e/

test: deps vet test-pure test-gocv test-wasm test-js test-e2e

eval:
	$(GO) run ./cmd/preflight eval --labels $(EVAL)

eval-detect:
	$(GO) run ./cmd/preflight eval --detect-only --labels $(EVAL)

eval-gocv:
	CGO_ENABLED=1 $(GO) run -tags gocv ./cmd/preflight eval --labels $(EVAL) --agree-with pure-go

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./preflight/...

# fuzz runs each fuzz target of the decoder in turn (Go fuzzes one
# target per run), then the cascade readers'; crashers land in the
# package's testdata/fuzz.
FUZZTIME ?= 60s
FUZZ_TARGETS := FuzzDecode FuzzCheck FuzzReadJPEGFacts FuzzDecodeCoefs FuzzQualityOnly
CASCADE_FUZZ_TARGETS := FuzzParse FuzzDecode
fuzz:
	@for f in $(FUZZ_TARGETS); do \
	  echo "== $$f"; $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) ./preflight || exit 1; \
	done
	@for f in $(CASCADE_FUZZ_TARGETS); do \
	  echo "== cascade $$f"; $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) ./internal/cascade || exit 1; \
	done

# fixtures rewrites testdata/scenes and testdata/inputs (see testdata/README.md).
fixtures:
	$(GO) generate ./preflight

# --- WebAssembly build and its JavaScript package (web/, wasm/) ---
WASM_OUT  ?= dist/web
GOROOT_   := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT_)/lib/wasm/go_js_wasm_exec

# wasm builds preflight.wasm (stripped: DWARF is useless in a browser) and
# copies wasm_exec.js from this Go's GOROOT plus every web/ file the
# package or page serves (not the Go embed glue, not the tests) into
# $(WASM_OUT); the two built files also go to web/dist/ for the embed
# of `preflight serve` (web/embed.go).
wasm:
	@mkdir -p $(WASM_OUT)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WASM_OUT)/preflight.wasm ./wasm
	cp "$(GOROOT_)/lib/wasm/wasm_exec.js" $(WASM_OUT)/
	@for f in web/*; do case "$$f" in *.go|*/test|*/node_modules|*/dist) ;; *) cp -r "$$f" $(WASM_OUT)/ ;; esac; done
	cp $(WASM_OUT)/preflight.wasm $(WASM_OUT)/wasm_exec.js web/dist/
	@$(MAKE) --no-print-directory wasm-size

wasm-size:
	@echo "preflight.wasm: $$(wc -c < $(WASM_OUT)/preflight.wasm) bytes, $$(gzip -9 -c $(WASM_OUT)/preflight.wasm | wc -c) gzipped (goal <= 1500000)"

# test-wasm runs the Go suites under js/wasm with node. The library's
# suites include 12–100 MP recompression properties, several times slower
# under wasm than natively, hence the long timeout.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -timeout 40m -exec="$(WASM_EXEC)" ./preflight/... ./internal/... ./wasm/...

# test-js runs every JS suite: the page's modules and the API tests
# (*.test.mjs) that load dist/web under node.
test-js: wasm
	node --test web/test/*.test.js web/test/*.test.mjs

bench-wasm: wasm
	bench/opencvjs/run.sh

bench-compress: deps
	bench/compress_vs_imagemagick.sh

bench-gocv:
	bench/gocv_vs_turbo.sh
