#!/usr/bin/env bash
# run.sh — installs the comparison's npm packages, prepares 640×480 RGBA
# frames and runs bench.mjs. Frames come from FRAMES=DIR of photos (each
# resized and centre-cropped to 640×480 by ImageMagick; e.g. the shared
# dev set's images/, read only) or, by default, from the synthetic fake
# camera clip (internal/synth). Run from anywhere: make bench-wasm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi
[ -f "$root/dist/web/preflight.wasm" ] || make -C "$root" wasm
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -n "${FRAMES:-}" ]; then
  n=0
  for f in "$FRAMES"/*.jpg; do
    convert "$f" -auto-orient -resize '640x480^' -gravity center -extent 640x480 -depth 8 "rgba:$tmp/$(basename "$f" .jpg).rgba"
    n=$((n + 1)); [ "$n" -ge "${NFRAMES:-24}" ] && break
  done
else
  (cd "$root" && go run ./bench/opencvjs/synthframes -o "$tmp" -n "${NFRAMES:-60}")
fi
node bench.mjs "$tmp" --reps "${REPS:-5}"
