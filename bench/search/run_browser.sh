#!/usr/bin/env bash
# Runs bench/search/browser.mjs over the three sites: with a gzip server (first query + latency)
# and with a plain server (first query only). Results: $OUT/<site>-<gzip|plain>.{json,txt}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DATA=${DATA:-/work/bench-data}
SITES=${SITES:-$DATA/search-sites}
OUT=${OUT:-$DATA/search-results}
FIRST=${FIRST:-8}
export NODE_PATH=${NODE_PATH:-$here/../../tests/browser/node_modules}
mkdir -p "$OUT"
for s in ${@:-corpus-1k corpus-10k hugodocs}; do
  [ -f "$OUT/queries-$s.json" ] || echo "make $OUT/queries-$s.json with queries.py first" >&2
  node "$here/browser.mjs" --site "$SITES/$s" --queries "$OUT/queries-$s.json" --gzip --first "$FIRST" \
    --out "$OUT/$s-gzip.json" | tee "$OUT/$s-gzip.txt"
  node "$here/browser.mjs" --site "$SITES/$s" --queries "$OUT/queries-$s.json" --first "$FIRST" --no-latency \
    --out "$OUT/$s-plain.json" | tee "$OUT/$s-plain.txt"
done
