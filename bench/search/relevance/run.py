#!/usr/bin/env python3
"""Runs the relevance query sets through `freshdocs search` and reports hit rates (stdlib only).

    python3 bench/search/relevance/run.py --bin /tmp/fd-bin/freshdocs \
        --site-fa /work/realdocs/site-fa --site-hi /work/realdocs/site-hi [--json results.json]
    python3 bench/search/relevance/run.py --bin target/release/freshdocs \
        --site ja=/work/realdocs/site-ja --site zh=/work/realdocs/site-zh --site th=/work/realdocs/site-th

For every query of queries-<lang>.json (beside this script) of each site given:
`freshdocs search Q --root SITE --lang L --limit 5 --format json`. A query is a top-5 hit when
its expected article is among the 5 results, a top-1 hit when it is the first. Prints a Markdown
table per language and variant (and per source and per phrase kind), then every miss with the
5 results it got.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def search(binary, site, lang, q):
    out = subprocess.run([binary, "search", q, "--root", site, "--lang", lang, "--limit", "5",
                          "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"freshdocs search failed for {q!r}: {out.stderr}")
    return [(r["path"], r["title"]) for r in json.loads(out.stdout)["results"]]


def pct(n, d):
    return f"{100 * n / d:.1f}" if d else "-"


def table(rows, key):
    groups = collections.OrderedDict()
    for r in rows:
        groups.setdefault(key(r), []).append(r)
    lines = ["| group | queries | top-1 | top-1 % | top-5 | top-5 % |", "|---|--:|--:|--:|--:|--:|"]
    for name, rs in list(groups.items()) + [("**all**", rows)]:
        t1 = sum(r["rank"] == 1 for r in rs)
        t5 = sum(r["rank"] is not None for r in rs)
        lines.append(f"| {name} | {len(rs)} | {t1} | {pct(t1, len(rs))} | {t5} | {pct(t5, len(rs))} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site-fa")
    ap.add_argument("--site-hi")
    ap.add_argument("--site", action="append", default=[], metavar="LANG=DIR",
                    help="another language's site (queries-LANG.json), e.g. ja=/work/realdocs/site-ja; "
                    "LANG:SET=DIR reads queries-LANG-SET.json instead (ja:headings=…)")
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--json", help="also write every query with its results here")
    args = ap.parse_args()
    everything = {}
    sites = [("fa", args.site_fa), ("hi", args.site_hi)] + [tuple(s.split("=", 1)) for s in args.site]
    for name, site in sites:
        if site is None:
            continue
        lang, _, query_set = name.partition(":")
        with open(os.path.join(HERE, f"queries-{lang}{'-' + query_set if query_set else ''}.json"), encoding="utf-8") as f:
            queries = json.load(f)["queries"]
        search(args.bin, site, lang, "x")  # builds or refreshes the index once, before the pool
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda q: search(args.bin, site, lang, q["q"]), queries))
        rows = []
        for q, got in zip(queries, results):
            paths = [p for p, _ in got]
            rank = paths.index(q["expect"]) + 1 if q["expect"] in paths else None
            rows.append({**q, "rank": rank, "got": got})
        everything[name] = rows
        print(f"## {name}: {len(rows)} queries, {len({r['expect'] for r in rows})} target articles\n")
        print(table(rows, lambda r: r["variant"]))
        print()
        print(table(rows, lambda r: "source " + r["expect"].split("/")[0] + ", " + r["from"]))
        print()
        misses = [r for r in rows if r["rank"] is None]
        print(f"### {lang} misses ({len(misses)})\n")
        for r in misses:
            print(f"- `{r['id']}` [{r['variant']}] q=`{r['q']}` (from a {r['from']})")
            print(f"  expected `{r['expect']}`; got:")
            for i, (p, t) in enumerate(r["got"], 1):
                print(f"    {i}. `{p}` — {t}")
        print()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(everything, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
