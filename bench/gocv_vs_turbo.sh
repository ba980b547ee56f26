#!/usr/bin/env bash
# gocv_vs_turbo.sh — in one run, on one 12 MP JPEG: the time libjpeg-turbo
# alone needs to decode it (tjbench, and djpeg as a cross-check), a full
# preflight Check with the gocv engine, and with the pure-Go engine.
# Goal: gocv Check <= 1.3 x the libjpeg-turbo decode.
#
#   bench/gocv_vs_turbo.sh [photo.jpg]      (default: a synthetic 12 MP photo)
#
# Needs libjpeg-turbo-progs and libopencv-dev (make deps installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
GO=${GO:-go}
RUNS=${RUNS:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

photo=${1:-}
if [ -z "$photo" ]; then
  photo=$tmp/12mp.jpg
  $GO run ./bench/mkphoto -w 4000 -h 3000 -q 92 -o "$photo"
fi
for tool in tjbench djpeg; do
  command -v $tool >/dev/null || { echo "$tool missing; run: sudo apt-get install -y libjpeg-turbo-progs" >&2; exit 1; }
done
size=$(stat -c %s "$photo")
echo "photo: $photo ($size bytes, $(identify -format '%wx%h' "$photo" 2>/dev/null || echo '?'))"

# libjpeg-turbo alone: tjbench's decompression rate (Megapixels/s) on the
# whole file, into a packed BGR buffer as OpenCV asks for it.
mp=$(tjbench "$photo" -benchtime 3 -warmup 1 2>/dev/null | awk '/Decompress/ {getline; print $2}' | tail -1)
if [ -z "$mp" ]; then
  mp=$(tjbench "$photo" -quiet -benchtime 3 -warmup 1 2>/dev/null | awk 'NF>=8 && $1 ~ /BGR|RGB/ {v=$NF} END {print v}')
fi
pixels=$(identify -format '%[fx:w*h]' "$photo")
turbo_ms=$(awk -v p="$pixels" -v r="$mp" 'BEGIN {printf "%.1f", p / (r * 1e6) * 1000}')

# djpeg: best wall time of $RUNS decodes to /dev/null (process start
# included, so it is an upper bound).
best=999999
for _ in $(seq "$RUNS"); do
  s=$(date +%s%N); djpeg -outfile /dev/null "$photo"; e=$(date +%s%N)
  t=$(( (e - s) / 1000 )); [ $t -lt $best ] && best=$t
done
djpeg_ms=$(awk -v u="$best" 'BEGIN {printf "%.1f", u / 1000}')

# preflight Check per engine, same file, same run (go test benchmarks).
out=$(IDPREFLIGHT_BENCH_JPEG=$photo CGO_ENABLED=1 $GO test -tags gocv -run '^$' \
  -bench 'Engine(Check12MP|Check12MPFace|Decode12MP)$' -benchtime "${RUNS}x" -count 1 ./preflight/)
echo "$out" | grep Benchmark
ns() { echo "$out" | awk -v n="$1" '$1 ~ n {print $3}' | head -1; }
gocv_ms=$(awk -v n="$(ns 'EngineCheck12MP/gocv')" 'BEGIN {printf "%.1f", n / 1e6}')
pure_ms=$(awk -v n="$(ns 'EngineCheck12MP/pure-go')" 'BEGIN {printf "%.1f", n / 1e6}')
gdec_ms=$(awk -v n="$(ns 'EngineDecode12MP/gocv')" 'BEGIN {printf "%.1f", n / 1e6}')
# metric NAME UNIT: a custom metric (value before its unit) of a benchmark line.
metric() { echo "$out" | awk -v n="$1" -v u="$2" '$1 ~ n {for (i = 4; i <= NF; i++) if ($i == u) print $(i-1)}' | head -1; }
gocv_cpu=$(metric 'EngineCheck12MP/gocv' cpu-ms)
pure_cpu=$(metric 'EngineCheck12MP/pure-go' cpu-ms)
# The same 12 MP scene with a face in the card's portrait (rendered by the
# benchmark itself): no whole-photo face search.
gocvf_ms=$(awk -v n="$(ns 'EngineCheck12MPFace/gocv')" 'BEGIN {printf "%.1f", n / 1e6}')
puref_ms=$(awk -v n="$(ns 'EngineCheck12MPFace/pure-go')" 'BEGIN {printf "%.1f", n / 1e6}')
gocvf_cpu=$(metric 'EngineCheck12MPFace/gocv' cpu-ms)
puref_cpu=$(metric 'EngineCheck12MPFace/pure-go' cpu-ms)

printf '\n%-40s %10s\n' "12 MP JPEG" "ms"
printf '%-40s %10s\n' "libjpeg-turbo decode (tjbench)" "$turbo_ms"
printf '%-40s %10s\n' "libjpeg-turbo decode (djpeg, best of $RUNS)" "$djpeg_ms"
printf '%-40s %10s\n' "gocv decode stage" "$gdec_ms"
printf '%-40s %10s %10s\n' "gocv full Check (wall, CPU)" "$gocv_ms" "${gocv_cpu:-?}"
printf '%-40s %10s %10s\n' "pure-go full Check (wall, CPU)" "$pure_ms" "${pure_cpu:-?}"
printf '%-40s %10s %10s\n' "gocv Check, card with a face" "$gocvf_ms" "${gocvf_cpu:-?}"
printf '%-40s %10s %10s\n' "pure-go Check, card with a face" "$puref_ms" "${puref_cpu:-?}"
awk -v g="$gocv_ms" -v t="$turbo_ms" -v p="$pure_ms" -v c="${gocv_cpu:-0}" 'BEGIN {
  printf "\ngocv Check / turbo decode = %.2f (goal <= 1.30); in CPU time %.2f\npure-go Check / gocv Check = %.2f\n", g / t, c / t, p / g }'
awk -v g="$gocvf_ms" -v t="$turbo_ms" 'BEGIN { printf "card with a face: gocv Check / turbo decode = %.2f\n", g / t }'

# Where the gocv Check's time goes: the mean of each timings_ms stage.
echo; echo "gocv Check by stage (timings_ms, mean ms):"
echo "$out" | awk '$1 ~ /EngineCheck12MP\/gocv/ {for (i = 5; i <= NF; i++) if ($i ~ /-ms$/ && $i != "cpu-ms" && $i != "total-ms") printf "  %-16s %10.1f\n", substr($i, 1, length($i) - 3), $(i-1)}' | sort -k2 -n -r
