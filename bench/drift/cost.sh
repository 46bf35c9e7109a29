#!/bin/sh
# What the coupled release rule costs: a cold `freshdocs check` with `release_rule = "coupled"`
# against one with `"all"`, on the same clone, interleaved, RUNS times each.
#   cost.sh NAME [NAME...]        e.g. cost.sh uv jj   (names and tag patterns from repos.txt)
#   BIN     freshdocs binary (default /work/main/target/release/freshdocs)
#   CLONES  where the clones are (default /work/bench-data/drift)
#   RUNS    runs per rule (default 7)
# "Cold": FRESHDOCS_NO_CACHE=1, so the history cache under .git/freshdocs/ is neither read nor
# written. Prints each run's wall and user seconds and peak RSS, then the medians and their ratio,
# and the load average before and after (this machine is shared).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:-/work/main/target/release/freshdocs}
CLONES=${CLONES:-/work/bench-data/drift}
RUNS=${RUNS:-7}
sites=$(mktemp -d)
trap 'rm -rf "$sites"' EXIT
set -f
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in "$@"; do
  line=$(grep -v '^#' "$here/repos.txt" | awk -v n="$name" '$1 == n')
  [ -n "$line" ] || { echo "cost.sh: $name is not in repos.txt" >&2; exit 2; }
  docs=$(echo "$line" | awk '{print $3}')
  tags=$(echo "$line" | awk '{print $4}')
  for rule in all coupled; do
    mkdir -p "$sites/$name-$rule"
    printf 'content = "%s/%s/%s"\n[freshness]\nrelease_tags = "%s"\nrelease_rule = "%s"\n' \
      "$CLONES" "$name" "$docs" "$tags" "$rule" > "$sites/$name-$rule/freshdocs.toml"
  done
  : > "$sites/$name.times"
  i=0
  while [ $i -lt "$RUNS" ]; do
    for rule in all coupled; do
      /usr/bin/time -f "$rule %e %U %M" -o "$sites/one" env FRESHDOCS_NO_CACHE=1 \
        "$BIN" check --root "$sites/$name-$rule" --format json > /dev/null 2>&1 || true
      tail -n 1 "$sites/one" >> "$sites/$name.times"  # after a "Command exited with …" line
    done
    i=$((i + 1))
  done
  echo "== $name ($(git -C "$CLONES/$name" rev-list --count HEAD) commits)"
  awk '{ printf "  %-8s wall %ss  user %ss  peak %d MB\n", $1, $2, $3, $4 / 1024 }' "$sites/$name.times"
  # Wall is the target; user CPU is printed beside it because it moves less when the machine is
  # loaded (both cores busy, the coupled rule's threads wait).
  for col in 2 3; do
    for rule in all coupled; do
      printf '%s ' "$rule"
      awk -v r="$rule" -v c="$col" '$1 == r { print $c }' "$sites/$name.times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
    done | awk -v what="$([ $col = 2 ] && echo wall || echo user)" '{ m[$1] = $2 } END { printf "  median %s: all %.2fs, coupled %.2fs, ratio %.2f\n", what, m["all"], m["coupled"], m["coupled"] / m["all"] }'
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
