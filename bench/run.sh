#!/usr/bin/env bash
# Benchmarks of whole coltiva commands, as a user runs them (see BENCHMARKS.md).
#
#   bench/run.sh            # everything (about 10 minutes on 2 cores)
#   QUICK=1 bench/run.sh    # fewer runs, no 100k journal
#
# Needs hyperfine and hledger (installed with apt-get when missing) and GNU time.
# Data goes to target/bench/; results (markdown tables, JSON, peak memory) to target/bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/bench
RES=$OUT/results
rm -rf "$RES"
mkdir -p "$OUT" "$RES"
TODAY=2026-11-23
CDNOW=${CDNOW:-$ROOT/../shared/data/cdnow/CDNOW_master.txt}

need() {
  command -v "$1" >/dev/null 2>&1 || { apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }; }
}
need hyperfine hyperfine
need hledger hledger
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release --quiet
cargo build --release --quiet --example generate
BIN=$ROOT/target/release/coltiva
GEN=$ROOT/target/release/examples/generate
RUNS=${RUNS:-10}
[ -n "${QUICK:-}" ] && RUNS=3

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "coltiva: $(git rev-parse --short HEAD) ($($BIN --version))"
  echo "hyperfine: $(hyperfine --version), hledger: $(hledger --version | head -1)"
} | tee "$RES/machine.txt"

# --- data sets ------------------------------------------------------------------------
gen() { # NAME CUSTOMERS RECORDS_PER_CUSTOMER
  if [ ! -d "$OUT/$1" ]; then
    HLEDGER="$OUT/$1.journal" "$GEN" "$OUT/$1" "$2" "$3" 7
  fi
}
gen s10 10 20
gen s1k 1000 20
gen s10k 10000 20
[ -z "${QUICK:-}" ] && gen s100k 100000 20

rm -rf "$OUT/example" && cp -r examples/journal "$OUT/example"

# CDNOW: whitespace-separated `id yyyymmdd cds dollars` with CRLF; made CSV as in
# docs/IMPORT.md, then imported (the import is timed below as well).
IMPORT_ARGS="--type order --date-format %Y%m%d --map customer=customer_id --map at=date --map amount=dollar_value"
if [ -f "$CDNOW" ]; then
  sed 's/\r$//; s/^ *//; s/  */,/g' "$CDNOW" >"$OUT/cdnow.csv"
  # The same purchases for hledger: one transaction per order, one account per customer.
  awk 'NR > 1 { sub(/\r$/, ""); printf "%s-%s-%s cdnow %s\n    customers:%s    %s\n    revenue\n\n",
       substr($2,1,4), substr($2,5,2), substr($2,7,2), $1, $1, $4 }' "$CDNOW" >"$OUT/cdnow.journal"
  if [ ! -d "$OUT/cdnow" ]; then
    "$BIN" init "$OUT/cdnow" 2>/dev/null
    # shellcheck disable=SC2086
    "$BIN" --dir "$OUT/cdnow" import "$OUT/cdnow.csv" $IMPORT_ARGS 2>"$RES/cdnow-import.txt"
  fi
fi

DATASETS="example s10 s1k s10k"
[ -z "${QUICK:-}" ] && DATASETS="$DATASETS s100k"
[ -d "$OUT/cdnow" ] && DATASETS="$DATASETS cdnow"

records() { find "$1/customers" -name '*.toml' -exec cat {} + | grep -c '^\[\['; }

# --- reading commands --------------------------------------------------------------------
for d in $DATASETS; do
  J=$OUT/$d
  files=("$J"/customers/*.toml); first=$(basename "${files[0]}" .toml)
  echo "== $d: $(ls "$J/customers" | wc -l) customers, $(records "$J") records, $(du -sh "$J/customers" | cut -f1)" | tee -a "$RES/sizes.txt"
  runs=$RUNS; [ "$d" = s100k ] && runs=3
  args=(-N --warmup 1 --runs "$runs" --export-json "$RES/read-$d.json" --export-markdown "$RES/read-$d.md"
        -n "list --format json" "$BIN --dir $J --today $TODAY list --format json"
        -n "report" "$BIN --dir $J --today $TODAY report"
        -n "show" "$BIN --dir $J --today $TODAY show $first")
  if [ -f "$OUT/$d.journal" ]; then
    args+=(-n "hledger balance" "hledger -f $OUT/$d.journal balance")
  fi
  hyperfine "${args[@]}" >/dev/null
  for c in "list --format json" "report"; do
    /usr/bin/time -f "$d $c: peak RSS %M KB, %e s" "$BIN" --dir "$J" --today $TODAY $c 2>>"$RES/memory.txt" >/dev/null
  done
  if [ -f "$OUT/$d.journal" ]; then
    /usr/bin/time -f "$d hledger balance: peak RSS %M KB, %e s" hledger -f "$OUT/$d.journal" balance 2>>"$RES/memory.txt" >/dev/null
  fi
done

# --- record commands: on the smallest and the largest synthetic journal ------------------
for d in s10 $( [ -z "${QUICK:-}" ] && echo s100k || echo s10k ); do
  J=$OUT/$d
  files=("$J"/customers/*.toml); c=$(basename "${files[-1]}" .toml)
  pid=$OUT/promise-id
  hyperfine --warmup 3 --runs $((RUNS * 3)) --export-json "$RES/write-$d.json" --export-markdown "$RES/write-$d.md" \
    -n "log" "$BIN --dir $J log $c 'called about the order'" \
    -n "order" "$BIN --dir $J order $c 120.50" \
    -n "promise" "$BIN --dir $J promise $c 'send the quote' --due +7d" \
    --prepare "$BIN --dir $J promise $c 'send the quote' --due +7d > $pid" \
    -n "keep (bare id)" "$BIN --dir $J keep \$(cat $pid)" >/dev/null 2>&1 || true
done

# --- import ----------------------------------------------------------------------------
# Each run imports into a new, empty journal (reached through a link). Deleting the previous
# run's 23,570 files right before would measure ext4 instead of coltiva: for about 30 s after
# a mass delete its inode allocator skips "recently deleted" inodes, and creating the next
# 23,570 files took 13 s instead of 1.5 s (see BENCHMARKS.md).
if [ -f "$OUT/cdnow.csv" ]; then
  hyperfine --runs 5 --export-markdown "$RES/import.md" --export-json "$RES/import.json" \
    --prepare "d=\$(mktemp -d $OUT/cdnow-import.XXXXXX) && $BIN init \$d/j && ln -sfn \$d/j $OUT/cdnow-import && sync" \
    -n "import CDNOW (69,659 rows)" "$BIN --dir $OUT/cdnow-import import $OUT/cdnow.csv $IMPORT_ARGS" >/dev/null 2>&1
  rm -rf "$OUT"/cdnow-import*
fi

cat "$RES"/machine.txt "$RES"/sizes.txt
for f in "$RES"/read-*.md "$RES"/write-*.md "$RES"/import.md; do
  [ -f "$f" ] && { echo; echo "### $(basename "$f" .md)"; cat "$f"; }
done
echo; cat "$RES"/memory.txt
