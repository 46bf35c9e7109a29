#!/usr/bin/env bash
# Long runs of the property tests in src/proptests/: every target (one module per parser) runs
# in a loop for DURATION seconds, all targets at once under `nice -n 19`, each loop timed by
# /usr/bin/time -v. One pass runs each property of the target for CASES cases (a quarter of that
# for the property that writes a content folder per case) from a fresh random seed; a failure is
# shrunk and saved under proptest-regressions/ by proptest, and counted here.
#
#   bench/fuzz/run.sh                      # 30 minutes per target, all six at once
#   DURATION=60 TARGETS="slugs review" bench/fuzz/run.sh
#
# Results: target/fuzz-runs/<time>/ holds each target's log, its time -v report and a summary;
# the last lines printed are the table bench/fuzz/README.md records.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/../.."

DURATION=${DURATION:-1800}
CASES=${CASES:-10000}
TARGETS=${TARGETS:-"front_matter slugs links owners review serve_files"}

# One target's loop, run by the main part below as `run.sh --one TARGET BIN OUT`.
if [ "${1:-}" = "--one" ]; then
  target=$2 bin=$3 out=$4
  end=$(($(date +%s) + DURATION))
  passes=0 failed=0
  while [ "$(date +%s)" -lt "$end" ]; do
    passes=$((passes + 1))
    echo "=== pass $passes at $(date -u +%H:%M:%S)" >>"$out/$target.log"
    PROPTEST_CASES=$CASES "$bin" --test-threads=1 "proptests::$target::" >>"$out/$target.log" 2>&1 || failed=$((failed + 1))
  done
  properties=$("$bin" --list "proptests::$target::" 2>/dev/null | grep -c ': test$')
  echo "$passes $failed $properties" >"$out/$target.summary"
  exit 0
fi

out=target/fuzz-runs/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
echo "building the fuzz profile (release with debug assertions and overflow checks)..."
bin=$(nice -n 19 cargo test --profile fuzz --lib --no-run 2>&1 | tee "$out/build.log" |
  sed -n 's/.*Executable unittests src\/lib.rs (\(.*\))/\1/p')
[ -x "$bin" ] || { echo "no test binary; see $out/build.log" >&2; exit 1; }

echo "running $TARGETS for ${DURATION}s each, $CASES cases per property per pass; logs in $out"
for target in $TARGETS; do
  nice -n 19 /usr/bin/time -v -o "$out/$target.time" "$self" --one "$target" "$bin" "$out" &
done
wait

# The table: wall and CPU time from time -v, passes, failed passes, and the cases of the
# property runs that passed (a failing property stops at its first failure and counts none).
printf '| target | properties | passes | failed passes | cases | wall | CPU (user+sys) |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for target in $TARGETS; do
  read -r passes failed properties <"$out/$target.summary"
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/$target.time")
  user=$(sed -n 's/.*User time (seconds): //p' "$out/$target.time")
  sys=$(sed -n 's/.*System time (seconds): //p' "$out/$target.time")
  # The content-folder property of `slugs` runs a quarter of the cases.
  quarter=every_page_gets_its_own_url_or_the_folder_is_refused
  full=$(grep -a "^test proptests::$target::.* ok$" "$out/$target.log" | grep -vc "$quarter" || true)
  reduced=$(grep -ac "^test proptests::$target::$quarter .* ok$" "$out/$target.log" || true)
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f s", u + s }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$target" "$properties" "$passes" "$failed" \
    "$((full * CASES + reduced * (CASES / 4)))" "$wall" "$cpu"
done | tee "$out/table.md"
