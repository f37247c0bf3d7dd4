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
# Two passes: every mutant against the unit tests (`cargo test --lib`, seconds each), then only
# the ones they missed against the unit tests plus the module's end-to-end tests (`suite_of`,
# below). A mutant is "missed" only when both passes miss it.
#
# Installs cargo-mutants (cargo install --locked) when it is missing.
# Environment: JOBS (parallel mutants, default 2: each one builds and tests a copy of the tree),
# TIMEOUT (seconds for one mutant's unit tests, default 60), SUITE_TIMEOUT (the same for pass 2's
# end-to-end tests, default 300), UNIT_ONLY=1 (no pass 2), BUILD_TIMEOUT (seconds per mutant's build,
# default 900), OUT (default target/mutants), PROFILE (default mutants; empty: the test profile),
# MUTANTS_ARGS (more arguments for cargo mutants, e.g. "--re slug" to try only some mutants;
# "-- ARGS" at its end passes ARGS to cargo test), DOC (default docs/TESTING.md),
# ITERATE=1 (run only the mutants the last run in OUT did not catch, after adding tests),
# REPORT_ONLY=1 (run nothing: rewrite the table from the results already in OUT; COMMIT names
# the commit they were run on).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DOC=${DOC:-$ROOT/docs/TESTING.md}
OUT=${OUT:-$ROOT/target/mutants}
JOBS=${JOBS-2}
TIMEOUT=${TIMEOUT:-60}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-300}
BUILD_TIMEOUT=${BUILD_TIMEOUT:-900}
PROFILE=${PROFILE-mutants}
ALL=(metrics storage merge resolve check dates ids model i18n)

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
    i18n) echo "src/i18n.rs src/i18n/**/*.rs" ;;
    */*) [ -f "src/$1.rs" ] && echo "src/$1.rs" ||
      { echo "no file src/$1.rs" >&2; exit 2; } ;;
    *) echo "unknown module $1; known: ${ALL[*]}, or one file as metrics/promises" >&2; exit 2 ;;
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
    src/i18n.rs | src/i18n/*) echo i18n ;;
    *) echo other ;;
  esac
}

# Whether a source path belongs to module $2: a module of ALL, or one file ("metrics/promises").
in_module() {
  [ "$(module_of "$1")" = "$2" ] || [ "$1" = "src/$2.rs" ]
}

MODULES=("$@")
[ ${#MODULES[@]} -gt 0 ] || MODULES=("${ALL[@]}")

if [ -z "${REPORT_ONLY:-}" ] && ! cargo mutants --version >/dev/null 2>&1; then
  echo "installing cargo-mutants (a few minutes)..." >&2
  cargo install --locked cargo-mutants
fi

# The end-to-end tests of each module: the second pass runs them on the mutants the unit tests
# missed. A mutant counts as missed only when both passes miss it. Chosen as the tests whose
# subject is the module's rule and that run in seconds (team_merge, the slowest, only for merge).
suite_of() {
  case $1 in
    metrics) echo "numbers_by_hand cli_read example_journal every_flag snapshots" ;;
    storage) echo "cli_records durability_points faults hostile hostile_fs promise_index every_flag interop daily outlook edit_folder" ;;
    merge) echo "team_merge interop every_flag" ;;
    resolve) echo "hostile_fs cli_records promise_index one_rule" ;;
    check) echo "hostile hostile_fs every_flag cli_records faults" ;;
    dates) echo "cli_records locale daily one_rule" ;;
    ids) echo "cli_records one_rule hostile" ;;
    model) echo "cli_records roundtrip hostile one_rule numbers_by_hand" ;;
    i18n) echo "locale locale_views snapshots terminal" ;;
    */*) suite_of "${1%%/*}" ;;
  esac
}

args=()
suite=()
for m in "${MODULES[@]}"; do
  for g in $(globs "$m"); do
    args+=(--file "$g")
  done
  # the module's own unit tests (pass 2 runs `--lib` too, under the same filters)
  [[ " ${suite[*]} " == *" --cargo-test-arg=${m%%/*}:: "* ]] || suite+=("--cargo-test-arg=${m%%/*}::")
  for t in $(suite_of "$m"); do
    [[ " ${suite[*]} " == *" --cargo-test-arg=$t:: "* ]] || suite+=("--cargo-test-arg=$t::")
  done
