#!/usr/bin/env bash
# Build time and peak memory of freshdocs vs Hugo on the same Markdown (see bench/README.md).
#
#   bench/build.sh                 # both workloads
#   bench/build.sh corpus          # only the generated 10k-article corpus
#   bench/build.sh real            # only the real docs folder (hugoDocs content)
#
# Environment (defaults in brackets):
#   FRESHDOCS  freshdocs binary [target/release/freshdocs of this repository]
#   HUGO       hugo binary [hugo]
#   DATA       generated corpora and fetched repositories [/work/bench-data]
#   SCRATCH    output folders [/tmp/freshdocs-bench]
#   RUNS       timed runs per tool and workload [5]
#   ARTICLES   size of the generated corpus [10000]
#   HUGODOCS   a clone of github.com/gohugoio/hugoDocs [$DATA/hugoDocs]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
FRESHDOCS=${FRESHDOCS:-$REPO/target/release/freshdocs}
HUGO=${HUGO:-hugo}
DATA=${DATA:-/work/bench-data}
SCRATCH=${SCRATCH:-/tmp/freshdocs-bench}
RUNS=${RUNS:-5}
ARTICLES=${ARTICLES:-10000}
HUGODOCS=${HUGODOCS:-$DATA/hugoDocs}
WHAT=${1:-all}

CORPUS=$DATA/corpus-$((ARTICLES / 1000))k
RESULTS=$SCRATCH/results
mkdir -p "$SCRATCH" "$RESULTS"

need() { command -v "$1" >/dev/null || { echo "missing: $1 ($2)" >&2; exit 1; }; }
need "$HUGO" "apt-get install -y hugo"
need hyperfine "apt-get install -y hyperfine"
[ -x /usr/bin/time ] || { echo "missing: /usr/bin/time (apt-get install -y time)" >&2; exit 1; }
[ -x "$FRESHDOCS" ] || { echo "missing: $FRESHDOCS (cargo build --release)" >&2; exit 1; }

# --- workloads ------------------------------------------------------------------------------

prepare_corpus() {
    [ -f "$CORPUS/freshdocs/freshdocs.toml" ] || python3 "$HERE/gen_corpus.py" --articles "$ARTICLES" --out "$CORPUS"
}

# hugoDocs' own site needs Hugo >= 0.144 and its theme module, so both tools build its content
# folder: freshdocs zero-config, Hugo inside the same minimal theme as the corpus (shortcodes
# stubbed). Four front-matter lines freshdocs rejects are patched in a copy (see README).
prepare_real() {
    [ -d "$HUGODOCS/content/en" ] || { echo "clone github.com/gohugoio/hugoDocs to $HUGODOCS first (see README)" >&2; exit 1; }
    local c=$DATA/hugodocs-content
    if [ ! -d "$c" ]; then
        cp -a "$HUGODOCS/content/en" "$c"
        sed -i 's/^alias: true$/term_alias: true/' "$c/quick-reference/glossary/float.md"
        sed -i 's#^aliases: \[/functions/hassuffix,/functions/strings/hassuffix\]$#aliases: [/functions/hassuffix]#' "$c/functions/strings/HasSuffix.md"
        sed -i '\#^aliases: \[/functions/time\]$#d' "$c/functions/time/AsTime.md"
        sed -i '\#^aliases: \[/methods/time/format\]$#d' "$c/methods/time/Format.md"
    fi
    [ -f "$DATA/hugodocs-site/hugo.toml" ] || python3 "$HERE/gen_corpus.py" --hugo-wrap "$c" --out "$DATA/hugodocs-site"
}

# --- measuring ------------------------------------------------------------------------------

# Articles are the pages at <category>/<section>/<article>/index.html (below a language folder for
# translations): the same count must come out of both tools.
count_articles() {
    find "$1" -name index.html | sed "s#^$1/##" | grep -Ev '^(a-z|search|tags|categories)/' |
        awk -F/ '{ n = NF; if ($1 == "fa" || $1 == "hi") n--; if (n == 4) c++ } END { print c + 0 }'
}

