#!/usr/bin/env python3
"""Replay (b), "a release cycle with the docs frozen": which articles does `freshdocs check`'s
release rule flag when a whole release's product changes landed and no docs change did?

For consecutive release tags (T1, T2) (non-prerelease, matching --tags, T1 an ancestor of T2,
the --cycles most recent), in a scratch clone (`git clone --shared`, the original clone's refs
untouched): every first-parent commit of T1..T2 is replayed on top of T1 in order, each with its
own tree but the docs folder kept as T1's (all product changes land, no docs change does); every
tag is deleted except T1, and the last replayed commit is tagged T2 (annotated, with T2's real
date). With the replayed T2 checked out, for release_rule = coupled and = all:

    freshdocs check --root <site> --format json --now <T2's date + 1 day>

where <site>/freshdocs.toml has content = "<scratch>/<docs>", release_tags, release_rule and
grace = "0d". An article is flagged when it has a finding of rule "release".

Ground truth: the articles existing at T1 that the writers really edited in T1..T2 (status M in
a first-parent commit's diff against its first parent; commits changing more than --bulk
Markdown files of the docs folder are bulk edits and ignored), among the articles `check` judges.

    python3 bench/drift/replay_cycle.py --repo /work/bench-data/drift/mdBook --docs guide/src \
        --bin target/release/freshdocs --tags 'v*' [--cycles 4]

`--dry-run` replays and checks the trees without running the binary.
"""

import argparse
import fnmatch
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as c  # noqa: E402


def literal_prefix(pattern):
    m = re.match(r"[^*?\[]*", pattern)
    return m.group(0)


def releases(repo, pattern):
    """[(tag, version tuple, tag object or commit sha, commit sha, date ISO, epoch)] of
    non-prerelease tags matching pattern, oldest version first."""
    out = c.git(repo, "for-each-ref", "refs/tags", "--format=%(refname:strip=2)%00%(objectname)"
                "%00%(*objectname)%00%(objecttype)%00%(creatordate:iso-strict)%00"
                "%(creatordate:unix)")
    pre = literal_prefix(pattern)
    rows = []
    for line in out.splitlines():
        name, obj, peeled, typ, date, ts = line.split("\x00")
        if not fnmatch.fnmatchcase(name, pattern):
            continue
        m = re.fullmatch(r"(\d+(?:\.\d+)*)", name[len(pre):])
        if not m:
            continue  # pre-release (-rc, -beta...) or another scheme
        commit = peeled if typ == "tag" else obj
        rows.append((name, tuple(int(x) for x in m.group(1).split(".")), obj, commit, date, int(ts)))
    rows.sort(key=lambda r: r[1])
    return rows


def cycles(repo, rels, n):
    pairs = []
    for a, b in zip(rels, rels[1:]):
        if a[3] != b[3] and c.is_ancestor(repo, a[3], b[3]):
            pairs.append((a, b))
    return pairs[-n:] if n else pairs


def ground_truth(repo, t1, t2, docs, ignore, bulk, t1_articles):
    rows = c.first_parent_log(repo, f"{t1}..{t2}")
    edited, edited_with_product, bulk_skipped = set(), set(), 0
    for sha, parents, at, ct, changes in rows:
        dch = c.doc_changes(changes, docs)
        if len(dch) > bulk:
            bulk_skipped += 1
            continue
        ed = {p for s, p in dch if s == "M" and p in t1_articles}
        edited |= ed
        if c.product_paths(changes, docs, ignore):
            edited_with_product |= ed
    return rows, edited, edited_with_product, bulk_skipped


def prepare_scratch(repo, scratch):
    if not os.path.exists(os.path.join(scratch, ".git")):
        if os.path.exists(scratch):
            shutil.rmtree(scratch)
        os.makedirs(os.path.dirname(scratch), exist_ok=True)
        c.git(os.path.dirname(scratch), "clone", "-q", "--shared", "--no-checkout", repo, scratch)
        # Blobs absent from the snapshot are stood in for by refs/replace (README).
        c.git(scratch, "fetch", "-q", "origin", "+refs/replace/*:refs/replace/*", check=False)
    return scratch


