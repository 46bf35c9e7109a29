#!/usr/bin/env bash
# What indexing adds to a freshdocs build, and Pagefind's indexing time, on one corpus.
# Interleaved, RUNS rounds (default 2) of:
#   1. freshdocs build with no index cache (rm -rf <corpus>/.freshdocs: every article re-indexed)
#   2. freshdocs build again (the .freshdocs/ index is reused: no article re-indexed)
#   3. Pagefind over the site that build wrote
# each under /usr/bin/time (wall s, user s, sys s, max RSS KB), into a scratch folder.
# Usage: bench/search/build_time.sh [corpus root] (default /work/bench-data/corpus-10k/freshdocs)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
FRESHDOCS=${FRESHDOCS:-$here/target/release/freshdocs}
ROOT=${1:-/work/bench-data/corpus-10k/freshdocs}
SCRATCH=${SCRATCH:-/tmp/freshdocs-search-bench}
PAGEFIND_DIR=${PAGEFIND_DIR:-/work/bench-data/pagefind-npm}
RUNS=${RUNS:-2}
t() { # label cmd...
  local label=$1; shift
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -o "$SCRATCH.time" -f "%e %U %S %M" "$@" >"$SCRATCH.log" 2>&1 || { cat "$SCRATCH.log"; exit 1; }
  printf '%-28s wall %6s user %6s sys %6s maxrss_kb %8s  (load before: %s)\n' "$label" $(cat "$SCRATCH.time") "$load"
}
for i in $(seq "$RUNS"); do
  rm -rf "$ROOT/.freshdocs" "$SCRATCH"
  t "freshdocs, no index cache" "$FRESHDOCS" build --root "$ROOT" --out "$SCRATCH"
  rm -rf "$SCRATCH"
  t "freshdocs, index reused" "$FRESHDOCS" build --root "$ROOT" --out "$SCRATCH"
  t "pagefind" bash -c "cd '$PAGEFIND_DIR' && exec npx pagefind --site '$SCRATCH' --output-subdir pagefind"
done
rm -rf "$SCRATCH" "$SCRATCH.time" "$SCRATCH.log"
