#!/usr/bin/env bash
# Issue 14's targets on the generated corpus, interleaved (see bench/PROFILE-10K.md, "Against Hugo,
# cold and with one article changed"):
#
#   - freshdocs cold: no output folder, a new cache folder, FRESHDOCS_NO_CACHE=1;
#   - Hugo alone, into an emptied folder; then Pagefind over Hugo's output (Hugo + Pagefind);
#   - freshdocs warm with one article changed: the same output and cache kept from build to build,
#     one article edited before the build (then put back before the next: both are one change).
#
#   RUNS=3 bench/incremental.sh
#
# Environment (defaults in brackets): FRESHDOCS [target/release/freshdocs], HUGO [hugo],
# PAGEFIND [$DATA/pagefind-npm/node_modules/.bin/pagefind], DATA [/work/bench-data],
# ARTICLES [10000], RUNS [3]. Outputs and caches go under $DATA/incremental (the same disk as the
# corpus); results in $DATA/incremental/results.tsv (tool, run, wall, user, sys, peak KB, files).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
FRESHDOCS=${FRESHDOCS:-$REPO/target/release/freshdocs}
HUGO=${HUGO:-hugo}
DATA=${DATA:-/work/bench-data}
PAGEFIND=${PAGEFIND:-$DATA/pagefind-npm/node_modules/.bin/pagefind}
ARTICLES=${ARTICLES:-10000}
RUNS=${RUNS:-3}
CORPUS=$DATA/corpus-$((ARTICLES / 1000))k
WORK=$DATA/incremental
[ -f "$CORPUS/freshdocs/freshdocs.toml" ] || python3 "$HERE/gen_corpus.py" --articles "$ARTICLES" --out "$CORPUS"
mkdir -p "$WORK"
RESULTS=$WORK/results.tsv
: > "$RESULTS"

# The edited article, and its text to put back.
ARTICLE=$(find "$CORPUS/freshdocs/content" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
cp "$ARTICLE" "$WORK/article.orig"
trap 'cp "$WORK/article.orig" "$ARTICLE"' EXIT

# run TOOL RUN OUT CMD...: one timed run; appends a row with the files under OUT.
run() {
    local tool=$1 i=$2 out=$3
    shift 3
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" > "$WORK/$tool.log" 2>&1 || {
        echo "$tool failed:" >&2; tail -5 "$WORK/$tool.log" >&2; exit 1; }
    printf '%s\t%s\t%s\t%s\n' "$tool" "$i" "$(tail -1 "$WORK/time.txt" | tr ' ' '\t')" \
        "$(find "$out" -type f | wc -l)" >> "$RESULTS"
}

cold() {
    rm -rf "$WORK/cold-out" "$WORK/cold-cache"
    XDG_CACHE_HOME=$WORK/cold-cache FRESHDOCS_NO_CACHE=1 run freshdocs-cold "$1" "$WORK/cold-out" \
        "$FRESHDOCS" build --root "$CORPUS/freshdocs" --out "$WORK/cold-out"
}

warm() {
    XDG_CACHE_HOME=$WORK/warm-cache run "freshdocs-$2" "$1" "$WORK/warm-out" \
        "$FRESHDOCS" build --root "$CORPUS/freshdocs" --out "$WORK/warm-out" --timings
    grep -E "rendered|written" "$WORK/freshdocs-$2.log" | sed "s/^ */   $2 $1: /" || true
}

echo "freshdocs: $FRESHDOCS ($("$FRESHDOCS" --version)); $("$HUGO" version | cut -d' ' -f1-2); pagefind $("$PAGEFIND" --version)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The warm site: three builds, so that the third starts from the first's site and the second's
# renderings (docs/ARCHITECTURE.md §7.1, §7.5).
rm -rf "$WORK/warm-out" "$WORK/warm-cache"
for i in 1 2 3; do warm 0 settle; done
for i in $(seq 1 "$RUNS"); do
    cold "$i"
    rm -rf "$WORK/hugo-out"
    run hugo "$i" "$WORK/hugo-out" "$HUGO" --source "$CORPUS/hugo" --destination "$WORK/hugo-out" --quiet
    rm -rf "$WORK/hugo-out/pagefind"
    run pagefind "$i" "$WORK/hugo-out/pagefind" "$PAGEFIND" --site "$WORK/hugo-out" --output-subdir pagefind
    echo "One more sentence about exports, run $i." >> "$ARTICLE"
    warm "$i" edited
    cp "$WORK/article.orig" "$ARTICLE"
    warm "$i" restored
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
med = {}
for tool in ("freshdocs-cold", "hugo", "pagefind", "freshdocs-edited", "freshdocs-restored"):
    r = [x for x in rows if x[0] == tool and x[1] != "0"]
    if not r:
        continue
    wall = [float(x[2]) for x in r]
    med[tool] = statistics.median(wall)
    print(f"{tool:20} wall {' / '.join(f'{w:.2f}' for w in wall)} s (median {med[tool]:.2f}), "
          f"user+sys median {statistics.median(float(x[3]) + float(x[4]) for x in r):.2f} s, "
          f"peak {statistics.median(int(x[5]) for x in r) / 1024:.0f} MB, files {r[-1][6]}")
cold, hugo = med["freshdocs-cold"], med["hugo"]
both = hugo + med["pagefind"]
print(f"cold / Hugo alone: {cold / hugo:.2f}x; cold / (Hugo + Pagefind): {cold / both:.2f}x")
for warm in ("freshdocs-edited", "freshdocs-restored"):
    print(f"{warm} / cold: {med[warm] / cold:.2f}x")
EOF
