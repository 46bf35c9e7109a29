#!/usr/bin/env python3
"""Offline: would "family" evidence reach the edits that today's evidence misses?

A change that adds a new environment variable or flag (`UV_NO_SYNC`, `--no-sync`) names nothing
any article names yet, so no mention finds the article that lists its kind. But the article that
lists `UV_CACHE_DIR`, `UV_INDEX_URL` and forty more is the one to update. Family evidence: an
identifier that the change adds (on added lines, on no removed line) and that the article does not
name, whose family the article names at least --min-members times. Families:

- `UV_NO_SYNC` (upper case, `_`-joined): its first word, `UV_`;
- `--no-sync` (a long flag): the flags of the article.

Reads an uncut run's rows (README.md, "The ceiling"), re-diffs each sample's replay P..R in the
clone, reads the articles at P, and counts, pooled over the edited articles: how many are unlisted
today and would get family evidence, and per sample how many articles that were not edited would.

    python3 bench/drift/family.py --results DIR [--clones /work/bench-data/drift] [--min-members 5]
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as c  # noqa: E402

UPPER = re.compile(r"(?<![A-Za-z0-9_])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_])")
FLAG = re.compile(r"(?<![A-Za-z0-9_-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?![A-Za-z0-9_-])")
CODE = re.compile(r"`([^`\n]+)`")


def families(text, code_only):
    """{family: set of members} of some text."""
    out = collections.defaultdict(set)
    parts = CODE.findall(text) if code_only else [text]
    for part in parts:
        for m in UPPER.findall(part):
            out[m.split("_")[0] + "_"].add(m)
        for m in FLAG.findall(part):
            out["--"].add(m)
    return out


def article_text(repo, commit, path):
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], capture_output=True,
                          text=True, errors="replace").stdout


def added_members(repo, P, R, docs, ignore):
    changes = c.changes_between(repo, P, R)
    paths = c.product_paths(changes, docs, ignore)
    if not paths:
        return {}
    diff = subprocess.run(["git", "-C", repo, "diff", "-U0", "--no-renames", P, R, "--", *paths],
                          capture_output=True, text=True, errors="replace").stdout
    plus, minus = collections.defaultdict(set), collections.defaultdict(set)
    for line in diff.splitlines():
        if line.startswith("+++") or line.startswith("---"):
            continue
        if line.startswith("+"):
            for f, ms in families(line[1:], False).items():
                plus[f] |= ms
        elif line.startswith("-"):
            for f, ms in families(line[1:], False).items():
                minus[f] |= ms
    return {f: ms - minus.get(f, set()) for f, ms in plus.items() if ms - minus.get(f, set())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--clones", default="/work/bench-data/drift")
    ap.add_argument("--min-members", type=int, default=5)
    args = ap.parse_args()
    repos = {r["name"]: r for r in c.load_repos(os.path.join(os.path.dirname(__file__), "repos.txt"))}
    table = []
    for path in sorted(glob.glob(os.path.join(args.results, "forgotten-*.jsonl"))):
        name = os.path.basename(path)[len("forgotten-"):-len(".jsonl")]
        info = repos[name]
        repo, docs = os.path.join(args.clones, name), info["docs"]
        ignore = c.DEFAULT_IGNORE + info["ignore"]
        rows = [json.loads(l) for l in open(path) if l.strip()]
        rows = [r for r in rows if "recall_all" in r]
        cache = {}
        edited = unlisted = gained = gained_listed = 0
        extra = []
        for r in rows:
            P, R = r["parent"], r["replay"]
            added = added_members(repo, P, R, docs, ignore)
            arts = c.md_files(repo, P, docs)
            hit = set()
            if added:
                for a in arts:
                    key = (P, a)
                    if key not in cache:
                        cache[key] = families(article_text(repo, P, f"{docs}/{a}"), True)
                    fam = cache[key]
                    for f, new in added.items():
                        if len(fam.get(f, ())) >= args.min_members and new - fam[f]:
                            hit.add(a)
            for t in r["edited"]:
                edited += 1
                listed = r["ranks"].get(t) is not None
                unlisted += not listed
                if t in hit:
                    gained += not listed
                    gained_listed += listed
            extra.append(len(hit - set(r["edited"])))
        table.append([name, edited, unlisted, gained, gained_listed,
                      sum(1 for x in extra if x), c.median(extra) if extra else 0, max(extra or [0])])
        print(f"{name}: {table[-1]}", file=sys.stderr)
    print(c.table(["repo", "edited", "unlisted today", "unlisted, family hit", "listed, family hit",
                   "samples with a false hit", "median false hits", "max false hits"], table))


if __name__ == "__main__":
    main()
