#!/bin/sh
# Zero-config builds of real documentation written for other tools (see README.md here).
# Expects the repositories cloned under $DOCS (default /work/realdocs); never copies them into
# this repository. Sites go to /tmp/zc/<name>, results to /tmp/zc/results.json.
set -u
DOCS=${DOCS:-/work/realdocs}
BIN=${BIN:-$(dirname "$0")/../../target/release/freshdocs}

# hugoDocs as it is fails (exit 2). To measure the rest of it, build a copy with the 4 lines that
# freshdocs rejects neutralised (see README.md, bugs 1 and 2).
rm -rf /tmp/hugo-patched && cp -r "$DOCS/hugoDocs/content/en" /tmp/hugo-patched
sed -i 's/^alias: true/zz_alias: true/' /tmp/hugo-patched/quick-reference/glossary/float.md
sed -i 's#^aliases: \[/functions/hassuffix,/functions/strings/hassuffix\]#aliases: [/functions/hassuffix]#' \
    /tmp/hugo-patched/functions/strings/HasSuffix.md
sed -i 's#^aliases: \[/functions/time\]#zz_removed: [/functions/time]#' /tmp/hugo-patched/functions/time/AsTime.md
sed -i 's#^aliases: \[/methods/time/format\]#zz_removed: [/methods/time/format]#' /tmp/hugo-patched/methods/time/Format.md

python3 "$(dirname "$0")/check.py" --bin "$BIN" --json /tmp/zc/results.json \
    zola="$DOCS/zola/docs/content" \
    hugo="$DOCS/hugoDocs/content/en" \
    hugo-patched=/tmp/hugo-patched \
    jekyll="$DOCS/jekyll/docs" \
    jest="$DOCS/jest/docs" \
    book="$DOCS/book/src" \
    mdbook="$DOCS/mdBook/guide/src" \
    mkdocs="$DOCS/mkdocs/docs"
