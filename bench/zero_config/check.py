#!/usr/bin/env python3
"""Zero-config coverage check: build a folder of Markdown written for another tool with
`freshdocs build --root DIR --out OUT` (no freshdocs.toml) and check that every Markdown file got
its page.

    python3 bench/zero_config/check.py [--bin target/release/freshdocs] NAME=DIR [NAME=DIR ...]

For each folder it prints: Markdown files, drafts (skipped on purpose), expected pages found,
coverage, exit code, build time, errors, warnings by kind, a sample of broken-link warnings, and
every Markdown file without a page with the reason. `--json FILE` writes the same as JSON.

Expected URL of a file (README "Content" and src/content/discover.rs): the path without its
extension, every segment slugified (lowercase, runs of anything but letters, digits and `_`
become `-`); `_index.md`, else `index.md`, else `README.md` gives its folder's page, and so does
`setup.md` beside a folder `setup/` without any of those; a `slug:` replaces the last segment.
An index file that loses to a higher-ranked one (`index.md` beside `_index.md`) is an ordinary
article (`/dir/index/`). A page exists when OUT/<url>/index.html exists and is not a redirect.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict

import yaml

MD_EXT = (".md", ".markdown")


def slugify(text):
    out, dash = [], False
    for c in unicodedata.normalize("NFC", text):
        if c.isalnum() or c == "_" or unicodedata.category(c).startswith("M"):
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        elif c == "\u200c":
            continue
        else:
            dash = True
    return "".join(out)


def segment(name, fallback):
    return slugify(name) or fallback


def front_matter(path):
    """(dict or None, style) where style is yaml / toml / none / bad."""
    try:
        text = open(path, encoding="utf-8").read()
    except UnicodeDecodeError:
        return None, "bad-utf8"
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or lines[i].rstrip() not in ("---", "+++"):
        return {}, "none"
    fence = lines[i].rstrip()
    for j in range(i + 1, len(lines)):
        if lines[j].rstrip() == fence or (fence == "---" and lines[j].rstrip() == "..."):
            inner = "\n".join(lines[i + 1 : j])
            try:
                data = yaml.safe_load(inner) if fence == "---" else tomllib.loads(inner)
            except Exception:
                return None, "bad-" + ("yaml" if fence == "---" else "toml")
            return (data if isinstance(data, dict) else {}), ("yaml" if fence == "---" else "toml")
    return None, "unclosed"


def expected_pages(root):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "node_modules")
        for f in sorted(filenames):
            if f.lower().endswith(MD_EXT):
                full = os.path.join(dirpath, f)
                files.append(os.path.relpath(full, root).replace(os.sep, "/"))
    folders = set()
    for rel in files:
        d = rel.rsplit("/", 1)[0] if "/" in rel else ""
        while d:
            folders.add(d)
            d = d.rsplit("/", 1)[0] if "/" in d else ""

    def index_target(rel):
        d, name = (rel.rsplit("/", 1) if "/" in rel else ("", rel))
        stem = name.rsplit(".", 1)[0]
        rank = {"_index": 0, "index": 1, "readme": 2}.get(stem.lower())
        if rank is not None:
            return d, rank
        own = f"{d}/{stem}" if d else stem
        return (own, 3) if own in folders else None

    best = {}
    for rel in files:
        t = index_target(rel)
        if t and (t[0] not in best or t[1] < best[t[0]][0]):
            best[t[0]] = (t[1], rel)

    def dir_url(key):
        return "/" + "".join(segment(p, "section") + "/" for p in key.split("/") if p)

    result = []
    for rel in files:
        fm, style = front_matter(os.path.join(root, rel))
        draft = isinstance(fm, dict) and fm.get("draft") is True
        t = index_target(rel)
        if t and best[t[0]][1] == rel:
            url, kind = dir_url(t[0]), "section"
        else:
            d, name = (rel.rsplit("/", 1) if "/" in rel else ("", rel))
            slug = fm.get("slug") if isinstance(fm, dict) else None
            last = segment(str(slug), "page") if slug is not None and "/" not in str(slug) else segment(name.rsplit(".", 1)[0], "page")
            url, kind = dir_url(d) + last + "/", "article"
        result.append({"file": rel, "url": url, "kind": kind, "style": style, "draft": draft})
    return result


def is_redirect(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return 'http-equiv="refresh"' in f.read(4000)


WARN_RE = re.compile(r"^warning: (?:(?P<loc>\S+?):(?P<line>\d+)(?::\d+)?: )?(?P<msg>.*)$")


def classify_warning(msg):
    if msg.startswith("broken link"):
        m = re.search(r"`: (.*)$", msg)
        reason = m.group(1) if m else ""
        if "has no heading with the id" in reason:
            return "broken link: missing anchor"
        if "there is no article" in reason:
            return "broken link: no such .md"
        if "no article, section or file" in reason:
            return "broken link: nothing at address"
        return "broken link: " + re.sub(r"`[^`]*`", "X", reason)[:60]
    return re.sub(r"`[^`]*`", "X", msg)[:80]


LINK_RE = re.compile(r"broken link `(?P<target>[^`]*)`")


def link_pattern(warning):
    """What kind of link target a broken-link warning is about (to tell tool syntax from real breakage)."""
    m = LINK_RE.search(warning)
    t = m.group("target") if m else ""
    path = t.split("#", 1)[0]
    if t.startswith("@/"):
        return "Zola @/ internal link"
    if "{{" in t or "{%" in t:
        return "template shortcode in link ({{ }} / {% %})"
    if path.endswith((".html", ".htm")):
        return "link to .html"
    if path.lower().endswith(MD_EXT):
        return "link to .md"
    if not path:
        return "same-page #anchor"
    if path.endswith("/"):
        return "link to folder/URL ending in /"
    if "." not in path.rsplit("/", 1)[-1]:
        return "extension-less path"
    return "link to other file"


def run(binary, name, root, out, seed):
    root = os.path.abspath(root)
    start = time.monotonic()
    proc = subprocess.run([binary, "build", "--root", root, "--out", out], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    stderr = proc.stderr + proc.stdout
    errors = [b.strip() for b in re.split(r"\n(?=error: )", "\n" + stderr) if b.strip().startswith("error: ")]
    warnings = [l for l in stderr.splitlines() if l.startswith("warning: ")]
    kinds = Counter()
    broken = []
    for w in warnings:
        m = WARN_RE.match(w)
        msg = m.group("msg") if m else w
        kind = classify_warning(msg)
        kinds[kind] += 1
        if kind.startswith("broken link"):
            broken.append(w[len("warning: "):])

    pages = expected_pages(root)
    missing = []
    found = 0
    drafts = [p for p in pages if p["draft"]]
    for p in pages:
        if p["draft"]:
            continue
        index = os.path.join(out, p["url"].lstrip("/"), "index.html")
        ok = proc.returncode == 0 and os.path.isfile(index) and not is_redirect(index)
        if ok:
            found += 1
        else:
            if proc.returncode != 0:
                why = f"build failed (exit {proc.returncode}): no site written"
            elif not os.path.isfile(index):
                why = f"no {p['url']}index.html"
            else:
                why = f"{p['url']} is a redirect"
            missing.append({"file": p["file"], "expected": p["url"], "why": why})
    wanted = len(pages) - len(drafts)
    # Every page in the output, for the record: home, a-z, 404 and redirects aside.
    written = 0
    if proc.returncode == 0:
        for dirpath, _, filenames in os.walk(out):
            rel = os.path.relpath(dirpath, out)
            if "index.html" in filenames and rel not in (".", "a-z", "404", "_freshness"):
                if not is_redirect(os.path.join(dirpath, "index.html")):
                    written += 1
    rng = random.Random(seed)
    sample = rng.sample(broken, min(10, len(broken)))
    return {
        "name": name,
        "root": root,
        "front_matter": dict(Counter(p["style"] for p in pages)),
        "markdown_files": len(pages),
        "drafts": len(drafts),
        "expected_pages": wanted,
        "pages_found": found,
        "coverage_pct": round(100.0 * found / wanted, 2) if wanted else 100.0,
        "pages_written_total": written,
        "exit_code": proc.returncode,
        "seconds": round(elapsed, 2),
        "errors": errors,
        "warnings_by_kind": dict(kinds.most_common()),
        "warnings_total": len(warnings),
        "broken_link_sample": sample,
        "broken_link_patterns": dict(Counter(link_pattern(b) for b in broken).most_common()),
        "broken_links": broken,
        "missing": missing,
        "summary_line": next((l.strip() for l in stderr.splitlines() if l.startswith(("Built ", "Build failed"))), ""),
    }


def report(r):
    print(f"== {r['name']}  ({r['root']})")
    print(f"   front matter: {r['front_matter']}")
    print(f"   markdown files: {r['markdown_files']}  drafts skipped: {r['drafts']}  expected pages: {r['expected_pages']}")
    print(f"   pages found: {r['pages_found']}  coverage: {r['coverage_pct']}%  (non-redirect pages written, home/a-z/404/_freshness aside: {r['pages_written_total']})")
    print(f"   exit code: {r['exit_code']}  time: {r['seconds']} s  -- {r['summary_line']}")
    print(f"   errors: {len(r['errors'])}")
    for e in r["errors"]:
        print("     " + e.replace("\n", "\n     "))
    print(f"   warnings: {r['warnings_total']}")
    for k, n in r["warnings_by_kind"].items():
        print(f"     {n:5d}  {k}")
    if r["broken_link_patterns"]:
        print("   broken-link targets by pattern:")
        for k, n in r["broken_link_patterns"].items():
            print(f"     {n:5d}  {k}")
    if r["broken_link_sample"]:
        print("   broken-link sample (seeded):")
        for w in r["broken_link_sample"]:
            print("     " + w)
    if r["missing"]:
        print(f"   files without a page: {len(r['missing'])}")
        for m in r["missing"][:50]:
            print(f"     {m['file']} -> {m['expected']}: {m['why']}")
        if len(r["missing"]) > 50:
            print(f"     ... and {len(r['missing']) - 50} more")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "../../target/release/freshdocs"))
    ap.add_argument("--out-dir", default="/tmp/zc", help="sites are written to OUT_DIR/NAME")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("folders", nargs="+", metavar="NAME=DIR")
    args = ap.parse_args()
    results = []
    for spec in args.folders:
        name, _, root = spec.partition("=")
        r = run(os.path.abspath(args.bin), name, root, os.path.join(args.out_dir, name), args.seed)
        report(r)
        results.append(r)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0 if all(r["exit_code"] == 0 and r["coverage_pct"] >= 99 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
