#!/usr/bin/env python3
"""Tables for README.md from browser.mjs results: first-query bytes split by kind of file.

    python3 bench/search/summarize.py /work/bench-data/search-results/{corpus-1k,corpus-10k,hugodocs}-{gzip,plain}.json

freshdocs: meta.fdz / term shards (t-*) / term lists per first letter for typo tolerance (i-*) /
document files (d-*), all gzip-compressed JSON on disk, sent as they are. Pagefind: runtime (pagefind.js,
pagefind-worker.js, wasm.*.pagefind, pagefind-entry.json) / pf_meta / index chunks / fragments.
Medians over the first-query runs of each language (KiB = 1,024 bytes, response bodies as sent;
parts under 10 KiB with one decimal). The parts are medians of their own, so they need not add
up to the median total.
"""
import json
import os
import statistics
import sys


def kind(path):
    name = path.rsplit("/", 1)[-1]
    if path.startswith("/search/") and (name.endswith(".fdz") or name.endswith(".fdp")):
        return {"m": "meta", "t": "terms", "i": "initials", "d": "docs"}[name[0]]
    if name.endswith(".pf_meta"):
        return "pf_meta"
    if name.endswith(".pf_index"):
        return "index"
    if name.endswith(".pf_fragment"):
        return "fragments"
    return "runtime"


def main():
    print("| site | server | lang | freshdocs: meta + terms + initials + docs = **total** (requests) | Pagefind: runtime + pf_meta + index + fragments = **total** (requests) | Pagefind without runtime |")
    print("|---|---|---|---|---|--:|")
    for f in sys.argv[1:]:
        d = json.load(open(f))
        site = os.path.basename(d["site"])
        for lang, tools in d["first"].items():
            cells = []
            for tool, kinds in (("freshdocs", ["meta", "terms", "initials", "docs"]), ("pagefind", ["runtime", "pf_meta", "index", "fragments"])):
                runs = tools[tool]
                parts = {k: statistics.median([sum(b for p, b in r["files"] if kind(p) == k) for r in runs]) for k in kinds}
                tot = statistics.median([r["bytes"] for r in runs])
                req = statistics.median([r["requests"] for r in runs])
                cells.append(" + ".join(f"{parts[k]/1024:.1f}" if parts[k] < 10 * 1024 else f"{parts[k]/1024:.0f}" for k in kinds) + f" = **{tot/1024:.0f} KiB** ({req:g})")
                if tool == "pagefind":
                    norun = statistics.median([sum(b for p, b in r["files"] if kind(p) != "runtime") for r in runs])
            print(f"| {site} | {'gzip' if d['gzip'] else 'plain'} | {lang} | {cells[0]} | {cells[1]} | {norun/1024:.0f} KiB |")


if __name__ == "__main__":
    main()
