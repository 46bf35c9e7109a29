#!/usr/bin/env python3
"""Builds the freshdocs sites of the relevance benchmark from public translated docs (stdlib only).

    python3 bench/search/relevance/prepare.py --out /work/realdocs \
        --react-fa GITDIR --react-hi GITDIR --jsinfo-fa GITDIR --jsinfo-hi GITDIR

Each GITDIR is a clone (bare or not) of, respectively, reactjs/fa.react.dev, reactjs/hi.react.dev,
javascript-tutorial/fa.javascript.info and javascript-tutorial/hi.javascript.info; the commit read
is HEAD unless --commit-<name> says otherwise. Writes OUT/site-fa and OUT/site-hi, each a
freshdocs site (freshdocs.toml with `language`, content/react/..., content/jsinfo/...), and
OUT/manifest.json (sources, commits, kept and dropped files with their script share).

Only translated articles are kept: the share of target-script letters (Arabic block for fa,
Devanagari for hi) among all letters of the prose, after removing front matter, code fences,
inline code, JSX/HTML tags, MDX comments and link targets, must be at least 0.5 (the observed
shares are bimodal: untranslated pages are at 0.00, translated ones at 0.66 or more).
The docs are copied unchanged, except for javascript.info: `article.md` is renamed after its
folder (`.../05-array-methods/article.md` -> `.../05-array-methods.md`), and the few articles
that open with javascript.info's own engine preamble (`libs:\n  - d3\n\n---`, once translated as
`کتابخانه ها:`) lose it, since it is not front matter and would hide the `# Title` below it. These files are not ours:
keep them out of this repository.
"""
import argparse
import json
import os
import re
import shutil
import subprocess

RANGES = {"fa": (0x0600, 0x06FF), "hi": (0x0900, 0x097F)}
THRESHOLD = 0.5


def prose(text):
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"<[^>\n]*>", "", text)
    text = re.sub(r"\{/\*.*?\*/\}", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return text


def script_share(text, lang):
    lo, hi = RANGES[lang]
    t = prose(text)
    latin = sum(c.isascii() and c.isalpha() for c in t)
    target = sum(lo <= ord(c) <= hi for c in t)
    return target / max(1, latin + target)


JSINFO_PREAMBLE = re.compile(r"\A[^\n#-][^\n]*:[ \t]*\n(?:[ \t]+-[^\n]*\n|[ \t]*\n)*---[ \t]*\n")


def git(gitdir, *args):
    return subprocess.run(["git", "-C", gitdir, *args], check=True, capture_output=True).stdout


def files(gitdir, commit, keep):
    names = git(gitdir, "ls-tree", "-r", "--name-only", commit).decode().splitlines()
    return sorted(n for n in names if keep(n))


SOURCES = {
    # name: (repo, lang, file filter, destination path inside content/)
    "react-fa": ("reactjs/fa.react.dev", "fa",
                 lambda n: n.startswith("src/content/") and n.endswith(".md"),
                 lambda n: "react/" + n[len("src/content/"):]),
    "react-hi": ("reactjs/hi.react.dev", "hi",
                 lambda n: n.startswith("src/content/") and n.endswith(".md"),
                 lambda n: "react/" + n[len("src/content/"):]),
    "jsinfo-fa": ("javascript-tutorial/fa.javascript.info", "fa",
                  lambda n: n.endswith("/article.md"),
                  lambda n: "jsinfo/" + n[: -len("/article.md")] + ".md"),
    "jsinfo-hi": ("javascript-tutorial/hi.javascript.info", "hi",
                  lambda n: n.endswith("/article.md"),
                  lambda n: "jsinfo/" + n[: -len("/article.md")] + ".md"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    for name in SOURCES:
        ap.add_argument("--" + name, required=True, metavar="GITDIR")
        ap.add_argument("--commit-" + name, default="HEAD")
    args = ap.parse_args()
    manifest = {"threshold": THRESHOLD, "sources": {}}
    for lang in RANGES:
        site = os.path.join(args.out, "site-" + lang)
        shutil.rmtree(site, ignore_errors=True)
        os.makedirs(os.path.join(site, "content"))
        with open(os.path.join(site, "freshdocs.toml"), "w") as f:
            f.write(f'title = "relevance-{lang}"\nlanguage = "{lang}"\ncontent = "content"\n')
    for name, (repo, lang, keep, dest) in SOURCES.items():
        gitdir = getattr(args, name.replace("-", "_"))
        commit = git(gitdir, "rev-parse", getattr(args, "commit_" + name.replace("-", "_"))).decode().strip()
        kept, dropped = [], []
        for path in files(gitdir, commit, keep):
            text = git(gitdir, "show", f"{commit}:{path}").decode("utf-8")
            if name.startswith("jsinfo"):
                text = JSINFO_PREAMBLE.sub("", text)
            share = round(script_share(text, lang), 3)
            if share >= THRESHOLD:
                out = os.path.join(args.out, "site-" + lang, "content", dest(path))
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, "w", encoding="utf-8") as f:
                    f.write(text)
                kept.append({"source": path, "site": dest(path), "share": share})
            else:
                dropped.append({"source": path, "share": share})
        manifest["sources"][name] = {"repo": repo, "lang": lang, "commit": commit,
                                     "kept": kept, "dropped": dropped}
        print(f"{name}: {repo}@{commit[:12]}: {len(kept)} translated kept, {len(dropped)} dropped")
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
