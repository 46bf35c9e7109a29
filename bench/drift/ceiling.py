#!/usr/bin/env python3
"""What replay (a)'s recall could be at best: of the edited articles, how many got any evidence.

Reads the rows of an uncut run (FRESHDOCS_FLOOR=0 FRESHDOCS_RELATIVE=0, see README.md), where
`ranks` holds every edited article that `impact` listed at all (up to --limit 50). Pooled over
edited articles (not averaged per sample, as summarize.py's recall@10 is):

- listed at all: the most any ordering of today's evidence could put in a list;
- in the uncut top 10: what ordering alone gives before the cut;
- the unlisted ones by the commit's subject: chores, typo and docs commits, and merges, whose
  article edits rarely follow from the product change, against features and fixes.

    python3 bench/drift/ceiling.py --results DIR [--clones /work/bench-data/drift]
"""
import argparse
import collections
import glob
import json
import os
import re

CHORE = re.compile(
    r"(docs?|chore|typo|ci|build|style|lint|fmt|refactor)\b"
    r"|.*\b(typo|spelling|codespell|bump|release|update dep|dependenc|prettier|lint)"
)


def subject_class(subject):
    s = subject.lower()
    if s.startswith("merge"):
        return "merge"
    if CHORE.match(s):
        return "chore/docs/typo/release"
    return "feature/fix"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    args = ap.parse_args()
    total = collections.Counter()
    classes = collections.Counter()
    print("| repo | edited | listed at all | in uncut top 10 | unlisted |")
    print("|---|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(args.results, "forgotten-*.jsonl"))):
        repo = os.path.basename(path)[len("forgotten-"):-len(".jsonl")]
        c = collections.Counter()
        for line in open(path):
            row = json.loads(line)
            ranks = row.get("ranks") or {}
            for edited in row["edited"]:
                rank = ranks.get(edited)
                c["edited"] += 1
                if rank is None:
                    c["unlisted"] += 1
                    classes[subject_class(row["subject"])] += 1
                else:
                    c["listed"] += 1
                    c["top10"] += rank <= 10
        total += c
        n = c["edited"] or 1
        print(f"| {repo} | {c['edited']} | {c['listed'] / n:.2f} | {c['top10'] / n:.2f} | {c['unlisted']} |")
    n = total["edited"] or 1
    print(f"| **pooled** | {total['edited']} | **{total['listed'] / n:.3f}** | {total['top10'] / n:.3f} | {total['unlisted']} |")
    print()
    print("Unlisted edited articles by the commit's subject:", dict(classes))


if __name__ == "__main__":
    main()
