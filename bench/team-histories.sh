#!/bin/sh
# The long run of the random team histories (tests/e2e/team_merge.rs): three clones of one origin
# (the third sometimes without `coltiva init`, or with a registered driver an "upgrade"
# removes), random batches of every write command plus undo, edit, revert, repair and promises
# resolved in two clones, pulls by merge and by rebase in random orders, then a sync; every
# history checks that no acknowledged record is lost or doubled, that deliberate removals stay
# removed, that header edits survive, that no pull reporting success leaves a problem for
# `coltiva check`, that no settled stop stops again, and that the clones end identical.
# Results go in docs/TEAMS.md.
#
#   bench/team-histories.sh [HISTORIES] [FIRST_SEED]      (default: 300 histories from seed 1)
#
# A failing history prints its seed; run it again alone with
#   COLTIVA_TEAM_HISTORIES=1 COLTIVA_TEAM_SEED=N cargo test --test e2e -- team_merge::random
set -eu
cd "$(dirname "$0")/.."
histories="${1:-300}"
seed="${2:-1}"
git --version
start=$(date +%s)
COLTIVA_TEAM_HISTORIES="$histories" COLTIVA_TEAM_SEED="$seed" \
    cargo test --quiet --test e2e -- --exact team_merge::random_team_histories_never_lose_or_glue_a_record --nocapture 2>&1 |
    grep -E "team histories:|seed [0-9]+|test result|panicked" || true
end=$(date +%s)
echo "seeds $seed..$((seed + histories - 1)) in $((end - start)) s"
