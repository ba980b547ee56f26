#!/usr/bin/env bash
# Recompression under the 2 MB limit, side by side in one run on the same
# files: preflight compress (pure-Go build, and the gocv build when OpenCV
# is installed; each with and without the DCT path) against ImageMagick's
# `convert -define jpeg:extent=N`.
# Prints wall time (and ours / ImageMagick's), encodes used, output bytes,
# quality, width, and PSNR/SSIM of each output against the original.
#
#   bench/compress_vs_imagemagick.sh            # generated 12-48 MP photos
#   bench/compress_vs_imagemagick.sh -big       # plus a 100 MP photo
#   bench/compress_vs_imagemagick.sh a.jpg b.jpg
set -euo pipefail
cd "$(dirname "$0")/.."
command -v convert >/dev/null || { echo "needs ImageMagick (apt-get install imagemagick; make deps)" >&2; exit 1; }
mkdir -p bin
go build -o bin/preflight-pure ./cmd/preflight
# Each build twice: its default (JPEGs requantised in the DCT domain) and
# the pixel path (decode, encode with the build's encoder) for comparison.
tools=(-tool pure=bin/preflight-pure -tool pure-px=bin/preflight-pure,--transcode=false)
if pkg-config --exists opencv4 2>/dev/null; then
  make --no-print-directory gocv-bin # only the OpenCV modules it calls: see the Makefile
  tools+=(-tool gocv=bin/preflight-gocv -tool gocv-px=bin/preflight-gocv,--transcode=false)
fi
go run ./bench/compress "${tools[@]}" "$@"
