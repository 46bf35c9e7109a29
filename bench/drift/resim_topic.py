#!/usr/bin/env python3
"""Offline sweep of topic evidence (src/drift/topic.rs) before it was built: re-ranks the rows of
a replay (a) run made with no cut (FRESHDOCS_FLOOR=0 FRESHDOCS_RELATIVE=0, see README.md, "The cut
of impact's list"), adding to each article 1 - (1 - p)(1 - m), where p is --wpath / sqrt(articles
whose path has the word) for the best rare word shared by its path and a changed product file's
path, and m the same with --wmsg for the commit's subject. Then cuts the lists again as impact
does (--floor, --relative, --past) and prints recall@5, recall@10, the median list and the share
of edited articles listed, before and after, per repository.

    python3 bench/drift/resim_topic.py --results LOOSE_RESULTS... --wpath 0.2 --wmsg 0.2 --past 0.2
"""
import argparse
import functools
import json
import math
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as c  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--results", nargs="+", required=True, help="folders of a loose run's rows")
ap.add_argument("--clones", default="/work/bench-data/drift")
ap.add_argument("--repos", default="")
ap.add_argument("--wpath", type=float, default=0.0)
ap.add_argument("--wmsg", type=float, default=0.0)
ap.add_argument("--maxdf", type=float, default=0.05)
ap.add_argument("--prod-df", type=float, default=0.02)
ap.add_argument("--no-doc-msg", action="store_true")
ap.add_argument("--past", type=float, default=0.15)
ap.add_argument("--relative", type=float, default=0.1)
ap.add_argument("--floor", type=float, default=0.02)
ap.add_argument("--titles", action="store_true", help="article words also from its title and headings")
args = ap.parse_args()

STOP = {"index", "readme", "overview", "md", "mdx", "src", "pkg", "lib", "docs", "doc", "the", "a",
        "an", "and", "or", "of", "to", "in", "for", "with", "on", "by", "is", "add", "fix", "use",
        "support", "new", "allow", "make", "update", "remove", "when", "from", "not", "be", "as",
        "main", "mod", "go", "rs", "py", "ts", "js", "test", "tests", "internal", "cmd", "v1", "v2", "v3"}


def words(s):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", s)
    out = []
    for w in re.split(r"[^A-Za-z0-9]+", s.lower()):
        if len(w) < 3 or w in STOP or w.isdigit():
            continue
        if w.endswith("s") and len(w) > 4:
            w = w[:-1]
        out.append(w)
    return out


def path_words(p):
    p = re.sub(r"\.[A-Za-z0-9]+$", "", p)
    return words(p)


repos = {r["name"]: r for r in c.load_repos(os.path.join(os.path.dirname(os.path.abspath(__file__)), "repos.txt"))}


_cat = {}
_blob = {}


def blob(repo, oid):
    if oid in _blob:
        return _blob[oid]
    p = _cat.get(repo)
    if p is None:
        p = _cat[repo] = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    p.stdin.write(oid.encode() + b"\n"); p.stdin.flush()
    head = p.stdout.readline().split()
    size = int(head[2]) if len(head) == 3 else 0
    data = p.stdout.read(size + 1)[:-1] if size else b""
    _blob[oid] = data.decode("utf-8", "replace")
    return _blob[oid]


def title_words(text):
    ws = set()
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        m = re.match(r"^title:\s*(.*)", line) or re.match(r"^#{1,3}\s+(.*)", line)
        if m:
            ws |= set(words(m.group(1)))
    return ws


@functools.lru_cache(maxsize=None)
def tree_oids(repo, commit, docs):
    out = c.git(repo, "ls-tree", "-r", "-z", commit, "--", docs + "/", check=False)
    res = {}
    for ent in out.split("\x00"):
        if not ent:
            continue
        meta, path = ent.split("\t", 1)
        res[path] = meta.split()[2]
    return res


@functools.lru_cache(maxsize=None)
def tree_files(repo, commit):
    out = c.git(repo, "ls-tree", "-r", "-z", "--name-only", commit, check=False)
    return [p for p in out.split("\x00") if p]


def cut(scored, floor=0.02, relative=0.1, first=5, past=0.15, limit=50):
    scored = [x for x in scored if x[1] >= floor and x[1] > 0]
    scored.sort(key=lambda x: (-x[1], x[0]))
    if not scored:
        return []
    best = scored[0][1]
    out = []
    for i, x in enumerate(scored):
        if x[1] >= (relative if i < first else past) * best:
            out.append(x)
    return out[:limit]


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return 0 if n == 0 else (xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2)


