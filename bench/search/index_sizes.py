#!/usr/bin/env python3
"""Index bytes on disk of freshdocs' export (search/<lang>/) and Pagefind's (pagefind/).

    python3 bench/search/index_sizes.py /work/bench-data/search-sites/corpus-1k [...]

For each site and language:
- freshdocs: meta.fdz, t-*.fdz (term shards), i-*.fdz (term lists per first letter, for typo
  tolerance), d-*.fdp (packs of 16 documents; d-*.fdz before format 4). Every export file (every packed document) is gzip-compressed JSON on disk, so its
  size is what any host sends, compressing or not: the "gz" rows equal the "raw" rows for them.
  Plus search.js (runtime; gzip -6 in the "gz" rows, as a compressing host sends it).
- Pagefind: its index (pf_meta, index/*.pf_index, fragment/*.pf_fragment: already gzip on disk;
  pagefind-entry.json), and its runtime (pagefind.js, pagefind-worker.js, wasm.<lang>.pagefind);
  the UI files (pagefind-ui.*, pagefind-component-ui.*, pagefind-modular-ui.*,
  pagefind-highlight.js) are left out. "gz" of Pagefind is the same bytes for its pre-compressed
  files and gzip -6 for pagefind.js, pagefind-worker.js and pagefind-entry.json.
"""
import glob
import gzip
import json
import os
import sys


def size(path, gz):
    data = open(path, "rb").read()
    if gz and not data.startswith(b"\x1f\x8b"):
        return len(gzip.compress(data, 6, mtime=0))
    return len(data)


def total(paths, gz):
    return sum(size(p, gz) for p in paths)


def fmt(b):
    return f"{b / 1024 / 1024:.2f} MiB" if b >= 1024 * 1024 else f"{b / 1024:.1f} KiB"


def main():
    rows = []
    for site in sys.argv[1:]:
        name = os.path.basename(site.rstrip("/"))
        pf = os.path.join(site, "pagefind")
        entry = json.load(open(os.path.join(pf, "pagefind-entry.json")))
        runtime_common = [os.path.join(pf, f) for f in ("pagefind.js", "pagefind-worker.js")]
        fd_all, pf_all, pf_rt_all = [], [], set(runtime_common)
        for lang in sorted(os.listdir(os.path.join(site, "search"))):
            d = os.path.join(site, "search", lang)
            if not os.path.exists(os.path.join(d, "meta.fdz")):
                continue
            meta = [os.path.join(d, "meta.fdz")]
            terms = glob.glob(os.path.join(d, "t-*.fdz"))
            initials = glob.glob(os.path.join(d, "i-*.fdz"))
            docs = glob.glob(os.path.join(d, "d-*.fdz")) + glob.glob(os.path.join(d, "d-*.fdp"))
            info = entry["languages"].get(lang, {})
            h = info.get("hash", "")
            pf_idx = (
                glob.glob(os.path.join(pf, f"pagefind.{h}.pf_meta"))
                + glob.glob(os.path.join(pf, "index", f"{lang}_*.pf_index"))
                + glob.glob(os.path.join(pf, "fragment", f"{lang}_*.pf_fragment"))
            )
            wasm = [os.path.join(pf, f"wasm.{info.get('wasm') or 'unknown'}.pagefind")]
            fd_all += meta + terms + initials + docs
            pf_all += pf_idx
            pf_rt_all.update(wasm)
            for gz in (False, True):
                rows.append(
                    [name, lang, "gz" if gz else "raw",
                     len(terms), total(meta, gz), total(terms, gz), total(initials, gz), total(docs, gz),
                     total(meta + terms + initials + docs, gz),
                     info.get("page_count"), total(pf_idx, gz), total(pf_idx + wasm + runtime_common, gz)]
                )
        pf_all.append(os.path.join(pf, "pagefind-entry.json"))
        fd_rt = [os.path.join(site, "search.js")]
        for gz in (False, True):
            rows.append([name, "all", "gz" if gz else "raw", "", "", "", "", "", total(fd_all, gz),
                         "", total(pf_all, gz), total(pf_all + sorted(pf_rt_all), gz)])
            rows.append([name, "all+runtime", "gz" if gz else "raw", "", "", "", "", "", total(fd_all + fd_rt, gz),
                         "", "", total(pf_all + sorted(pf_rt_all), gz)])
    print("| site | lang | bytes | fd shards | fd meta.fdz | fd t-*.fdz | fd i-*.fdz | fd d-*.fdz | **fd total** | pf pages | **pf index** | pf index + runtime |")
    print("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        print("| " + " | ".join(fmt(x) if isinstance(x, int) and i >= 4 and i != 9 else str(x) for i, x in enumerate(r)) + " |")


if __name__ == "__main__":
    main()