def replay_cycle(repo, scratch, t1, t2, docs):
    """Replay T1..T2 on T1 in the scratch clone; returns (final sha, count, problems)."""
    commits = c.first_parent_log(scratch, f"{t1[3]}..{t2[3]}")[::-1]
    prev = t1[3]
    problems = []
    for sha, parents, at, ct, changes in commits:
        info = c.commit_info(scratch, sha)
        tree = c.replay_tree(scratch, sha, t1[3], docs)
        new = c.commit_tree(scratch, tree, [prev], info["message"], info["author_date"],
                            info["committer_date"])
        if c.tree_of(scratch, new, docs) != c.tree_of(scratch, t1[3], docs):
            problems.append(f"{sha[:12]}: docs differ from T1's")
        prev = new
    # The final tree is T2's outside the docs folder.
    bad = [p for _, p in c.changes_between(scratch, t2[3], prev) if not c.under(p, docs)]
    if bad:
        problems.append(f"final tree differs from {t2[0]} outside {docs}: {bad[:5]}")
    return prev, len(commits), problems


def set_tags(scratch, t1, t2, final):
    refs = c.git(scratch, "for-each-ref", "refs/tags", "--format=delete %(refname)")
    if refs:
        c.git(scratch, "update-ref", "--stdin", input=refs)
    c.git(scratch, "update-ref", f"refs/tags/{t1[0]}", t1[2])
    env = dict(c.BENCH_IDENT)
    env["GIT_COMMITTER_DATE"] = t2[4]
    c.git(scratch, "tag", "-a", t2[0], final, "-m", f"{t2[0]} (replayed, docs frozen at {t1[0]})",
          env=env)


def site(folder, content, pattern, rule):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "freshdocs.toml"), "w") as f:
        f.write(f'title = "drift bench"\ncontent = "{content}"\n\n[freshness]\n'
                f'release_tags = "{pattern}"\nrelease_rule = "{rule}"\ngrace = "0d"\n')
    return folder


def run_check(bin_, folder, now, timeout):
    cmd = [bin_, "check", "--root", folder, "--format", "json", "--now", now]
    rc, so, se, secs = c.run_bin(cmd, timeout)
    if rc not in (0, 1):
        return None, f"{' '.join(cmd)}\n  -> exit {rc}: {se.strip()[:1000]}", secs
    try:
        arts = json.loads(so)["articles"]
    except (ValueError, KeyError, TypeError) as e:
        return None, f"{' '.join(cmd)}\n  -> bad JSON ({e}): {so[:300]}", secs
    judged = {a["path"] for a in arts}
    flagged = {a["path"]: [f for f in a.get("findings", []) if f.get("rule") == "release"]
               for a in arts}
    flagged = {p: f for p, f in flagged.items() if f}
    return (judged, flagged), None, secs