TOT = []
for results in args.results:
    for fn in sorted(os.listdir(results)):
        if not (fn.startswith("forgotten-") and fn.endswith(".jsonl")):
            continue
        name = fn[len("forgotten-"):-len(".jsonl")]
        if args.repos and name not in args.repos.split(","):
            continue
        r = repos[name]
        repo = os.path.join(args.clones, name)
        docs = r["docs"]
        rows = [json.loads(l) for l in open(os.path.join(results, fn))]
        base = dict(r5=[], r10=[], ln=[], inl=0, ed=0)
        new = dict(r5=[], r10=[], ln=[], inl=0, ed=0)
        for x in rows:
            if x.get("error") or not x.get("edited"):
                continue
            files = tree_files(repo, x["parent"])
            arts = sorted(c.rel(p, docs) for p in files if c.under(p, docs) and c.is_md(p))
            prod_all = [p for p in files if not c.under(p, docs)]
            # df of name words among articles, and among product paths
            aw = {a: set(path_words(a)) for a in arts}
            if args.titles:
                oids = tree_oids(repo, x["parent"], docs)
                tw = {a: title_words(blob(repo, oids[docs + "/" + a])) for a in arts if docs + "/" + a in oids}
            else:
                tw = {a: set() for a in arts}
            df = {}
            for ws in aw.values():
                for w in ws:
                    df[w] = df.get(w, 0) + 1
            tdf = {}
            for a in arts:
                for w in aw[a] | tw.get(a, set()):
                    tdf[w] = tdf.get(w, 0) + 1
            pdf = {}
            for p in prod_all:
                for w in set(path_words(p)):
                    pdf[w] = pdf.get(w, 0) + 1
            n = max(1, len(arts))
            np_ = max(1, len(prod_all))
            prod_words = set()
            for p in x["product_paths"]:
                prod_words |= set(path_words(p))
            subj = x.get("subject", "")
            if args.no_doc_msg and re.search(r"\bdoc|readme|guide|document", subj, re.I):
                subj = ""
            msg_words = set(words(subj))
            add = {}
            for a, ws in aw.items():
                w_path = 0.0
                for w in ws & prod_words:
                    if df[w] / n > args.maxdf or pdf.get(w, 0) / np_ > args.prod_df:
                        continue
                    w_path = max(w_path, args.wpath / math.sqrt(df[w]))
                w_msg = 0.0
                for w in (ws | tw.get(a, set())) & msg_words:
                    d = tdf.get(w, 1)
                    if d / n > args.maxdf:
                        continue
                    w_msg = max(w_msg, args.wmsg / math.sqrt(d))
                s = 1 - (1 - w_path) * (1 - w_msg)
                if s > 0:
                    add[a] = s
            listed = dict(zip(x["listed_paths"], x["listed_scores"]))
            for which, extra in ((base, {}), (new, add)):
                scores = dict(listed)
                for a, s in extra.items():
                    scores[a] = 1 - (1 - scores.get(a, 0.0)) * (1 - s)
                lst = [a for a, _ in (cut(list(scores.items())) if which is base else cut(list(scores.items()), floor=args.floor, relative=args.relative, past=args.past))]
                ed = x["edited"]
                rank = {a: i + 1 for i, a in enumerate(lst)}
                which["r5"].append(sum(1 for e in ed if rank.get(e, 99) <= 5) / len(ed))
                which["r10"].append(sum(1 for e in ed if rank.get(e, 99) <= 10) / len(ed))
                which["ln"].append(len(lst))
                which["inl"] += sum(1 for e in ed if e in rank)
                which["ed"] += len(ed)
        f = lambda d: f"r@5 {sum(d['r5'])/len(d['r5']):.3f} r@10 {sum(d['r10'])/len(d['r10']):.3f} med {median(d['ln'])} inlist {d['inl']/d['ed']:.3f}"
        print(f"{name:10s} base {f(base)} | new {f(new)}")
        TOT.append((name, base, new))

mean = lambda xs: sum(xs) / len(xs)
print("MEAN r@10 base %.3f new %.3f | mean median list base %.1f new %.1f | repos with med<=10: base %d new %d | r@10>=.9: base %d new %d" % (
    mean([mean(b["r10"]) for _, b, _ in TOT]), mean([mean(n["r10"]) for _, _, n in TOT]),
    mean([median(b["ln"]) for _, b, _ in TOT]), mean([median(n["ln"]) for _, _, n in TOT]),
    sum(median(b["ln"]) <= 10 for _, b, _ in TOT), sum(median(n["ln"]) <= 10 for _, _, n in TOT),
    sum(mean(b["r10"]) >= 0.895 for _, b, _ in TOT), sum(mean(n["r10"]) >= 0.895 for _, _, n in TOT)))