done
# The end-to-end tests are modules of one test binary (tests/e2e/main.rs): the suite is that
# binary filtered by module path (libtest takes several filters after `--`).
[ ${#suite[@]} -eq 0 ] || suite=(--cargo-arg=--test=e2e --cargo-test-arg=-- "${suite[@]}")
# --profile mutants: the test profile without debug info (Cargo.toml), faster to build.
# shellcheck disable=SC2206 # MUTANTS_ARGS is split into words on purpose
base=(cargo mutants --no-shuffle ${JOBS:+--jobs "$JOBS"} --build-timeout "$BUILD_TIMEOUT"
  ${PROFILE:+--profile "$PROFILE"} "${args[@]}" ${MUTANTS_ARGS:-})
# Pass 1, the unit tests (`--lib`, seconds per mutant); pass 2, only on what pass 1 did not
# catch (`--iterate`), the unit tests plus the module's end-to-end tests (suite_of).
unit=("${base[@]}" --timeout "$TIMEOUT" --output "$OUT/unit" --cargo-arg=--lib)
full=("${base[@]}" --timeout "$SUITE_TIMEOUT" --output "$OUT/suite" --iterate --cargo-arg=--lib "${suite[@]}")
status() { # exit status of cargo mutants: 0 all caught, 2 some missed, 3 some timed out
  case $1 in
    0 | 2 | 3) ;;
    *) echo "cargo mutants failed (exit $1); docs/TESTING.md is unchanged" >&2; exit "$1" ;;
  esac
}
prev=""
if [ -z "${REPORT_ONLY:-}" ]; then
  if [ -n "${ITERATE:-}" ]; then
    # Only what the last run did not catch: its results become "prev", and cargo-mutants'
    # --iterate skips every mutant listed in previously_caught.txt.
    [ -f "$OUT/combined/caught.txt" ] || { echo "ITERATE=1: no earlier results in $OUT/combined" >&2; exit 1; }
    rm -rf "$OUT/prev"
    cp -a "$OUT/combined" "$OUT/prev"
    prev=$OUT/prev
  fi
  rm -rf "$OUT/unit" "$OUT/suite"
  mkdir -p "$OUT/unit" "$OUT/suite"
  if [ -n "$prev" ]; then
    mkdir -p "$OUT/unit/mutants.out"
    cat "$prev/caught.txt" "$prev/unviable.txt" "$prev/timeout.txt" >"$OUT/unit/mutants.out/previously_caught.txt"
    : >"$OUT/unit/mutants.out/caught.txt"
    : >"$OUT/unit/mutants.out/unviable.txt"
    unit+=(--iterate)
  fi
  echo "${unit[*]}" >&2
  s=0; "${unit[@]}" || s=$?; status "$s"
  if [ -z "${UNIT_ONLY:-}" ] && [ -s "$OUT/unit/mutants.out/missed.txt" -o -s "$OUT/unit/mutants.out/timeout.txt" ]; then
    # --iterate reads what was caught from the output folder it is given. A mutant that
    # timed out in pass 1 (an endless loop, in effect caught) is not run again: it would only
    # time out again, at the longer SUITE_TIMEOUT.
    cp -a "$OUT/unit/mutants.out" "$OUT/suite/"
    cat "$OUT/unit/mutants.out/timeout.txt" >>"$OUT/suite/mutants.out/previously_caught.txt"
    echo "${full[*]}" >&2
    s=0; "${full[@]}" || s=$?; status "$s"
  fi
  # What ran, for the table (REPORT_ONLY rewrites it from here).
  { echo "bench/mutants.sh ${MODULES[*]}, i.e. pass 1: ${unit[*]/#$ROOT\//}"
    [ ! -d "$OUT/suite/mutants.out" ] || echo "then pass 2: ${full[*]/#$ROOT\//}"
  } | sed "s|$ROOT/||g" >"$OUT/command.txt.new"
  if [ -n "$prev" ]; then
    # The earlier run's commands stay on record: its caught mutants were not run again.
    { cat "$prev/command.txt" 2>/dev/null; echo "then, on $(git rev-parse --short HEAD), only the mutants it had not caught (ITERATE=1):"; cat "$OUT/command.txt.new"; } >"$OUT/command.txt"
    rm "$OUT/command.txt.new"
  else
    mv "$OUT/command.txt.new" "$OUT/command.txt"
  fi
elif [ -d "$OUT/prev" ]; then
  prev=$OUT/prev
fi

# Combine the passes: caught in either pass is caught; unviable as pass 1 found; missed and
# timeouts as the last pass left them.
[ -f "$OUT/unit/mutants.out/outcomes.json" ] || { echo "no results in $OUT/unit/mutants.out" >&2; exit 1; }
RESULTS=$OUT/combined
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
last=$OUT/unit/mutants.out
[ ! -f "$OUT/suite/mutants.out/outcomes.json" ] || last=$OUT/suite/mutants.out
cat ${prev:+"$prev/caught.txt"} "$OUT/unit/mutants.out/caught.txt" "$last/caught.txt" | sort -u >"$RESULTS/caught.txt"
cat ${prev:+"$prev/unviable.txt"} "$OUT/unit/mutants.out/unviable.txt" | sort -u >"$RESULTS/unviable.txt"
cp "$last/missed.txt" "$RESULTS/missed.txt"
cat ${prev:+"$prev/timeout.txt"} "$OUT/unit/mutants.out/timeout.txt" "$last/timeout.txt" | sort -u >"$RESULTS/timeout.txt"
cp "$last/outcomes.json" "$RESULTS/outcomes.json"
cp "$OUT/command.txt" "$RESULTS/command.txt" 2>/dev/null || true