# bench NAME FD_ROOT HUGO_SITE
bench() {
    local name=$1 root=$2 site=$3
    local fd_out=$SCRATCH/$name-freshdocs hugo_out=$SCRATCH/$name-hugo
    local fd_cmd="$FRESHDOCS build --root $root --out $fd_out"
    local hugo_cmd="$HUGO --source $site --destination $hugo_out --quiet"
    echo "== $name: load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    # hyperfine would run all runs of one command, then all of the other; to interleave the tools
    # on the same machine state we loop rounds ourselves (one run of each per round), each run under
    # /usr/bin/time for wall, user and system time and peak RSS. Both start from an empty output
    # folder (Hugo does not clean its destination; freshdocs would otherwise delete its old site).
    : > "$RESULTS/$name.tsv"
    "$FRESHDOCS" build --root "$root" --out "$fd_out" > "$RESULTS/$name-freshdocs.log" 2>&1 || true  # warm-up
    "$HUGO" --source "$site" --destination "$hugo_out" > "$RESULTS/$name-hugo.log" 2>&1 || true      # warm-up
    for i in $(seq 1 "$RUNS"); do
        for tool in freshdocs hugo; do
            local cmd=$fd_cmd
            local out=$fd_out
            [ $tool = hugo ] && { cmd=$hugo_cmd; out=$hugo_out; }
            rm -rf "$out"
            /usr/bin/time -f "%e %U %S %M" -o "$SCRATCH/time.txt" $cmd > /dev/null 2> "$SCRATCH/stderr.txt" || {
                echo "$tool failed on $name:" >&2; tail -5 "$SCRATCH/stderr.txt" >&2; }
            printf '%s\t%s\t%s\n' "$tool" "$i" "$(tail -1 "$SCRATCH/time.txt" | tr ' ' '\t')" >> "$RESULTS/$name.tsv"
        done
    done
    echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    case $name in corpus*) echo "   article pages: freshdocs $(count_articles "$fd_out"), hugo $(count_articles "$hugo_out")";; esac
    echo "   index.html pages: freshdocs $(find "$fd_out" -name index.html | wc -l), hugo $(find "$hugo_out" -name index.html | wc -l);" \
         "HTML files: freshdocs $(find "$fd_out" -name '*.html' | wc -l), hugo $(find "$hugo_out" -name '*.html' | wc -l);" \
         "size: freshdocs $(du -sh "$fd_out" | cut -f1), hugo $(du -sh "$hugo_out" | cut -f1)"
    echo "   freshdocs: $(grep -E '^(Built|  )' "$RESULTS/$name-freshdocs.log" | tr -s ' ' | tr '\n' ' ')"
    python3 - "$RESULTS/$name.tsv" "$name" <<'EOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
med = {}
print(f"   {'tool':10} {'runs':>4} {'wall median':>11} {'min':>6} {'max':>6} {'user+sys median':>15} {'peak RSS median':>15}")
for tool in ("freshdocs", "hugo"):
    r = [x for x in rows if x[0] == tool]
    wall = [float(x[2]) for x in r]; cpu = [float(x[3]) + float(x[4]) for x in r]; rss = [int(x[5]) / 1024 for x in r]
    med[tool] = (statistics.median(wall), statistics.median(cpu), statistics.median(rss))
    print(f"   {tool:10} {len(r):4} {med[tool][0]:10.2f}s {min(wall):5.2f}s {max(wall):5.2f}s {med[tool][1]:14.2f}s {med[tool][2]:12.0f} MB")
f, h = med["freshdocs"], med["hugo"]
print(f"   freshdocs/hugo: wall {f[0] / h[0]:.2f}x, cpu {f[1] / h[1]:.2f}x, peak RSS {f[2] / h[2]:.2f}x")
EOF
}

echo "freshdocs: $FRESHDOCS ($("$FRESHDOCS" --version))"
echo "hugo:      $("$HUGO" version)"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%FT%TZ)"

if [ "$WHAT" = all ] || [ "$WHAT" = corpus ]; then
    prepare_corpus
    bench corpus-$((ARTICLES / 1000))k "$CORPUS/freshdocs" "$CORPUS/hugo"
fi
if [ "$WHAT" = all ] || [ "$WHAT" = real ]; then
    prepare_real
    bench hugodocs "$DATA/hugodocs-content" "$DATA/hugodocs-site"
fi
if [ "${HUGO_HIGHLIGHT:-0}" = 1 ]; then
    # Hugo with its default Chroma highlighting of code blocks, for reference.
    [ -d "$CORPUS/hugo-highlight" ] || { cp -a "$CORPUS/hugo" "$CORPUS/hugo-highlight"; sed -i 's/codeFences = false/codeFences = true/' "$CORPUS/hugo-highlight/hugo.toml"; }
    bench corpus-$((ARTICLES / 1000))k-hugo-highlight "$CORPUS/freshdocs" "$CORPUS/hugo-highlight"
fi
