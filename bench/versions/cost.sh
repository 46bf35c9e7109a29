#!/bin/sh
# What publishing older versions costs: zola's docs (docs/content) built with `[versions] keep = 5`
# (the current docs and 4 older release lines), against the current docs alone, and against
# building the current docs and each of those tags separately, each in a checkout of its own.
#   cost.sh [ZOLA]   a clone of getzola/zola with its tags (default /work/bench-data/versions/zola;
#                    README.md says how to make it), or another repository with docs/content
#                    and release tags v* (make_shared.sh makes one); each tag's checkout goes
#                    into ZOLA-tags/<tag> (a git worktree), made once
#   BIN         freshdocs binary (default target/release/freshdocs of this repository)
#   BIN_BEFORE  another binary, built with the same [versions] too (say, before a change); optional
#   RUNS        timed runs per setting (default 5), interleaved, after one untimed warm-up each
#   OUT         where the output folders go (default a temporary folder)
# "Warm": the history cache and search indexes of the warm-up are kept, and each version's files
# were read from git once, as on a writer's machine or in a CI job that keeps the git folder. Each
# run writes a new output folder, so that deleting the previous site is not timed, and starts
# after a `sync`, so that it does not pay for writing out the files of the build before it. Prints the load
# average before and after (this machine is shared), then the size and file count of each output.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$(dirname "$here")")
ZOLA=${1:-/work/bench-data/versions/zola}
BIN=${BIN:-$repo/target/release/freshdocs}
BIN_BEFORE=${BIN_BEFORE:-}
RUNS=${RUNS:-5}
[ -d "$ZOLA/docs/content" ] || { echo "no zola clone at $ZOLA: see bench/versions/README.md" >&2; exit 2; }
work=$(mktemp -d)
out=$(mktemp -d "${OUT:-$work}/versions-XXXXXX")
trap 'rm -rf "$work" "$out"; rm -f "$ZOLA/freshdocs.toml"' EXIT

settings='title = "Zola"
content = "docs/content"

[freshness]
release_tags = "v*"
'
versions='
[versions]
keep = 5
'
# One setting's freshdocs.toml at the root of the clone (untracked; removed on exit).
configure() { if [ "$1" = current ]; then printf '%s' "$settings"; else printf '%s%s' "$settings" "$versions"; fi > "$ZOLA/freshdocs.toml"; }

# A checkout of a tag without touching the clone's work tree: a worktree of its own. A partial
# clone lacks some large blobs (theme screenshots); those files are left out, as the versioned
# build leaves them out (with a warning).
checkout() {
  tag=$1 dir=$2
  [ -d "$dir" ] && return 0
  git -C "$ZOLA" worktree add -q --detach --no-checkout "$dir" "$tag"
  git -C "$dir" reset -q
  git -C "$dir" ls-tree -r "$tag" | awk '$2 == "blob" { print $3 }' \
    | git -C "$dir" cat-file --batch-check='%(objectname) %(objecttype)' | awk '$2 == "missing" { print $1 }' > "$work/missing"
  if [ -s "$work/missing" ]; then
    git -C "$dir" ls-tree -r "$tag" | grep -F -f "$work/missing" | cut -f2 | while read -r path; do
      git -C "$dir" update-index --skip-worktree -- "$path"
    done
  fi
  git -C "$dir" checkout-index -a -f
  printf '%s' "$settings" > "$dir/freshdocs.toml"
}

# The versions [versions] publishes: each older release line at its newest patch.
configure versions
"$BIN" build --root "$ZOLA" --out "$out/warm-versions" > "$work/first" 2>&1
lines=$(sed -n 's/^  and [0-9]* older versions: //p' "$work/first" | tr -d ,)
[ -n "$lines" ] || { cat "$work/first" >&2; exit 1; }
tags=""
for line in $lines; do tags="$tags $(git -C "$ZOLA" tag -l "$line.*" | sort -V | tail -n 1)"; done
echo "older versions: $lines (tags$tags)"
mkdir -p "$ZOLA-tags"
for tag in $tags; do checkout "$tag" "$ZOLA-tags/$tag"; done

