#!/bin/sh
# Clone a fetched snapshot for the drift backtests and describe it.
#   prepare.sh NAME GIT_DIR [DOCS]     e.g. prepare.sh mdBook /work/.mirror/rust-lang+mdBook/repo guide/src
# GIT_DIR is the bare git directory the `fetch` tool returned for repos.txt's source. The clone
# goes to $CLONES/NAME (default /work/bench-data/drift), never into this repository.
#
# A plain local clone (hard links): `--no-local` fails on these snapshots, which lack blobs of
# 4 MiB and more. Each absent blob gets a refs/replace/<sha> to a small placeholder blob so that
# `git checkout` works; trees and commit shas are unchanged (replace refs only swap content on
# read). Those blobs are binaries (screenshots, wheels, tarballs), never Markdown.
set -eu
name=$1 src=$2 docs=${3:-}
CLONES=${CLONES:-/work/bench-data/drift}
dst=$CLONES/$name
[ -d "$dst/.git" ] || git clone -q "$src" "$dst" 2>/dev/null || true
cd "$dst"
ph=$(echo "placeholder: blob absent from the snapshot" | git hash-object -w --stdin)
for m in $(git rev-list --objects --all --missing=print | sed -n 's/^?//p'); do
  git replace -f "$m" "$ph"
done
git checkout -q -f HEAD
echo "$name: HEAD $(git rev-parse HEAD) ($(git log -1 --format=%cs)), $(git rev-list --count HEAD) commits," \
  "$(git tag | wc -l) tags, $(git replace -l | wc -l) absent blobs replaced"
if [ -n "$docs" ]; then
  echo "  $docs: $(git ls-files -- "$docs" | grep -ciE '\.(md|markdown)$') Markdown files"
fi
