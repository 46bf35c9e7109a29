#!/usr/bin/env python3
"""Index bytes on disk of freshdocs' export (search/<lang>/) and Pagefind's (pagefind/).

    python3 bench/search/index_sizes.py /work/bench-data/search-sites/corpus-1k [...]

For each site and language:
- freshdocs: meta.json, t-*.json (term shards), d-*.json (document files), raw and gzipped
  (gzip -6 of each file, as a compressing static host would send it); plus search.js (runtime).
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
            if not os.path.exists(os.path.join(d, "meta.json")):
                continue
            meta = [os.path.join(d, "meta.json")]
            terms = glob.glob(os.path.join(d, "t-*.json"))
            docs = glob.glob(os.path.join(d, "d-*.json"))
            info = entry["languages"].get(lang, {})
            h = info.get("hash", "")
            pf_idx = (
                glob.glob(os.path.join(pf, f"pagefind.{h}.pf_meta"))
                + glob.glob(os.path.join(pf, "index", f"{lang}_*.pf_index"))
                + glob.glob(os.path.join(pf, "fragment", f"{lang}_*.pf_fragment"))
            )
            wasm = [os.path.join(pf, f"wasm.{info.get('wasm') or 'unknown'}.pagefind")]
            fd_all += meta + terms + docs
            pf_all += pf_idx
            pf_rt_all.update(wasm)
            for gz in (False, True):
                rows.append(
                    [name, lang, "gz" if gz else "raw",
                     len(terms), total(meta, gz), total(terms, gz), total(docs, gz), total(meta + terms + docs, gz),
                     info.get("page_count"), total(pf_idx, gz), total(pf_idx + wasm + runtime_common, gz)]
                )
        pf_all.append(os.path.join(pf, "pagefind-entry.json"))
        fd_rt = [os.path.join(site, "search.js")]
        for gz in (False, True):
            rows.append([name, "all", "gz" if gz else "raw", "", "", "", "", total(fd_all, gz),
                         "", total(pf_all, gz), total(pf_all + sorted(pf_rt_all), gz)])
            rows.append([name, "all+runtime", "gz" if gz else "raw", "", "", "", "", total(fd_all + fd_rt, gz),
                         "", "", total(pf_all + sorted(pf_rt_all), gz)])
    print("| site | lang | bytes | fd shards | fd meta.json | fd t-*.json | fd d-*.json | **fd total** | pf pages | **pf index** | pf index + runtime |")
    print("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        print("| " + " | ".join(fmt(x) if isinstance(x, int) and i >= 4 and i != 8 else str(x) for i, x in enumerate(r)) + " |")


if __name__ == "__main__":
    main()