def ratio(a, b):
    return a / b if b else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--bin", default="/work/main/target/release/freshdocs")
    ap.add_argument("--tags", default="v*", help="release tag glob (the part before the first "
                    "glob character is stripped; the rest must be digits and dots)")
    ap.add_argument("--cycles", type=int, default=4, help="most recent cycles (0 = all)")
    ap.add_argument("--pairs", help="explicit T1:T2,T1:T2 instead of --cycles")
    ap.add_argument("--name")
    ap.add_argument("--ignore", action="append", default=[])
    ap.add_argument("--no-default-ignore", action="store_true")
    ap.add_argument("--bulk", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--scratch", help="scratch clone (default <scratch>/<name>-cycle)")
    ap.add_argument("--out")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()

    repo = os.path.abspath(args.repo)
    docs = args.docs.strip("/")
    name = args.name or c.repo_name(repo)
    ignore = ([] if args.no_default_ignore else c.DEFAULT_IGNORE) + args.ignore
    out = args.out or os.path.join(c.RESULTS_DIR, f"cycle-{name}.jsonl")
    scratch = args.scratch or os.path.join(c.SCRATCH_DIR, f"{name}-cycle")

    rels = releases(repo, args.tags)
    if args.pairs:
        by = {r[0]: r for r in rels}
        pairs = [(by[a], by[b]) for a, b in (p.split(":") for p in args.pairs.split(","))]
    else:
        pairs = cycles(repo, rels, args.cycles)
    c.log(f"{name}: {len(rels)} releases matching {args.tags!r}; cycles: "
          + ", ".join(f"{a[0]}..{b[0]}" for a, b in pairs))
    prepare_scratch(repo, scratch)

    rows = []
    for t1, t2 in pairs:
        row = {"repo": name, "t1": t1[0], "t2": t2[0], "t1_commit": t1[3], "t2_commit": t2[3],
               "t2_date": t2[4]}
        t1_articles = c.md_files(repo, t1[3], docs)
        log, edited, edited_prod, bulk_skipped = ground_truth(repo, t1[3], t2[3], docs, ignore,
                                                              args.bulk, t1_articles)
        row.update({"commits": len(log), "articles_t1": len(t1_articles),
                    "bulk_commits_ignored": bulk_skipped, "edited": sorted(edited),
                    "edited_with_product": sorted(edited_prod)})
        final, n, problems = replay_cycle(repo, scratch, t1, t2, docs)
        row.update({"replayed_t2": final, "replayed": n, "problems": problems})
        c.log(f"  {t1[0]}..{t2[0]}: {n} commits replayed, {len(edited)} articles edited, "
              f"problems: {problems or 'none'}")
        if problems or args.dry_run:
            rows.append(row)
            continue
        set_tags(scratch, t1, t2, final)
        c.checkout(scratch, f"refs/tags/{t2[0]}^{{commit}}", docs)
        now = c.iso_utc(t2[5] + 86400)
        row["now"] = now
        sites = os.path.join(c.SCRATCH_DIR, f"{name}-cycle-sites")
        res = {}
        for rule in ("coupled", "all"):
            folder = site(os.path.join(sites, rule), os.path.join(scratch, docs), args.tags, rule)
            got, err, secs = run_check(args.bin, folder, now, args.timeout)
            row[f"seconds_{rule}"] = round(secs, 3)
            if err:
                row["error"] = err
                c.log(f"  check failed: {err}")
                break
            res[rule] = got
        if "error" in row:
            rows.append(row)
            continue
        judged = res["all"][0]
        truth = edited & judged
        truth_p = edited_prod & judged
        cf, af = set(res["coupled"][1]), set(res["all"][1])
        row.update({
            "judged": len(judged), "truth": sorted(truth),
            "edited_not_judged": sorted(edited - judged),
            "flagged_coupled": sorted(cf), "flagged_all": len(af),
            "tp_coupled": len(cf & truth), "tp_all": len(af & truth),
            "precision_coupled": ratio(len(cf & truth), len(cf)),
            "recall_coupled": ratio(len(cf & truth), len(truth)),
            "precision_all": ratio(len(af & truth), len(af)),
            "recall_all": ratio(len(af & truth), len(truth)),
            "recall_coupled_product": ratio(len(cf & truth_p), len(truth_p)),
            "truth_product": len(truth_p), "tp_coupled_product": len(cf & truth_p),
            "missed": sorted(truth - cf), "false_alarms": sorted(cf - truth),
            "coupled_findings": {p: f for p, f in res["coupled"][1].items()},
        })
        row["precision_ratio"] = ratio(row["precision_coupled"], row["precision_all"])
        rows.append(row)

    c.write_jsonl(out, rows)
    if args.dry_run:
        bad = sum(1 for r in rows if r["problems"])
        print(f"{name}: {len(rows)} cycles replayed, {bad} with problems")
        for r in rows:
            print(f"  {r['t1']}..{r['t2']}: {r['replayed']} commits, {len(r['edited'])} articles "
                  f"edited ({len(r['edited_with_product'])} in commits with product changes), "
                  f"{r['articles_t1']} articles at T1")
        return 1 if bad else 0
    ok = [r for r in rows if "precision_coupled" in r]
    print(c.table(
        ["repo", "cycle", "commits", "judged", "edited", "flagged coupled", "TP", "precision coupled",
         "recall coupled", "flagged all", "precision all", "ratio"],
        [[name, f"{r['t1']}..{r['t2']}", r["commits"], r["judged"], len(r["truth"]),
          len(r["flagged_coupled"]), r["tp_coupled"], r["precision_coupled"], r["recall_coupled"],
          r["flagged_all"], r["precision_all"], r["precision_ratio"]] for r in ok]))
    if ok:
        tp = sum(r["tp_coupled"] for r in ok)
        fl = sum(len(r["flagged_coupled"]) for r in ok)
        tr = sum(len(r["truth"]) for r in ok)
        tpa = sum(r["tp_all"] for r in ok)
        fla = sum(r["flagged_all"] for r in ok)
        pc, pa = ratio(tp, fl), ratio(tpa, fla)
        print(f"\npooled over {len(ok)} cycles: precision coupled {pc:.2f} ({tp}/{fl}), recall "
              f"coupled {ratio(tp, tr):.2f} ({tp}/{tr}), precision all {pa:.2f} ({tpa}/{fla}), "
              f"ratio {ratio(pc, pa):.2f}")
    for r in rows:
        if "error" in r or r["problems"]:
            print(f"\n{r['t1']}..{r['t2']} failed: {r.get('error') or r['problems']}")
    print(f"\nrows: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
