#!/usr/bin/env bash
# Batch throughput of `preflight check` on a generated set of mixed photos:
# images/s with --jobs 1 and --jobs 2 (same files, same run), peak RSS, and
# a kill/resume round that must lose nothing and redo nothing.
#
#   bench/batch.sh [N=500] [WORKDIR=/tmp/preflight-batch]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
work=${2:-/tmp/preflight-batch}
set_dir="$work/set-$n"
bin="$work/preflight"
mkdir -p "$work"
go build -o "$bin" ./cmd/preflight
if [ ! -d "$set_dir" ] || [ "$(ls "$set_dir" | wc -l)" -ne "$n" ]; then
  echo "generating $n photos in $set_dir"
  rm -rf "$set_dir"
  go run ./bench/genset -n "$n" -o "$set_dir"
fi
echo "set: $n photos, $(du -sh "$set_dir" | cut -f1)"

measure() { # jobs
  local out="$work/jobs$1.ndjson" tv="$work/time$1.txt"
  /usr/bin/time -v "$bin" check --format ndjson --progress never --jobs "$1" "$set_dir" >"$out" 2>"$tv" || true
  local secs rss cpu
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tv")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$tv")
  local lines; lines=$(wc -l <"$out")
  printf 'jobs=%s  %d records  %.1f s wall  %.2f images/s  %.1f s CPU (%.0f ms CPU/image)  peak RSS %.0f MiB  load %s\n' \
    "$1" "$lines" "$secs" "$(echo "$lines / $secs" | bc -l)" "$cpu" "$(echo "1000 * $cpu / $lines" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "$secs" >"$work/secs$1"
}
measure 1
measure 2
printf 'scaling jobs2/jobs1 throughput: %.2fx\n' "$(echo "$(cat "$work/secs1") / $(cat "$work/secs2")" | bc -l)"

# Kill after a few seconds, resume, and compare with the uninterrupted run.
res="$work/resume.ndjson"
rm -f "$res"
"$bin" check --format ndjson --progress never --jobs 2 --resume "$res" "$set_dir" 2>/dev/null &
pid=$!
sleep 8
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
before=$(wc -l <"$res")
"$bin" check --format ndjson --progress never --jobs 2 --resume "$res" "$set_dir" 2>"$work/resume.err" || true
redone=$(grep -o 'checked [0-9]*' "$work/resume.err" | head -1 | cut -d' ' -f2)
grep -o 'checked [0-9]*.*' "$work/resume.err" | head -1
total=$(wc -l <"$res")
unique=$(jq -r .file "$res" | sort -u | wc -l)
want=$(jq -r .file "$work/jobs2.ndjson" | sort -u | wc -l)
echo "resume: $before records before the kill, $total after resuming, $unique unique, $want expected"
[ "$total" -eq "$unique" ] && [ "$unique" -eq "$want" ] && [ "$redone" -eq $((want - before)) ] && echo "resume OK: nothing lost, nothing redone" || { echo "resume FAILED"; exit 1; }
