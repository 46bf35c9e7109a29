#!/usr/bin/env python3
"""Replay (a), "forgotten docs": would `freshdocs impact` have named the articles a product change
made outdated, had the author forgotten to edit them?

For each sampled commit C of the first-parent chain (parent P = its first parent; a merge
commit counts as one change, its diff against P, unless --merges skip) that changed product files and
1-5 Markdown articles that existed in P (commits touching more than --bulk Markdown files of the
docs folder are bulk edits and skipped), it builds R = C's tree with the docs folder replaced by
P's, as a commit object with parent P (reachable from no ref), checks P out in a scratch worktree
(so the articles on disk and HEAD are P's) and runs

    freshdocs impact P..R --root <worktree>/<docs> --format json --limit 50 --now <C's date>

The ground truth is the set of articles C really edited. Per sample: the rank of each edited
article in the list; recall@5, recall@10 and recall over the whole (thresholded) list.

    python3 bench/drift/replay_forgotten.py --repo /work/bench-data/drift/mdBook \
        --docs guide/src --bin target/release/freshdocs [--ignore 'guide/*'] [--max-samples 400]

`--dry-run` builds and checks every replayed commit without running the binary. Rows go to
<results>/forgotten-<name>.jsonl, the summary to <results>/forgotten-<name>.summary.json.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as c  # noqa: E402


def eligible_commits(repo, head, docs, ignore, since_days, min_art, max_art, bulk, merges):
    rows = c.first_parent_log(repo, head, extra=[] if merges else ["--no-merges"])
    if not rows:
        return [], {}
    horizon = rows[0][3] - since_days * 86400
    out, why = [], {"older": 0, "root/merge": 0, "no product change": 0, "bulk docs edit": 0,
                    "edited articles out of range": 0}
    for sha, parents, at, ct, changes in rows:
        if ct < horizon:
            why["older"] += 1
            continue
        if not parents or (len(parents) > 1 and not merges):
            why["root/merge"] += 1
            continue
        prod = c.product_paths(changes, docs, ignore)
        if not prod:
            why["no product change"] += 1
            continue
        dch = c.doc_changes(changes, docs)
        if len(dch) > bulk:
            why["bulk docs edit"] += 1
            continue
        # Modified (status M) means the file existed in P.
        edited = sorted({p for s, p in dch if s == "M"})
        if not (min_art <= len(edited) <= max_art):
            why["edited articles out of range"] += 1
            continue
        out.append({"commit": sha, "parent": parents[0], "at": at, "ct": ct, "edited": edited,
                    "product_paths": prod, "docs_changes": dch})
    out.sort(key=lambda s: (s["ct"], s["commit"]))
    return out, why


def sample(eligible, cap, seed):
    if len(eligible) <= cap:
        return list(eligible)
    picked = random.Random(seed).sample(range(len(eligible)), cap)
    return [eligible[i] for i in sorted(picked)]


def replay(repo, s, docs):
    """Build R for a sample and check its tree: differs from P only outside the docs folder and
    from C only inside it. Returns (R sha or None when R's tree is P's, problem or None)."""
    C, P = s["commit"], s["parent"]
    tree = c.replay_tree(repo, C, P, docs)
    if tree == c.tree_of(repo, P):
        return None, None
    info = c.commit_info(repo, C)
    msg = info["message"]
    R = c.commit_tree(repo, tree, [P], msg, info["author_date"], info["committer_date"])
    bad_pr = [p for _, p in c.changes_between(repo, P, R) if c.under(p, docs)]
    bad_cr = [p for _, p in c.changes_between(repo, C, R) if not c.under(p, docs)]
    if bad_pr or bad_cr:
        return R, f"replay tree wrong: P..R touches docs {bad_pr[:3]}, C..R touches product {bad_cr[:3]}"
    s["subject"] = info["subject"]
    s["date"] = info["committer_date"]
    return R, None


def score(s, listed):
    paths = [a["path"] for a in listed]
    rank = {p: i + 1 for i, p in enumerate(paths)}
    truth = s["edited"]
    hits = {k: sum(1 for t in truth if rank.get(t, 10**9) <= k) for k in (5, 10)}
    found = sum(1 for t in truth if t in rank)
    s["ranks"] = {t: rank.get(t) for t in truth}
    s["recall5"] = hits[5] / len(truth)
    s["recall10"] = hits[10] / len(truth)
    s["recall_all"] = found / len(truth)
    s["found"] = found
    s["list_len"] = len(paths)


def summarize(name, rows, failures, skipped, first_error, n_eligible, limit):
    ok = [r for r in rows if "recall_all" in r]
    edited = sum(len(r["edited"]) for r in ok)
    found = sum(r["found"] for r in ok)
    sec = [(t, r["ranks"][t]) for r in ok for t in r["edited"] if c.is_section_page(t)]
    summ = {
        "repo": name, "eligible": n_eligible, "samples": len(ok), "failed": failures,
        "skipped_same_tree": skipped, "first_error": first_error,
        "recall5": c.mean(r["recall5"] for r in ok),
        "recall10": c.mean(r["recall10"] for r in ok),
        "recall_all": c.mean(r["recall_all"] for r in ok),
        "median_list_len": c.median([r["list_len"] for r in ok]),
        "truncated_lists": sum(1 for r in ok if r["list_len"] >= limit),
        "empty_lists": sum(1 for r in ok if r["list_len"] == 0),
        "edited_articles": edited,
        "share_edited_in_list": found / edited if edited else float("nan"),
        "edited_section_pages": len(sec),
        "edited_section_pages_found": sum(1 for _, rk in sec if rk),
        "baseline_release_recall10": c.mean(min(1.0, 10 / r["n_articles"]) for r in ok),
        "median_articles": c.median([r["n_articles"] for r in ok]),
        "median_seconds": c.median([r["seconds"] for r in ok]),
    }
    return summ


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", required=True, help="a clone of the product repository")
    ap.add_argument("--docs", required=True, help="docs folder, relative to the repository root")
    ap.add_argument("--bin", default="/work/main/target/release/freshdocs")
    ap.add_argument("--name", help="name in results (default: the clone's folder name)")
    ap.add_argument("--rev", default="HEAD", help="tip whose first-parent history is replayed")
    ap.add_argument("--ignore", action="append", default=[],
                    help="extra glob of non-product paths (repeatable; defaults in common.py)")
    ap.add_argument("--no-default-ignore", action="store_true")
    ap.add_argument("--merges", choices=["first-parent", "skip"], default="first-parent",
                    help="merge commits of the first-parent chain: replay each as one change "
                         "(its diff against its first parent; R then has P as only parent), "
                         "or skip them (then a merge-based history such as mdBook's has "
                         "almost no samples)")
    ap.add_argument("--since-days", type=int, default=3 * 365)
    ap.add_argument("--max-samples", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-articles", type=int, default=1)
    ap.add_argument("--max-articles", type=int, default=5)
    ap.add_argument("--bulk", type=int, default=10,
                    help="skip commits changing more Markdown files of the docs folder")
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--commits", help="comma-separated shas: replay only these")
    ap.add_argument("--worktree", help="scratch worktree (default <scratch>/<name>-forgotten)")
    ap.add_argument("--out", help="JSONL of rows (default <results>/forgotten-<name>.jsonl)")
    ap.add_argument("--dry-run", action="store_true", help="build and check replays only")
    args = ap.parse_args()

    repo = os.path.abspath(args.repo)
    docs = args.docs.strip("/")
    name = args.name or c.repo_name(repo)
    ignore = ([] if args.no_default_ignore else c.DEFAULT_IGNORE) + args.ignore
    out = args.out or os.path.join(c.RESULTS_DIR, f"forgotten-{name}.jsonl")
    wt = args.worktree or os.path.join(c.SCRATCH_DIR, f"{name}-forgotten")
    head = c.rev(repo, args.rev)

    eligible, why = eligible_commits(repo, head, docs, ignore, args.since_days,
                                     args.min_articles, args.max_articles, args.bulk,
                                     args.merges == "first-parent")
    if args.commits:
        want = set(args.commits.split(","))
        samples = [s for s in eligible if s["commit"] in want or s["commit"][:12] in want
                   or any(s["commit"].startswith(w) for w in want)]
    else:
        samples = sample(eligible, args.max_samples, args.seed)
    c.log(f"{name}: HEAD {head[:12]}, {len(eligible)} eligible commits ({why}), "
          f"{len(samples)} sampled")
    if not args.dry_run:
        c.ensure_worktree(repo, wt, head)

    rows, failures, skipped, first_error, bad_replays = [], 0, 0, None, 0
    for i, s in enumerate(samples):
        P = s["parent"]
        try:
            R, problem = replay(repo, s, docs)
        except c.GitError as e:
            R, problem = None, str(e)
        if problem:
            bad_replays += 1
            c.log(f"  {s['commit'][:12]}: {problem}")
            s["error"] = problem
            rows.append(s)
            continue
        if R is None:
            skipped += 1
            continue
        s["replay"] = R
        s["n_articles"] = len(c.md_files(repo, P, docs))
        if args.dry_run:
            rows.append(s)
            continue
        c.checkout(wt, P, docs)
        cmd = [args.bin, "impact", f"{P}..{R}", "--root", os.path.join(wt, docs),
               "--format", "json", "--limit", str(args.limit), "--now", c.iso_utc(s["ct"])]
        rc, so, se, secs = c.run_bin(cmd, args.timeout)
        s["seconds"] = round(secs, 3)
        listed = None
        if rc == 0:
            try:
                listed = json.loads(so)["articles"]
            except (ValueError, KeyError, TypeError) as e:
                se = f"bad JSON ({e}): {so[:300]}"
        if listed is None:
            failures += 1
            s["error"] = f"exit {rc}: {se.strip()[:1000]}"
            if first_error is None:
                first_error = f"{' '.join(cmd)}\n  -> {s['error']}"
                c.log(f"  first failure: {first_error}")
            rows.append(s)
            continue
        score(s, listed)
        s["updated_in_range"] = sum(1 for a in listed if a.get("updated_in_range"))
        s["listed"] = [{"path": a["path"], "score": a.get("score"),
                        "evidence": [{k: e.get(k) for k in ("kind", "product_path", "detail", "line")}
                                     for e in a.get("evidence", [])[:3]]}
                       for a in listed[:15]]
        s["listed_paths"] = [a["path"] for a in listed]
        s["listed_scores"] = [a.get("score") for a in listed]
        rows.append(s)
        if (i + 1) % 25 == 0:
            ok = [r for r in rows if "recall_all" in r]
            c.log(f"  {i + 1}/{len(samples)}: recall@10 {c.mean(r['recall10'] for r in ok):.2f}, "
                  f"failed {failures}")

    for r in rows:
        r["repo"] = name
    c.write_jsonl(out, rows)
    if args.dry_run:
        print(f"{name}: {len(rows) - bad_replays} replays checked (R differs from P only outside "
              f"{docs}/ and from C only inside it), {bad_replays} wrong, {skipped} with P's tree")
        return 1 if bad_replays else 0
    summ = summarize(name, rows, failures, skipped, first_error, len(eligible), args.limit)
    summ.update({"head": head, "docs": docs, "bin": args.bin, "bad_replays": bad_replays})
    with open(out.replace(".jsonl", ".summary.json"), "w") as f:
        json.dump(summ, f, indent=1, sort_keys=True)
    print(c.table(
        ["repo", "samples", "failed", "recall@5", "recall@10", "recall(list)", "median list",
         "share edited in list", "release rule recall@10"],
        [[name, summ["samples"], failures, summ["recall5"], summ["recall10"], summ["recall_all"],
          summ["median_list_len"], summ["share_edited_in_list"],
          summ["baseline_release_recall10"]]]))
    if first_error:
        print(f"\n{failures} impact runs failed; the first:\n{first_error}")
    print(f"\nrows: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
