#!/usr/bin/env python3
"""Writes the query set of one benchmark site as JSON (deterministic: seed 7).

    python3 bench/search/queries.py --root CORPUS --site BUILT_SITE --out queries.json

Per language of the corpus (content/ for the default language, content/<lang>/ for the others),
about 50 queries:

- 20 from article titles: 2-3 consecutive words of a random article's title (the whole title when
  it is shorter), with the article's URL as `expect` (is it in the top 10?);
- 20 single words and 10 two-word phrases from random places in article bodies (words of 3+
  letters, outside code fences and link targets).

Two extra sets show analyzer differences:

- `fa-arabic`: the Persian queries that contain ی or ک, typed with the Arabic letters ي and ك
  (what an Arabic keyboard layout, or text pasted from an Arabic source, produces);
- `hi-nonukta`: 20 Hindi queries made of words that carry a nukta (ड़, ज़, ढ़ ...), typed without it
  (as many people type Hindi), 10 from titles when there are such titles, the rest from bodies.

Each query: {"q", "kind" (title|word|phrase), "expect" (URL or null)}. Output:
{"site", "langs": {"en": {"page": URL of an article page in that language, "queries": [...]}, ...}}
where the variant sets use the page of their base language.
"""
import argparse
import json
import os
import random
import re

WORD = re.compile(r"[A-Za-z][A-Za-z']+|[\u0600-\u06FF\u200c]+|[\u0900-\u097F]+")
NUKTA_PRECOMPOSED = {chr(0x958 + i): b for i, b in enumerate("कखगजडढफय")}


def strip_nukta(s):
    return "".join(NUKTA_PRECOMPOSED.get(c, c) for c in s).replace("\u093c", "")


def has_nukta(s):
    return "\u093c" in s or any(c in NUKTA_PRECOMPOSED for c in s)


def front_matter(text):
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    fm, body = text[3:end], text[end + 4 :]
    out = {}
    for line in fm.splitlines():
        m = re.match(r'^(title|linkTitle)\s*[:=]\s*["\']?(.*?)["\']?\s*$', line)
        if m and m.group(1) not in out:
            out[m.group(1)] = m.group(2)
    return out, body


def body_words(body):
    body = re.sub(r"```.*?```", " ", body, flags=re.S)
    body = re.sub(r"\{\{.*?\}\}", " ", body, flags=re.S)  # Hugo shortcodes
    body = re.sub(r"\]\([^)]*\)", "] ", body)  # link targets
    body = re.sub(r"<[^>]+>", " ", body)
    words = []
    for line in body.splitlines():
        if line.startswith(("|", "    ")):
            continue
        words.append([w.strip("'\u200c") for w in WORD.findall(line)])
    return [w for line in words for w in line if len(w) >= 3 or not w.isascii()], words


def url_for(rel, lang, default_lang, site):
    """The URL freshdocs gives content file `rel` (relative to the language's folder)."""
    stem = rel[:-3]
    if os.path.basename(stem) in ("_index", "index"):
        stem = os.path.dirname(stem)
    url = "/" + (stem + "/" if stem else "")
    if lang != default_lang:
        url = "/" + lang + url
    return url if os.path.exists(os.path.join(site, url.lstrip("/"), "index.html")) else None


def articles(root, lang, default_lang, langs, site):
    base = os.path.join(root, "content") if os.path.isdir(os.path.join(root, "content")) else root
    folder = base if lang == default_lang else os.path.join(base, lang)
    out = []
    for d, subdirs, files in os.walk(folder):
        if d == folder and lang == default_lang:
            subdirs[:] = [s for s in subdirs if s not in langs]
        subdirs.sort()
        for f in sorted(files):
            if not f.endswith(".md") or f in ("_index.md", "index.md"):
                continue
            path = os.path.join(d, f)
            fm, body = front_matter(open(path, encoding="utf-8").read())
            rel = os.path.relpath(path, folder)
            title = fm.get("title") or ""
            out.append({"rel": rel, "title": title, "body": body, "url": url_for(rel, lang, default_lang, site)})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    toml = os.path.join(a.root, "freshdocs.toml")
    langs, default = [], "en"
    if os.path.exists(toml):
        t = open(toml, encoding="utf-8").read()
        m = re.search(r'^language\s*=\s*"(\w+)"', t, re.M)
        default = m.group(1) if m else "en"
        langs = re.findall(r"^\[languages\.(\w+)\]", t, re.M)
    result = {"site": a.site, "langs": {}}
    for lang in [default] + langs:
        arts = [x for x in articles(a.root, lang, default, langs, a.site) if x["url"]]
        queries = []
        titled = [x for x in arts if WORD.findall(x["title"])]
        for art in rng.sample(titled, min(20, len(titled))):
            w = WORD.findall(art["title"])
            n = min(len(w), rng.choice([2, 3]))
            i = rng.randrange(len(w) - n + 1)
            queries.append({"q": " ".join(w[i : i + n]), "kind": "title", "expect": art["url"]})
        for kind, count in (("word", 20), ("phrase", 10)):
            got = 0
            while got < count:
                art = rng.choice(arts)
                flat, lines = body_words(art["body"])
                if kind == "word":
                    if not flat:
                        continue
                    q = rng.choice(flat)
                else:
                    lines = [l for l in lines if len(l) >= 2]
                    if not lines:
                        continue
                    line = rng.choice(lines)
                    i = rng.randrange(len(line) - 1)
                    q = " ".join(line[i : i + 2])
                queries.append({"q": q, "kind": kind, "expect": None})
                got += 1
        page = rng.choice(arts)["url"]
        result["langs"][lang] = {"page": page, "queries": queries}
        if lang == "fa":
            arabic = [
                dict(x, q=x["q"].replace("ی", "ي").replace("ک", "ك"))
                for x in queries
                if "ی" in x["q"] or "ک" in x["q"]
            ]
            result["langs"]["fa-arabic"] = {"page": page, "queries": arabic}
        if lang == "hi":
            nq = []
            for art in [x for x in titled if has_nukta(x["title"])][:10]:
                w = [x for x in WORD.findall(art["title"])]
                i = next(i for i, x in enumerate(w) if has_nukta(x))
                nq.append({"q": strip_nukta(" ".join(w[i : i + 2])), "kind": "title", "expect": art["url"]})
            tries = 0
            while len(nq) < 20 and tries < 10000:
                tries += 1
                flat, _ = body_words(rng.choice(arts)["body"])
                cands = [w for w in flat if has_nukta(w)]
                if cands:
                    nq.append({"q": strip_nukta(rng.choice(cands)), "kind": "word", "expect": None})
            result["langs"]["hi-nonukta"] = {"page": page, "queries": nq}
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    for k, v in result["langs"].items():
        print(k, len(v["queries"]), v["page"], [x["q"] for x in v["queries"][:4]])


if __name__ == "__main__":
    main()
