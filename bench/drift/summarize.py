#!/usr/bin/env python3
"""Tables of the drift backtests from their JSONL rows (no replay is run).

    python3 bench/drift/summarize.py [--results DIR] [--misses mdBook,zola] [--n 5]

Prints, as Markdown: replay (a) per repository (tuning / held-out), its recall split into
generated and hand-written articles where repos.txt names generated ones, replay (b) per
repository pooled over its cycles and per cycle, and with --misses the worst misses of replay (a):
edited articles that `impact` did not list at all, the most focused commits (fewest product
files) first, with what it listed instead.
"""

import argparse
import fnmatch
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as c  # noqa: E402


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# Cuts to apply again to rows run with looser ones (--floor, --relative, --first-listed, --relative-past-first, --limit,
# --release-threshold): the ranking is the binary's, only where the list ends changes.
CUT = {}


def recut_forgotten(rows):
    """Cuts each impact list again, as `impact` would with FLOOR, RELATIVE and --limit."""
    if not any(k in CUT for k in ("floor", "relative", "first_listed", "relative_past_first", "limit")):
        return rows
    for s in rows:
        if "recall_all" not in s:
            continue
        if "listed_scores" not in s:
            sys.exit("--floor/--relative/--limit need rows with listed_scores (replay_forgotten.py "
                     "after 2026-12-02)")
        scores = s["listed_scores"]
        best = scores[0] if scores else 0.0
        first = CUT.get("first_listed", 0)
        relative = CUT.get("relative", 0.0)
        past_first = CUT.get("relative_past_first", relative)
        keep = [p for i, (p, x) in enumerate(zip(s["listed_paths"], scores))
                if x >= CUT.get("floor", 0.0) and x >= (relative if i < first else past_first) * best]
        keep = keep[:CUT.get("limit", len(keep))]
        rank = {p: i + 1 for i, p in enumerate(keep)}
        truth = s["edited"]
        s["ranks"] = {t: rank.get(t) for t in truth}
        s["recall5"] = sum(1 for t in truth if rank.get(t, 10**9) <= 5) / len(truth)
        s["recall10"] = sum(1 for t in truth if rank.get(t, 10**9) <= 10) / len(truth)
        s["found"] = sum(1 for t in truth if t in rank)
        s["recall_all"] = s["found"] / len(truth)
        s["list_len"] = len(keep)
    return rows


def recut_cycle(rows):
    """Flags again the articles whose coupled release finding scores at least the threshold."""
    if "release_threshold" not in CUT:
        return rows
    for x in rows:
        if "precision_coupled" not in x:
            continue
        cf = {p for p, fs in x["coupled_findings"].items()
              if any((f.get("score") or 0.0) >= CUT["release_threshold"] for f in fs)}
        truth = set(x["truth"])
        truth_p = set(x["edited_with_product"]) & truth
        x["flagged_coupled"] = sorted(cf)
        x["tp_coupled"] = len(cf & truth)
        x["tp_coupled_product"] = len(cf & truth_p)
        x["precision_coupled"] = ratio(len(cf & truth), len(cf))
        x["recall_coupled"] = ratio(len(cf & truth), len(truth))
    return rows


def ratio(a, b):
    return a / b if b else float("nan")


def forgotten_table(repos, results):
    rows, split = [], []
    for r in repos:
        path = os.path.join(results, f"forgotten-{r['name']}.jsonl")
        if not os.path.exists(path):
            continue
        allrows = recut_forgotten(load(path))
        ok = [s for s in allrows if "recall_all" in s]
        failed = sum(1 for s in allrows if "error" in s)
        if not ok:
            rows.append([r["name"], r["role"], 0, failed] + [float("nan")] * 7)
            continue
        edited = sum(len(s["edited"]) for s in ok)
        found = sum(s["found"] for s in ok)
        rows.append([
            r["name"], r["role"], len(ok), failed,
            c.mean(s["recall5"] for s in ok), c.mean(s["recall10"] for s in ok),
            c.mean(s["recall_all"] for s in ok), c.median([s["list_len"] for s in ok]),
            f"{ratio(found, edited):.2f} ({found}/{edited})",
            c.mean(min(1.0, 10 / s["n_articles"]) for s in ok),
            c.median([s["seconds"] for s in ok]),
        ])
        if r["generated"]:
            def gen(p):
                return any(fnmatch.fnmatchcase(p, g) for g in r["generated"])
            for label, keep in (("generated", gen), ("hand-written", lambda p: not gen(p))):
                ranks = [rk for s in ok for t, rk in s["ranks"].items() if keep(t)]
                if not ranks:
                    continue
                split.append([r["name"], label, len(ranks),
                              ratio(sum(1 for x in ranks if x and x <= 10), len(ranks)),
                              ratio(sum(1 for x in ranks if x), len(ranks))])
    out = c.table(["repo", "set", "samples", "failed", "recall@5", "recall@10", "recall (list)",
                   "median list", "share of edited in list", "release rule recall@10",
                   "median s/run"], rows)
    if split:
        out += "\n\nEdited articles generated from the code vs written by hand (pooled):\n\n"
        out += c.table(["repo", "articles", "edited", "in top 10", "in list"], split)
    return out


