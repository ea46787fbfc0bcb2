#!/usr/bin/env bash
# CLI batch throughput: target/release/case-note-check over target/bench/batch.jsonl,
# on one process, then with P = 2..nproc processes in parallel over the batch split
# into P files (xargs -P). The CLI is single-threaded, so this is how it uses cores.
# Median of RUNS (5) wall-clock runs each. Writes target/bench/cli.json.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CASE_NOTE_CHECK:-target/release/case-note-check}
OUT=target/bench
BATCH=$OUT/batch.jsonl
RUNS=${RUNS:-5}
CORES=$(nproc)
[ -x "$BIN" ] || { echo "cli.sh: $BIN is missing (cargo build --release --bin case-note-check)" >&2; exit 1; }
[ -f "$BATCH" ] || { echo "cli.sh: $BATCH is missing (node bench-peers/make-batch.mjs)" >&2; exit 1; }
bytes=$(stat -c %s "$BATCH")
lines=$(wc -l < "$BATCH")

# Correctness once: one report a line, no error lines, exit status 0.
status=0
"$BIN" "$BATCH" > "$OUT/batch.out.jsonl" || status=$?
out_lines=$(wc -l < "$OUT/batch.out.jsonl")
errors=$(grep -c '^{"error"' "$OUT/batch.out.jsonl" || true)
[ "$status" = 0 ] || { echo "cli.sh: the CLI exited with $status" >&2; exit 1; }
[ "$out_lines" = "$lines" ] || { echo "cli.sh: $lines notes in, $out_lines lines out" >&2; exit 1; }
[ "$errors" = 0 ] || { echo "cli.sh: $errors notes failed" >&2; exit 1; }
rm -f "$OUT/batch.out.jsonl"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

results=()
for procs in $(seq 1 "$CORES"); do
  rm -rf "$OUT/split" && mkdir -p "$OUT/split"
  if [ "$procs" = 1 ]; then
    ln -s ../batch.jsonl "$OUT/split/part-0.jsonl"
  else
    split -n "l/$procs" -d -a 2 --additional-suffix=.jsonl "$BATCH" "$OUT/split/part-"
  fi
  times=()
  for _ in $(seq 1 "$RUNS"); do
    t0=$(now)
    ls "$OUT"/split/part-*.jsonl | xargs -P "$procs" -I{} sh -c '"$0" "$1" > /dev/null' "$BIN" {}
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
  done
  med=$(printf '%s\n' "${times[@]}" | median)
  mbs=$(awk -v b="$bytes" -v s="$med" 'BEGIN { printf "%.3f", b / 1e6 / s }')
  printf '[cli] %d process(es): %.3f s median of %d, %.1f MB/s\n' "$procs" "$med" "$RUNS" "$mbs" >&2
  results+=("{\"processes\":$procs,\"seconds\":$med,\"runs\":[$(IFS=,; echo "${times[*]}")],\"mb_per_s\":$(printf '%.3f' "$mbs")}")
done
rm -rf "$OUT/split"
printf '{"binary":"%s","batch":"%s","bytes":%d,"notes":%d,"cores":%d,"results":[%s]}\n' \
  "$BIN" "$BATCH" "$bytes" "$lines" "$CORES" "$(IFS=,; echo "${results[*]}")" > "$OUT/cli.json"
echo "[cli] wrote $OUT/cli.json" >&2
