#!/usr/bin/env bash
# Builds the three benchmark sites with freshdocs, then runs Pagefind over the SAME HTML.
# Prints one line per step: "<step> wall_s user_s sys_s maxrss_kb" (from /usr/bin/time) and the
# load average before it. Usage: bench/search/build_sites.sh [site...]  (default: all three)
#
#   corpus-1k   /work/bench-data/corpus-1k/freshdocs   (python3 bench/gen_corpus.py --articles 1000)
#   corpus-10k  /work/bench-data/corpus-10k/freshdocs  (python3 bench/gen_corpus.py --articles 10000)
#   hugodocs    /work/bench-data/hugodocs-content      (gohugoio/hugoDocs content/en, zero-config)
#
# Env: FRESHDOCS (default target/release/freshdocs), DATA (/work/bench-data), SITES
# ($DATA/search-sites), PAGEFIND (npx in $DATA/pagefind-npm), REINDEX=1 (rm -rf <corpus>/.freshdocs
# first, so that the build re-indexes every article).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
FRESHDOCS=${FRESHDOCS:-$here/target/release/freshdocs}
DATA=${DATA:-/work/bench-data}
SITES=${SITES:-$DATA/search-sites}
PAGEFIND_DIR=${PAGEFIND_DIR:-$DATA/pagefind-npm}
mkdir -p "$SITES"

root_of() {
  case "$1" in
    corpus-1k) echo "$DATA/corpus-1k/freshdocs" ;;
    corpus-10k) echo "$DATA/corpus-10k/freshdocs" ;;
    hugodocs) echo "$DATA/hugodocs-content" ;;
    *) echo "unknown site $1" >&2; exit 2 ;;
  esac
}

timed() { # name cmd...
  local name=$1; shift
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -o /tmp/search-bench-time.txt -f "%e %U %S %M" "$@" >/tmp/search-bench-step.log 2>&1 || {
    cat /tmp/search-bench-step.log >&2; exit 1; }
  echo "$name $(tail -1 /tmp/search-bench-time.txt) load=$load"
}

for s in ${@:-corpus-1k corpus-10k hugodocs}; do
  {
    root=$(root_of "$s")
    out="$SITES/$s"
    rm -rf "$out"
    [ "${REINDEX:-0}" = 1 ] && rm -rf "$root/.freshdocs"
    timed "freshdocs-build:$s" "$FRESHDOCS" build --root "$root" --out "$out"
    # Pagefind over the same HTML: no data-pagefind-body in freshdocs' theme, so it indexes each
    # page's whole <body> (header, breadcrumbs, TOC, footer included).
    timed "pagefind:$s" bash -c "cd '$PAGEFIND_DIR' && npx pagefind --site '$out' --output-subdir pagefind"
  }
done