# Only the mutants the source has now: an ITERATE run after a change that moved lines would
# otherwise count the earlier run's names of the same mutants as well.
if [ -z "${REPORT_ONLY:-}" ]; then
  cargo mutants --list "${args[@]}" >"$OUT/list.txt" 2>/dev/null || rm -f "$OUT/list.txt"
fi
if [ -s "$OUT/list.txt" ]; then
  for f in caught missed unviable timeout; do
    grep -Fxf "$OUT/list.txt" "$RESULTS/$f.txt" >"$RESULTS/$f.now" || true
    mv "$RESULTS/$f.now" "$RESULTS/$f.txt"
  done
fi

count() { # module outcome-file
  local n=0 line
  [ -f "$RESULTS/$2" ] || { echo 0; return; }
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    in_module "${line%%:*}" "$1" && n=$((n + 1))
  done <"$RESULTS/$2"
  echo "$n"
}

# The day the results were written (not today, for REPORT_ONLY).
today=$(date -u -r "$RESULTS/outcomes.json" +%Y-%m-%d)
rows=$(mktemp)
missed=$(mktemp)
runs=$(mktemp)
trap 'rm -f "$rows" "$missed" "$runs" "$DOC.new"' EXIT
ran_command=$(tr '\n' ' ' <"$RESULTS/command.txt" 2>/dev/null | sed 's/ $//' || true)
commit=${COMMIT:-"$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' with local changes')"}
# Explained mutants: equivalent ones, which no input tells from the code, and the few no test
# can reach (bench/mutants-equivalent.txt, one "NAME ## REASON" line each, written by a person
# who looked). They stay counted as missed; the last column leaves them out.
EQUIV=${EQUIV:-$ROOT/bench/mutants-equivalent.txt}
reason_of() {
  [ -f "$EQUIV" ] || return 0
  grep -F -- "$1 ## " "$EQUIV" | head -1 | sed 's/^.* ## //'
}
percent() { # caught of
  if [ "$2" -gt 0 ]; then echo "$(($1 * 1000 / $2 / 10)).$(($1 * 1000 / $2 % 10)) %"; else echo "–"; fi
}
for m in "${MODULES[@]}"; do
  caught=$(count "$m" caught.txt)
  miss=$(count "$m" missed.txt)
  unviable=$(count "$m" unviable.txt)
  timeouts=$(count "$m" timeout.txt)
  equivalent=0
  if [ -f "$RESULTS/missed.txt" ]; then
    while IFS= read -r line; do
      [ -n "$line" ] && in_module "${line%%:*}" "$m" || continue
      reason=$(reason_of "$line")
      if [ -n "$reason" ]; then
        equivalent=$((equivalent + 1))
        echo "- \`$line\` — explained: $reason" >>"$missed"
      else
        echo "- \`$line\` — **not explained**" >>"$missed"
      fi
    done <"$RESULTS/missed.txt"
  fi
  viable=$((caught + miss))
  echo "| $m | $caught | $miss | $equivalent | $unviable | $timeouts | $(percent "$caught" "$viable") | $(percent "$caught" $((viable - equivalent))) | $today |" >>"$rows"
  echo "- run \`$m\`: $today, commit $commit: \`$ran_command\`" >>"$runs"
done

# Splice into docs/TESTING.md: rows and missed mutants of the modules run are replaced, those
# of the other modules kept.
old_block=$(awk '/<!-- mutants:begin -->/{f=1;next} /<!-- mutants:end -->/{f=0} f' "$DOC")
while IFS= read -r line; do
  case $line in
    "- \`"*)
      path=${line#- \`}
      keep=1
      for m in "${MODULES[@]}"; do in_module "${path%%:*}" "$m" && keep=; done
      [ -z "$keep" ] || echo "$line" >>"$missed"
      ;;
    "- run \`"*)
      m=${line#- run \`}
      m=${m%%\`*}
      [[ " ${MODULES[*]} " == *" $m "* ]] || echo "$line" >>"$runs"
      ;;
  esac
done <<<"$old_block"
{
  echo "Machine of the last run: $(uname -sm), $(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown CPU)), $(cargo mutants --version 2>/dev/null || echo cargo-mutants)."
  echo
  echo "Runs (module: day, commit, command):"
  echo
  sort -u "$runs"
  echo
  echo "| module | caught | missed | of which explained | unviable | timeouts | caught of viable | caught of viable, explained left out | run on |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  for m in "${ALL[@]}"; do
    row=$(grep "^| $m |" "$rows" || true)
    [ -n "$row" ] || row=$(grep "^| $m |" <<<"$old_block" || true)
    [ -n "$row" ] || row="| $m | – | – | – | – | – | not yet run | – | – |"
    echo "$row"
  done
  # Rows of single files ("metrics/promises"), this run's first.
  { grep -E "^\| [a-z_]+/[a-z_]+ \|" "$rows" || true
    grep -E "^\| [a-z_]+/[a-z_]+ \|" <<<"$old_block" || true
  } | awk -F'|' '!seen[$2]++' | sort
  echo
  echo "Missed mutants, by module: each one killed by a test in a later run, or explained in bench/mutants-equivalent.txt (the reason shows here):"
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
