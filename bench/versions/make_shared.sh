#!/bin/sh
# A corpus whose versions share most articles, as issue 16's build-time target assumes: zola's
# docs at HEAD (docs/content, 180 Markdown files and their images) committed as v1.0.0, then four
# releases v1.1.0 … v1.4.0, each changing the text of a tenth of the Markdown files (a different
# tenth each time). Every commit has a fixed author and date.
#   make_shared.sh [ZOLA] [DEST]   defaults /work/bench-data/versions/zola and …/shared
# Then: sh bench/versions/cost.sh /work/bench-data/versions/shared
set -eu
ZOLA=${1:-/work/bench-data/versions/zola}
DEST=${2:-/work/bench-data/versions/shared}
[ -d "$ZOLA/docs/content" ] || { echo "no zola clone at $ZOLA: see bench/versions/README.md" >&2; exit 2; }
[ -e "$DEST" ] && { echo "$DEST exists; remove it first" >&2; exit 2; }
mkdir -p "$DEST/docs"
cp -R "$ZOLA/docs/content" "$DEST/docs/content"
cd "$DEST"
git init -q
git config user.name "Bench"
git config user.email "bench@example.com"
commit() {
  GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git commit -q -m "$1"
}
git add -A
commit "Docs 1.0" "2025-01-01T10:00:00Z"
git tag v1.0.0
find docs/content -name '*.md' | LC_ALL=C sort > ../shared-articles
for minor in 1 2 3 4; do
  # Files minor-1, minor-1+10, minor-1+20, …: a tenth of them, another tenth each release.
  awk -v k=$((minor - 1)) 'NR % 10 == k' ../shared-articles | while read -r file; do
    printf '\nChanged in 1.%s: see the release notes.\n' "$minor" >> "$file"
  done
  git add -A
  commit "Docs 1.$minor" "2025-0$((minor + 1))-01T10:00:00Z"
  git tag "v1.$minor.0"
done
rm ../shared-articles
echo "made $DEST: $(git tag | wc -l) tags, $(find docs/content -name '*.md' | wc -l) Markdown files"
