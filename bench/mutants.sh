#!/usr/bin/env bash
# Mutation testing of the modules that hold coltiva's rules (see docs/TESTING.md).
#
#   bench/mutants.sh                  # every rule module (hours on 2 cores: not for CI)
#   bench/mutants.sh ids dates        # only these modules (after changing them)
#   JOBS=1 TIMEOUT=600 bench/mutants.sh ids
#
# cargo-mutants changes one line of the code at a time (a `<` into `<=`, a function body into
# `Default::default()`, ...) and runs the test suite on each change: a mutant the suite does
# not notice ("missed") is a rule no test checks. The result, per module, replaces the rows of
# those modules in the table of docs/TESTING.md (between the `mutants:` markers), with the
# date, machine, commit and command of the run; the missed mutants are listed under it.
#
# Installs cargo-mutants (cargo install --locked) when it is missing.
# Environment: JOBS (parallel mutants, default 2: each one builds and tests a copy of the tree),
# TIMEOUT (seconds per mutant's tests, default 300), BUILD_TIMEOUT (seconds per mutant's build,
# default 900), OUT (default target/mutants),
# MUTANTS_ARGS (more arguments for cargo mutants, e.g. "--re slug" to try only some mutants;
# "-- ARGS" at its end passes ARGS to cargo test), DOC (default docs/TESTING.md),
# REPORT_ONLY=1 (run nothing: rewrite the table from the results already in OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DOC=${DOC:-$ROOT/docs/TESTING.md}
OUT=${OUT:-$ROOT/target/mutants}
JOBS=${JOBS:-2}
TIMEOUT=${TIMEOUT:-300}
BUILD_TIMEOUT=${BUILD_TIMEOUT:-900}
ALL=(metrics storage merge resolve check dates ids model)

# The source files of each module, as globs from the crate root. Both the single-file and the
# folder form are listed, so the globs keep working when `storage.rs` becomes `storage/`, or
# `model.rs` `model/`; a glob matching nothing is harmless.
globs() {
  case $1 in
    metrics) echo "src/metrics.rs src/metrics/**/*.rs" ;;
    storage) echo "src/storage.rs src/storage/**/*.rs" ;;
    merge) echo "src/merge.rs src/merge/**/*.rs src/git.rs src/cmd/merge_driver.rs" ;;
    resolve) echo "src/resolve.rs src/resolve/**/*.rs" ;;
    check) echo "src/check.rs src/check/**/*.rs src/cmd/check.rs" ;;
    dates) echo "src/dates.rs src/dates/**/*.rs" ;;
    ids) echo "src/ids.rs src/ids/**/*.rs" ;;
    model) echo "src/model.rs src/model/**/*.rs" ;;
    *) echo "unknown module $1; known: ${ALL[*]}" >&2; exit 2 ;;
  esac
}

