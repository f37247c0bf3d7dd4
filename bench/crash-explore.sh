#!/bin/sh
# The full run of the crash-state explorer (tests/e2e/crash_states.rs, tests/e2e/crash/): every write
# command of coltiva runs under strace on a small journal; every state a crash could leave is
# rebuilt from its system calls under five persistence models (prefix, torn at every byte,
# zero-tail, lose-all, lose-one) and checked: acknowledged records present and unchanged, the
# command's own write present once it returned, `check` exits 1 on every torn record, `repair`
# fixes every state without moving an acknowledged record, no reading command panics or hangs.
# Prints a table per command (system calls traced, journal operations, states explored,
# violations, of which known) and each kind of violation with the first state that shows it.
# Results go in docs/DURABILITY.md ("Crash states, explored"). Needs strace.
#
#   bench/crash-explore.sh
#
# The short run is part of `cargo test` (crash_states_short).
set -eu
cd "$(dirname "$0")/.."
if ! command -v strace >/dev/null 2>&1; then
    echo "crash-explore: strace is not installed (apt-get install strace)" >&2
    exit 1
fi
strace -V | head -n 1
start=$(date +%s)
status=0
COLTIVA_REQUIRE_ALL=1 cargo test --quiet --test e2e -- --exact crash_states::crash_states_full \
    --ignored --nocapture || status=$?
end=$(date +%s)
echo "full crash-state run in $((end - start)) s"
exit $status
