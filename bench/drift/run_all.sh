#!/bin/sh
# Both replays on every repository of repos.txt (or only those named: run_all.sh mdBook zola).
#   BIN      freshdocs binary (default /work/main/target/release/freshdocs)
#   CLONES   where the clones are (default /work/bench-data/drift)
#   WHICH    forgotten, cycle or both (default both)
#   TUNING_SINCE_DAYS  replay (a) horizon for the tuning repos (default 4000: their whole
#            history, 101 and 60 samples instead of 58 and 28); held-out repos: 3 years
#   CYCLES   release cycles per repo for replay (b) (default 6)
#   MAX_SAMPLES  commits per repo for replay (a) (default 400)
# Rows and summaries: $DRIFT_RESULTS (default /work/bench-data/drift/results).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:-/work/main/target/release/freshdocs}
CLONES=${CLONES:-/work/bench-data/drift}
WHICH=${WHICH:-both}
TUNING_SINCE_DAYS=${TUNING_SINCE_DAYS:-4000}
CYCLES=${CYCLES:-6}
set -f  # tag patterns and globs stay literal
grep -v '^#' "$here/repos.txt" | while read -r name source docs tags role ignore generated; do
  [ -n "$name" ] || continue
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  extra=""
  if [ "$ignore" != "-" ]; then
    for g in $(echo "$ignore" | tr ',' ' '); do extra="$extra --ignore $g"; done
  fi
  since=1095
  [ "$role" = tuning ] && since=$TUNING_SINCE_DAYS
  if [ "$WHICH" != cycle ]; then
    echo "== replay (a) $name ($role)"
    python3 "$here/replay_forgotten.py" --repo "$CLONES/$name" --docs "$docs" --bin "$BIN" \
      --since-days "$since" --max-samples "${MAX_SAMPLES:-400}" $extra </dev/null || echo "replay (a) $name failed: $?"
  fi
  if [ "$WHICH" != forgotten ]; then
    echo "== replay (b) $name ($role)"
    python3 "$here/replay_cycle.py" --repo "$CLONES/$name" --docs "$docs" --bin "$BIN" \
      --tags "$tags" --cycles "$CYCLES" $extra </dev/null || echo "replay (b) $name failed: $?"
  fi
done
python3 "$here/summarize.py"
