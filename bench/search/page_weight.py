#!/usr/bin/env python3
"""Gzipped weight of article pages: the HTML + the CSS and JS files it loads (search index excluded).

    cd /work/main && target/release/freshdocs build --out /tmp/pw
    python3 bench/search/page_weight.py /tmp/pw [page.html ...]

Without pages: an English, a Persian and a Hindi article (the first of each in path order) and the
largest article page of the site. Every file is counted with gzip -6 (what nginx and most static
hosts use) and gzip -9; each stylesheet (<link rel="stylesheet">) and script (<script src>) once
per page. Images and the favicon are listed apart (not HTML, CSS or JS). Prints a Markdown table.
"""
import gzip
import os
import re
import sys

BUDGET = 30 * 1024


def gz(data, level):
    return len(gzip.compress(data, level, mtime=0))


def assets(html):
    css = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    css += re.findall(r'<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"', html)
    js = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    other = re.findall(r'<(?:img|link[^>]*rel="icon")[^>]*(?:src|href)="([^"]+)"', html)
    return list(dict.fromkeys(css)), list(dict.fromkeys(js)), list(dict.fromkeys(other))


def local(site, page, url):
    if re.match(r"^[a-z]+:", url):
        return None
    path = url.split("#")[0].split("?")[0]
    full = os.path.join(site, path.lstrip("/")) if path.startswith("/") else os.path.join(os.path.dirname(page), path)
    return os.path.normpath(full)


def articles(site):
    out = []
    for d, subs, files in os.walk(site):
        subs.sort()
        if "index.html" in files:
            html = open(os.path.join(d, "index.html"), encoding="utf-8").read()
            if re.search(r'"@type":\s*"(Tech)?Article"', html):
                out.append(os.path.join(d, "index.html"))
    return out


def main():
    site = sys.argv[1]
    pages = sys.argv[2:]
    if not pages:
        arts = articles(site)
        def lang(p):
            return re.search(r'<html[^>]*lang="([^"]+)"', open(p, encoding="utf-8").read()).group(1)
        for want in ("en", "fa", "hi"):
            pages += [p for p in arts if lang(p) == want][:1]
        pages.append(max(arts, key=os.path.getsize))
        pages = list(dict.fromkeys(pages))
    print("| page | lang | HTML raw | HTML gz | CSS gz | JS gz | **total gz (-6)** | total gz (-9) | ≤ 30 KB? | not counted |")
    print("|---|---|--:|--:|--:|--:|--:|--:|---|---|")
    for page in pages:
        raw = open(page, "rb").read()
        html = raw.decode("utf-8")
        lang = re.search(r'<html[^>]*lang="([^"]+)"', html).group(1)
        css, js, other = assets(html)
        parts = {"html": [raw], "css": [], "js": []}
        for kind, urls in (("css", css), ("js", js)):
            for u in urls:
                p = local(site, page, u)
                if p and os.path.exists(p):
                    parts[kind].append(open(p, "rb").read())
        t6 = {k: sum(gz(x, 6) for x in v) for k, v in parts.items()}
        t9 = sum(gz(x, 9) for v in parts.values() for x in v)
        total = sum(t6.values())
        extra = ", ".join(f"{u} {gz(open(local(site, page, u), 'rb').read(), 6)} B gz" for u in other
                          if local(site, page, u) and os.path.exists(local(site, page, u)))
        print(f"| `{os.path.relpath(page, site)}` | {lang} | {len(raw)/1024:.1f} KiB | {t6['html']/1024:.1f} KiB | "
              f"{t6['css']/1024:.1f} KiB | {t6['js']/1024:.1f} KiB | **{total/1024:.1f} KiB** | {t9/1024:.1f} KiB | "
              f"{'yes' if total <= BUDGET else 'NO'} | {extra} |")


if __name__ == "__main__":
    main()
