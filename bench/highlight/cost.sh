#!/bin/sh
# What syntax highlighting costs a cold build: the same corpus built with `[markdown] highlight`
# on (the default) and off, interleaved, RUNS times each, then the median walls and their ratio.
#   cost.sh [CORPUS]     default /work/bench-data/corpus-10k (bench/gen_corpus.py --articles 10000)
#   BIN    freshdocs binary (default target/release/freshdocs of this repository)
#   RUNS   runs per setting (default 5)
#   OUT    where the output folders go (default a temporary folder; /dev/shm takes the disk's
#          noise out of the walls)
# "Cold": each run writes a new output folder, with FRESHDOCS_NO_CACHE=1 (no history cache) and
# its own empty XDG_CACHE_HOME (no search index of an earlier run). Prints the load average before
# and after (this machine is shared), and the gzipped size of one article page both ways.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$(dirname "$here")")
CORPUS=${1:-/work/bench-data/corpus-10k}
BIN=${BIN:-$repo/target/release/freshdocs}
RUNS=${RUNS:-5}
site=$CORPUS/freshdocs
[ -f "$site/freshdocs.toml" ] || { echo "no corpus at $CORPUS: python3 bench/gen_corpus.py --articles 10000 --out $CORPUS" >&2; exit 2; }
work=$(mktemp -d)
out=$(mktemp -d "${OUT:-$work}/cost-XXXXXX")
trap 'rm -rf "$work" "$out"' EXIT
for mode in on off; do
  mkdir -p "$work/$mode"
  # The corpus's settings, with its content folder named absolutely (top-level keys come first).
  { printf 'content = "%s/content"\n' "$site"; cat "$site/freshdocs.toml"; } > "$work/$mode/freshdocs.toml"
  if [ "$mode" = off ]; then printf '\n[markdown]\nhighlight = false\n' >> "$work/$mode/freshdocs.toml"; fi
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/times"
i=0
while [ $i -lt "$RUNS" ]; do
  # Alternate which goes first, so that neither always follows the other's deletions.
  if [ $((i % 2)) -eq 0 ]; then order="on off"; else order="off on"; fi
  for mode in $order; do
    # A new output folder each run: deleting 20,000 files just before a run makes the kernel's
    # file creation slower and the walls noisier. Folders are deleted once all runs are done.
    /usr/bin/time -f "$mode %e %U %S %M" -o "$work/one" env FRESHDOCS_NO_CACHE=1 XDG_CACHE_HOME="$out/cache-$mode-$i" \
      "$BIN" build --root "$work/$mode" --out "$out/out-$mode-$i" > /dev/null 2>&1
    tail -n 1 "$work/one" >> "$work/times"
  done
  i=$((i + 1))
done
awk '{ printf "  highlight %-3s wall %ss  user %ss  sys %ss  peak %d MB\n", $1, $2, $3, $4, $5 / 1024 }' "$work/times"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for mode in on off; do
  printf '%s %s %s\n' "$mode" "$(awk -v m="$mode" '$1 == m { print $2 }' "$work/times" | median)" \
    "$(awk -v m="$mode" '$1 == m { print $3 + $4 }' "$work/times" | median)"
done | awk '{ w[$1] = $2; c[$1] = $3 } END {
  printf "median wall: highlight on %.2fs, off %.2fs, ratio %.3f\n", w["on"], w["off"], w["on"] / w["off"]
  printf "median CPU (user + sys): on %.2fs, off %.2fs, ratio %.3f\n", c["on"], c["off"], c["on"] / c["off"] }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Page weight: the gzipped HTML of article pages with code, with highlighting and without.
python3 - "$out" <<'EOF'
import gzip, pathlib, sys
work = pathlib.Path(sys.argv[1])
on = work / "out-on-0"
pages = [p for p in sorted(on.rglob("index.html")) if b'class="code"' in p.read_bytes()][:2000]
def gz(p): return len(gzip.compress(p.read_bytes(), 6))
grow = [gz(p) - gz(work / "out-off-0" / p.relative_to(on)) for p in pages]
grow.sort()
print(f"article pages with code: {len(pages)} measured; gzipped HTML growth with highlighting: "
      f"median {grow[len(grow) // 2]} B, max {grow[-1]} B")
EOF