# The module a source path (as cargo-mutants prints it) belongs to.
module_of() {
  case $1 in
    src/metrics.rs | src/metrics/*) echo metrics ;;
    src/storage.rs | src/storage/*) echo storage ;;
    src/merge.rs | src/merge/* | src/git.rs | src/cmd/merge_driver.rs) echo merge ;;
    src/resolve.rs | src/resolve/*) echo resolve ;;
    src/check.rs | src/check/* | src/cmd/check.rs) echo check ;;
    src/dates.rs | src/dates/*) echo dates ;;
    src/ids.rs | src/ids/*) echo ids ;;
    src/model.rs | src/model/*) echo model ;;
    *) echo other ;;
  esac
}

MODULES=("$@")
[ ${#MODULES[@]} -gt 0 ] || MODULES=("${ALL[@]}")

if [ -z "${REPORT_ONLY:-}" ] && ! cargo mutants --version >/dev/null 2>&1; then
  echo "installing cargo-mutants (a few minutes)..." >&2
  cargo install --locked cargo-mutants
fi

args=()
for m in "${MODULES[@]}"; do
  for g in $(globs "$m"); do
    args+=(--file "$g")
  done
done
# --profile mutants: the test profile without debug info (Cargo.toml), faster to build.
# shellcheck disable=SC2206 # MUTANTS_ARGS is split into words on purpose
command=(cargo mutants --no-shuffle --jobs "$JOBS" --timeout "$TIMEOUT"
  --build-timeout "$BUILD_TIMEOUT" --profile mutants
  --output "$OUT" "${args[@]}" ${MUTANTS_ARGS:-})
echo "${command[*]}" >&2
status=0
if [ -n "${REPORT_ONLY:-}" ]; then
  [ -f "$OUT/mutants.out/outcomes.json" ] || { echo "no results in $OUT/mutants.out" >&2; exit 1; }
else
  "${command[@]}" || status=$?
fi
# 0: all caught; 2: some missed; 3: some timed out. Anything else: the run itself failed
# (1: usage, 4: the tests fail without any mutation).
case $status in
  0 | 2 | 3) ;;
  *) echo "cargo mutants failed (exit $status); docs/TESTING.md is unchanged" >&2; exit "$status" ;;
esac

RESULTS=$OUT/mutants.out
count() { # module outcome-file
  local n=0 line
  [ -f "$RESULTS/$2" ] || { echo 0; return; }
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    [ "$(module_of "${line%%:*}")" = "$1" ] && n=$((n + 1))
  done <"$RESULTS/$2"
  echo "$n"
}

# The day the results were written (not today, for REPORT_ONLY).
today=$(date -u -r "$RESULTS/outcomes.json" +%Y-%m-%d)
rows=$(mktemp)
missed=$(mktemp)
trap 'rm -f "$rows" "$missed" "$DOC.new"' EXIT
for m in "${MODULES[@]}"; do
  caught=$(count "$m" caught.txt)
  miss=$(count "$m" missed.txt)
  unviable=$(count "$m" unviable.txt)
  timeouts=$(count "$m" timeout.txt)
  viable=$((caught + miss))
  if [ "$viable" -gt 0 ]; then
    score="$((caught * 1000 / viable / 10)).$((caught * 1000 / viable % 10)) %"
  else
    score="–"
  fi
  echo "| $m | $caught | $miss | $unviable | $timeouts | $score | $today |" >>"$rows"
  if [ -f "$RESULTS/missed.txt" ]; then
    while IFS= read -r line; do
      [ -n "$line" ] && [ "$(module_of "${line%%:*}")" = "$m" ] && echo "- \`$line\`" >>"$missed"
    done <"$RESULTS/missed.txt"
  fi
done

# Splice into docs/TESTING.md: rows and missed mutants of the modules run are replaced, those
# of the other modules kept.
old_block=$(awk '/<!-- mutants:begin -->/{f=1;next} /<!-- mutants:end -->/{f=0} f' "$DOC")
ran=" ${MODULES[*]} "
while IFS= read -r line; do
  case $line in
    "- \`"*)
      path=${line#- \`}
      [[ $ran == *" $(module_of "${path%%:*}") "* ]] || echo "$line" >>"$missed"
      ;;
  esac
done <<<"$old_block"
{
  echo "Last run: $today on $(uname -sm), $(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown CPU)),"
  echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with local changes)'), $(cargo mutants --version 2>/dev/null || echo cargo-mutants)."
  echo
  echo "Command: \`bench/mutants.sh ${MODULES[*]}\`, i.e. \`${command[*]/#$ROOT\//}\`"
  echo
  echo "| module | caught | missed | unviable | timeouts | caught of viable | run on |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  for m in "${ALL[@]}"; do
    row=$(grep "^| $m |" "$rows" || true)
    [ -n "$row" ] || row=$(grep "^| $m |" <<<"$old_block" || true)
    [ -n "$row" ] || row="| $m | – | – | – | – | not yet run | – |"
    echo "$row"
  done
  echo
  echo "Missed mutants, by module (kill each with a test, or explain it in \"Surviving mutants\" below):"
  echo
  if [ -s "$missed" ]; then sort -t: -k1,1 -k2,2n "$missed"; else echo "none"; fi
} >"$rows.block"
awk -v block="$rows.block" '
  /<!-- mutants:begin -->/ { print; while ((getline line < block) > 0) print line; skip = 1; next }
  /<!-- mutants:end -->/ { skip = 0 }
  !skip { print }
' "$DOC" >"$DOC.new"
mv "$DOC.new" "$DOC"
rm -f "$rows.block"
echo "${DOC#"$ROOT"/} updated; details in $RESULTS" >&2