def cycle_table(repos, results):
    pooled, per = [], []
    for r in repos:
        path = os.path.join(results, f"cycle-{r['name']}.jsonl")
        if not os.path.exists(path):
            continue
        rows = recut_cycle(load(path))
        ok = [x for x in rows if "precision_coupled" in x]
        failed = len(rows) - len(ok)
        for x in ok:
            per.append([r["name"], f"{x['t1']}..{x['t2']}", x["commits"], x["judged"],
                        len(x["truth"]), len(x["flagged_coupled"]), x["tp_coupled"],
                        x["precision_coupled"], x["recall_coupled"], x["flagged_all"],
                        x["precision_all"], x["recall_all"]])
        tp = sum(x["tp_coupled"] for x in ok)
        fl = sum(len(x["flagged_coupled"]) for x in ok)
        tr = sum(len(x["truth"]) for x in ok)
        tpa = sum(x["tp_all"] for x in ok)
        fla = sum(x["flagged_all"] for x in ok)
        trp = sum(x.get("truth_product", 0) for x in ok)
        tpp = sum(x.get("tp_coupled_product", 0) for x in ok)
        pc, pa = ratio(tp, fl), ratio(tpa, fla)
        pooled.append([r["name"], r["role"], len(ok), failed, f"{pc:.2f} ({tp}/{fl})",
                       f"{ratio(tp, tr):.2f} ({tp}/{tr})", f"{ratio(tpp, trp):.2f} ({tpp}/{trp})",
                       f"{pa:.2f} ({tpa}/{fla})", ratio(pc, pa)])
    out = c.table(["repo", "set", "cycles", "failed", "precision coupled", "recall coupled",
                   "recall coupled (edits in product commits)", "precision all", "ratio"], pooled)
    out += "\n\nPer cycle:\n\n" + c.table(
        ["repo", "cycle", "commits", "judged", "edited", "flagged coupled", "TP",
         "precision coupled", "recall coupled", "flagged all", "precision all", "recall all"], per)
    return out


def misses(results, name, n):
    path = os.path.join(results, f"forgotten-{name}.jsonl")
    rows = [s for s in recut_forgotten(load(path)) if "recall_all" in s]
    ms = []
    for s in rows:
        for t, rk in s["ranks"].items():
            if rk is None:
                ms.append((len(s["product_paths"]), s["ct"], s, t))
    ms.sort(key=lambda m: (m[0], -m[1]))
    lines = [f"{name}: {len(ms)} edited articles not listed, in {len(rows)} samples; "
             f"the {min(n, len(ms))} most focused commits:"]
    for k, _, s, t in ms[:n]:
        inst = ", ".join(f"{a['path']} ({a['score']:.2f})" for a in s.get("listed", [])[:3]) \
            or "nothing"
        lines.append(f"- {s['commit'][:10]} \"{s['subject'][:70]}\" ({k} product files: "
                     f"{', '.join(s['product_paths'][:3])}): edited {t}; listed {inst}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", default=c.RESULTS_DIR)
    ap.add_argument("--repos", default=os.path.join(os.path.dirname(__file__), "repos.txt"))
    ap.add_argument("--misses", help="comma-separated repo names")
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--floor", type=float, help="cut replay (a)'s lists again: impact's FLOOR")
    ap.add_argument("--relative", type=float, help="... and its RELATIVE (share of the best score)")
    ap.add_argument("--first-listed", type=int, help="... and its FIRST_LISTED")
    ap.add_argument("--relative-past-first", type=float,
                    help="... and its RELATIVE_PAST_FIRST (the share past the first listed)")
    ap.add_argument("--limit", type=int, help="... and impact's --limit")
    ap.add_argument("--release-threshold", type=float,
                    help="flag replay (b)'s coupled findings again at this score")
    args = ap.parse_args()
    for k in ("floor", "relative", "first_listed", "relative_past_first", "limit", "release_threshold"):
        if getattr(args, k) is not None:
            CUT[k] = getattr(args, k)
    repos = c.load_repos(args.repos)
    repos.sort(key=lambda r: r["role"] != "tuning")
    print("## Replay (a): forgotten docs\n")
    print(forgotten_table(repos, args.results))
    print("\n## Replay (b): a release cycle with the docs frozen\n")
    print(cycle_table(repos, args.results))
    if args.misses:
        print("\n## Worst misses of replay (a)\n")
        for name in args.misses.split(","):
            if os.path.exists(os.path.join(args.results, f"forgotten-{name}.jsonl")):
                print(misses(args.results, name, args.n) + "\n")


if __name__ == "__main__":
    main()