# One build of a setting into a new folder.
build() {
  mode=$1 run=$2
  case $mode in
    current | versions) configure "$mode"; "$BIN" build --root "$ZOLA" --out "$out/$mode-$run" > /dev/null 2>&1 ;;
    before) configure versions; "$BIN_BEFORE" build --root "$ZOLA" --out "$out/$mode-$run" > /dev/null 2>&1 ;;
    separate)
      configure current
      "$BIN" build --root "$ZOLA" --out "$out/$mode-$run/current" > /dev/null 2>&1
      for tag in $tags; do "$BIN" build --root "$ZOLA-tags/$tag" --out "$out/$mode-$run/$tag" > /dev/null 2>&1; done ;;
  esac
}
modes="current versions separate"
[ -n "$BIN_BEFORE" ] && modes="$modes before"
for mode in $modes; do build "$mode" warm; done

# The CPU time (user + sys) of every child this shell has waited for, in seconds: less
# sensitive than the wall to what else the machine runs.
# (`times` into a file: in a pipe or `$(…)` it would run in a subshell, which has no children.)
children_cpu() { times > "$work/cpu"; tail -n 1 "$work/cpu" | tr 'ms' '  ' | awk '{ print $1 * 60 + $2 + $3 * 60 + $4 }'; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/times"
i=0
while [ $i -lt "$RUNS" ]; do
  # Rotate which goes first, so that no setting always follows the same one.
  order=$(echo $modes | tr ' ' '\n' | awk -v k=$i '{ a[NR - 1] = $0 } END { for (j = 0; j < NR; j++) print a[(j + k) % NR] }')
  for mode in $order; do
    # The builds before this one wrote hundreds of megabytes (the separate builds copy every
    # tag's screenshots): flushed first, untimed, so that no build pays for another's writes.
    sync
    start=$(date +%s.%N)
    children_cpu > "$work/cpu-start"
    build "$mode" "$i"
    children_cpu > "$work/cpu-end"
    end=$(date +%s.%N)
    echo "$mode $(echo "$end - $start" | bc) $(echo "$(cat "$work/cpu-end") - $(cat "$work/cpu-start")" | bc)" >> "$work/times"
  done
  i=$((i + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{ printf "  %-8s wall %.2fs  cpu %.2fs\n", $1, $2, $3 }' "$work/times"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for mode in $modes; do
  printf '%s %s %s\n' "$mode" "$(awk -v m="$mode" '$1 == m { print $2 }' "$work/times" | median)" \
    "$(awk -v m="$mode" '$1 == m { print $3 }' "$work/times" | median)"
done > "$work/medians"
awk '{ w[$1] = $2; c[$1] = $3 } END {
  for (k = 0; k < 2; k++) {
    split(k ? "cpu" : "wall", what); v["current"] = k ? c["current"] : w["current"]
    printf "median %s: current docs alone %.2fs; with 4 older versions %.2fs (%.2fx); each tag built separately %.2fs (%.2fx)",
      what[1], v["current"], k ? c["versions"] : w["versions"], (k ? c["versions"] : w["versions"]) / v["current"],
      k ? c["separate"] : w["separate"], (k ? c["separate"] : w["separate"]) / v["current"]
    if ("before" in w) printf "; BIN_BEFORE with the versions %.2fs (%.2fx)", k ? c["before"] : w["before"], (k ? c["before"] : w["before"]) / v["current"]
    printf "\n"
  } }' "$work/medians"

# Size on disk (hard links counted once, as du does), the bytes an upload sends (every link
# counted), and the files.
size() { printf '%-30s %8s MB on disk  %8s MB uploaded  %6s files\n' "$1" \
  "$(du -sm "$2" | cut -f1)" "$(du -sm -l "$2" | cut -f1)" "$(find "$2" -type f | wc -l)"; }
size "current docs alone" "$out/current-0"
size "with 4 older versions" "$out/versions-0"
size "each tag separately" "$out/separate-0"
[ -n "$BIN_BEFORE" ] && size "with 4 older versions (before)" "$out/before-0"
grep -E '^  [0-9]+ (pages rendered|files are)' "$work/first" || true
