#!/usr/bin/env python3
"""Generate a deterministic help-center corpus for benchmarking freshdocs against Hugo.

    python3 bench/gen_corpus.py --articles 10000 --out /work/bench-data/corpus-10k

writes two sites built from the SAME Markdown files (byte for byte):

    OUT/freshdocs/freshdocs.toml, OUT/freshdocs/content/...        (fa, hi in content/fa, content/hi)
    OUT/hugo/hugo.toml, OUT/hugo/content/{en,fa,hi}/..., OUT/hugo/layouts/...

`--articles N` counts article files over all languages: half are English, a quarter Persian and a
quarter Hindi; every Persian/Hindi article is a translation of an English one at the same path.
Articles are spread over `--categories` (10) x `--subsections` (10) folders, each with an
`_index.md` in every language. Article lengths are a mix between ~300 and ~2,500 words; bodies
have headings, lists, code blocks, tables, callouts, and relative links to other articles of the
same language (`../other-section/article.md`, `../../other-category/section/article.md`,
`sibling.md`), a third of them with an `#anchor` that exists in the target.

English prose is generated from a help-center vocabulary; Persian and Hindi prose is sampled
from the real articles in /work/shared/seeds/*.txt. Output depends only on the arguments.
"""

import argparse
import os
import random
import re
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Text sources

EN_WORDS = """account access admin alert analytics answer api app archive article assign
attachment audit automation backup badge balance billing branch browser bug cache calendar card
cancel change channel chat checkout client cloud code comment company configure connect contact
content customer dashboard data date default delete deploy device discount domain download draft
edit email enable error event export feature feedback field file filter folder form group guide
help history import integration invite invoice issue key label language layout limit link list
login message migrate mobile module monitor network notification order owner page password
payment permission phone plan policy portal preview price product profile project queue quota
receipt refund region release report request reset response role rule schedule search secret
security server service session setting share sign site status storage subscription support
sync team template ticket token trial update upload usage user version view webhook widget
workflow workspace""".split()

EN_VERBS = """add allow archive assign change check choose click configure connect copy create
delete disable download edit enable export find import invite install keep link manage move
open pick remove rename replace request reset restore review run save select send set share
sign start stop switch sync test turn update upload use verify view""".split()

EN_GLUE = """the the the a a your your this each every any new our its""".split()
EN_PREP = """in on for with from to after before under by through within""".split()
EN_ADJ = """active archived automatic custom daily default detailed empty existing external
failed free global hidden internal large local main manual monthly new old optional paid
pending primary private public recent required secure shared single slow small weekly""".split()


def en_sentence(rng, words=None):
    n = words or rng.randint(8, 22)
    out = []
    while len(out) < n:
        r = rng.random()
        if r < 0.25:
            out += [rng.choice(EN_VERBS), rng.choice(EN_GLUE), rng.choice(EN_WORDS)]
        elif r < 0.45:
            out += [rng.choice(EN_PREP), rng.choice(EN_GLUE), rng.choice(EN_ADJ), rng.choice(EN_WORDS)]
        elif r < 0.6:
            out += ["when", "you", rng.choice(EN_VERBS), "a", rng.choice(EN_WORDS)]
        else:
            out += [rng.choice(EN_GLUE), rng.choice(EN_WORDS), "is", rng.choice(EN_ADJ)]
    out = out[:n]
    s = " ".join(out)
    return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "?"])


ZWNJ = "\u200c"


def load_seed_sentences(lang):
    """Real Persian (files 000-002) or Hindi (003) sentences from the seed articles."""
    seeds = os.path.join(os.environ.get("SEEDS", "/work/shared/seeds"))
    files = sorted(f for f in os.listdir(seeds) if f.endswith(".txt"))
    sents = []
    for f in files:
        with open(os.path.join(seeds, f), encoding="utf-8") as fh:
            text = fh.read()
        is_hi = bool(re.search("[\u0900-\u097F]", text))
        if (lang == "hi") != is_hi:
            continue
        for para in text.split("\n"):
            for s in re.split(r"(?<=[.!?؟।])\s+", para):
                s = s.strip()
                # drop boilerplate (links, numbers-only, very short/long), and characters that are
                # Markdown syntax so the sampled sentence stays plain prose
                s = re.sub(r"[*_`#<>\[\]|{}\\]", "", s).strip()
                n = len(s.split())
                if 5 <= n <= 45 and not re.search(r"https?:|www\.|@", s):
                    sents.append(s)
    if not sents:
        sys.exit(f"no {lang} sentences found in {seeds}")
    return sents


def words_of(sentences):
    """Words usable in titles and headings (letters only, no ZWNJ, no punctuation)."""
    ws = set()
    for s in sentences:
        for w in s.split():
            w = "".join(c for c in w if unicodedata.category(c)[0] in "LM")
            if len(w) >= 2 and not re.search(r"[A-Za-z]", w):
                ws.add(w)
    return sorted(ws)


class Lang:
    def __init__(self, code):
        self.code = code
        if code == "en":
            self.sents = None
            self.words = EN_WORDS + EN_ADJ
        else:
            self.sents = load_seed_sentences(code)
            self.words = words_of(self.sents)

    def sentence(self, rng):
        if self.sents is None:
            return en_sentence(rng)
        return rng.choice(self.sents)

    def phrase(self, rng, lo=2, hi=5):
        """A heading/title: a few distinct words, no punctuation, so its id is the same in every tool."""
        n = rng.randint(lo, hi)
        ws = []
        while len(ws) < n:
            w = rng.choice(self.words)
            if w not in ws:
                ws.append(w)
        s = " ".join(ws)
        if self.code == "en":
            s = s[0].upper() + s[1:]
        return s


def heading_id(text):
    """GitHub-style id (what freshdocs and Hugo's default 'github' autoHeadingIDType produce for
    punctuation-free headings): lower case, spaces to '-'."""
    return text.lower().replace(" ", "-")


RESERVED_IDS = {"content", "main", "search", "search-results", "toc", "top"}

# ---------------------------------------------------------------------------------------------
# Site plan

CATEGORY_NAMES = ["getting-started", "account", "billing", "integrations", "security",
                  "reporting", "mobile", "administration", "troubleshooting", "api",
                  "automation", "notifications", "storage", "teams", "migration", "privacy"]
SUB_NAMES = ["basics", "setup", "settings", "permissions", "import-export", "limits", "faq",
             "advanced", "errors", "best-practices", "workflows", "reference", "tutorials",
             "upgrades", "compliance", "devices"]


def slug_words(rng, k):
    return "-".join(rng.choice(EN_WORDS) for _ in range(k))


def length_words(rng):
    """~300-2,500 words: most help articles are short, a few are long."""
    r = rng.random()
    if r < 0.55:
        return rng.randint(300, 800)
    if r < 0.88:
        return rng.randint(800, 1500)
    return rng.randint(1500, 2500)


class Article:
    __slots__ = ("cat", "sub", "slug", "order", "langs", "plans")

    def __init__(self, cat, sub, slug, order):
        self.cat, self.sub, self.slug, self.order = cat, sub, slug, order
        self.langs = ["en"]
        self.plans = {}  # lang -> (title, description, tags, [(level, heading)], words)

    @property
    def rel(self):
        return f"{self.cat}/{self.sub}/{self.slug}.md"


def plan_site(args):
    rng = random.Random(f"{args.seed}:plan")
    cats = CATEGORY_NAMES[: args.categories]
    subs = SUB_NAMES[: args.subsections]
    n_en = args.articles - 2 * (args.articles // 4)
    n_tr = args.articles // 4
    folders = [(c, s) for c in cats for s in subs]
    arts = []
    used = set()
    for i in range(n_en):
        c, s = folders[i % len(folders)]
        while True:
            slug = slug_words(rng, rng.randint(2, 4))
            if (c, s, slug) not in used:
                used.add((c, s, slug))
                break
        arts.append(Article(c, s, slug, i // len(folders) + 1))
    # translations: the same n_tr English articles get a Persian and a Hindi version
    tr = rng.sample(range(n_en), n_tr)
    for i in tr:
        arts[i].langs += ["fa", "hi"]
    return cats, subs, arts


def plan_article(art, lang, L, seed):
    rng = random.Random(f"{seed}:{lang}:{art.rel}:plan")
    title = L.phrase(rng, 3, 7)
    desc = L.sentence(rng)
    tags = sorted({L.phrase(rng, 1, 2) for _ in range(rng.randint(1, 4))})
    words = length_words(rng)
    n_sections = max(2, words // 220)
    heads, seen = [], set(RESERVED_IDS)
    for _ in range(n_sections):
        h = L.phrase(rng, 2, 5)
        if heading_id(h) in seen:
            continue
        seen.add(heading_id(h))
        heads.append((2, h))
        if rng.random() < 0.35:
            h3 = L.phrase(rng, 2, 4)
            if heading_id(h3) not in seen:
                seen.add(heading_id(h3))
                heads.append((3, h3))
    art.plans[lang] = (title, desc, tags, heads, words)


# ---------------------------------------------------------------------------------------------
# Markdown

CODE_SAMPLES = [
    ("bash", "curl -s -H \"Authorization: Bearer $TOKEN\" \\\n  https://api.example.com/v2/{w}s?limit=50 | jq '.items[] | .id'"),
    ("json", "{{\n  \"{w}\": {{\n    \"enabled\": true,\n    \"limit\": 250,\n    \"regions\": [\"eu-west\", \"us-east\"]\n  }}\n}}"),
    ("yaml", "{w}:\n  enabled: true\n  schedule: \"0 3 * * *\"\n  notify:\n    - support@example.com\n    - ops@example.com"),
    ("python", "import requests\n\nresp = requests.get(\"https://api.example.com/v2/{w}s\", timeout=10)\nresp.raise_for_status()\nfor item in resp.json()[\"items\"]:\n    print(item[\"id\"], item[\"status\"])"),
    ("", "Error 429: too many requests for {w}\nRetry-After: 30"),
]


def paragraph(rng, L, budget, links):
    """A paragraph of about `budget` words, with some of `links` (text, href) inlined."""
    out, n = [], 0
    while n < budget:
        s = L.sentence(rng)
        if links and rng.random() < 0.3:
            text, href = links.pop()
            s = f"{s} [{text}]({href})"
            if L.code == "en":
                s += "."
        out.append(s)
        n += len(s.split())
    return " ".join(out), n


def table(rng, L):
    cols = rng.randint(3, 4)
    rows = rng.randint(3, 6)
    head = [L.phrase(rng, 1, 2) for _ in range(cols)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * cols]
    for _ in range(rows):
        cells = [L.phrase(rng, 1, 3) if rng.random() < 0.7 else str(rng.randint(1, 500)) for _ in range(cols)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines), rows * cols * 2


def rel_link(src, dst):
    if src.cat == dst.cat and src.sub == dst.sub:
        return f"{dst.slug}.md"
    if src.cat == dst.cat:
        return f"../{dst.sub}/{dst.slug}.md"
    return f"../../{dst.cat}/{dst.sub}/{dst.slug}.md"


def article_md(art, lang, L, by_lang, seed):
    rng = random.Random(f"{seed}:{lang}:{art.rel}:body")
    title, desc, tags, heads, words = art.plans[lang]
    # links to other articles of this language, preferring the same category
    pool = by_lang[lang]
    links = []
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.5:
            same = pool.by_cat[art.cat]
            dst = same[rng.randrange(len(same))]
        else:
            dst = pool.all[rng.randrange(len(pool.all))]
        if dst is art:
            continue
        href = rel_link(art, dst)
        dheads = dst.plans[lang][3]
        if dheads and rng.random() < 0.33:
            href += "#" + heading_id(rng.choice(dheads)[1])
        links.append((dst.plans[lang][0], href))
    rng.shuffle(links)

    fm = ["---", f"title: \"{title}\"", f"description: \"{desc.replace(chr(34), '')}\"",
          f"order: {art.order}", "tags:"] + [f"  - \"{t}\"" for t in tags] + ["---", ""]
    body = []
    n = 0
    p, k = paragraph(rng, L, rng.randint(40, 90), links)
    body.append(p)
    n += k
    per_section = max(60, (words - n) // max(1, len(heads)))
    for level, h in heads:
        body.append(("#" * level) + " " + h)
        sec = 0
        while sec == 0 or (sec < per_section and n + sec < words):
            r = rng.random()
            if r < 0.55:
                p, k = paragraph(rng, L, rng.randint(40, 110), links)
                body.append(p)
            elif r < 0.70:
                items = [L.sentence(rng) for _ in range(rng.randint(3, 6))]
                ordered = rng.random() < 0.4
                body.append("\n".join((f"{i + 1}. " if ordered else "- ") + it for i, it in enumerate(items)))
                k = sum(len(i.split()) for i in items)
            elif r < 0.80:
                lang_tag, code = rng.choice(CODE_SAMPLES)
                body.append(f"```{lang_tag}\n{code.format(w=rng.choice(EN_WORDS))}\n```")
                k = 25
            elif r < 0.90:
                t, k = table(rng, L)
                body.append(t)
            else:
                kind = rng.choice(["NOTE", "TIP", "WARNING", "IMPORTANT"])
                s = L.sentence(rng)
                body.append(f"> [!{kind}]\n> {s}")
                k = len(s.split())
            sec += k
        n += sec
    if links:  # whatever links were not placed yet go into a "see also" list
        body.append("\n".join(f"- [{t}]({h})" for t, h in links))
    return "\n".join(fm) + "\n\n".join(body) + "\n"


def index_md(title, desc, order):
    return f"---\ntitle: \"{title}\"\ndescription: \"{desc.replace(chr(34), '')}\"\norder: {order}\n---\n\n{desc}\n"


class Pool:
    def __init__(self):
        self.all = []
        self.by_cat = {}


# ---------------------------------------------------------------------------------------------
# Hugo site (a minimal theme comparable to freshdocs' default theme)

HUGO_TOML = """# Generated by freshdocs/bench/gen_corpus.py: the same Markdown as ../freshdocs/content.
baseURL = "https://help.example/"
title = "Example Help Center"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = false
# freshdocs has no tag/category pages; Hugo would otherwise render one page per tag and language.
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true

[markup]
  [markup.highlight]
    # freshdocs does not syntax-highlight code blocks; Hugo's Chroma highlighting is off here
    # (bench/build.sh also times Hugo with it on: HUGO_HIGHLIGHT=1).
    codeFences = {highlight}
  [markup.tableOfContents]
    startLevel = 2
    endLevel = 3
  [markup.goldmark.parser]
    autoHeadingIDType = "github"

[languages]
  [languages.en]
    contentDir = "content/en"
    languageName = "English"
    weight = 1
  [languages.fa]
    contentDir = "content/fa"
    languageName = "فارسی"
    languageDirection = "rtl"
    weight = 2
  [languages.hi]
    contentDir = "content/hi"
    languageName = "हिन्दी"
    weight = 3

[params.contact]
  email = "support@help.example"
  phone = "+1 212 555 0147"
  chat = "https://chat.help.example/"
  url = "https://help.example/contact/"
  hours = "Monday to Friday, 09:00–17:00 UTC"
"""

FRESHDOCS_TOML = """# Generated by freshdocs/bench/gen_corpus.py
title = "Example Help Center"
base_url = "https://help.example/"
language = "en"

[languages.fa]
name = "فارسی"

[languages.hi]
name = "हिन्दी"

[contact]
email = "support@help.example"
phone = "+1 212 555 0147"
chat = "https://chat.help.example/"
url = "https://help.example/contact/"
hours = "Monday to Friday, 09:00–17:00 UTC"
"""

BRAND_SVG = ('<svg class="brand-mark" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="28" height="28">'
             '<path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm.1 15.6a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm1.5-5.3c-.7.4-.9.7-.9 1.3v.4h-2.2v-.5c0-1.3.5-2 1.6-2.7.9-.6 1.2-.9 1.2-1.5s-.5-1.1-1.3-1.1c-.9 0-1.4.5-1.5 1.3H8.3c.1-2 1.5-3.3 3.8-3.3 2.2 0 3.6 1.2 3.6 2.9 0 1.1-.6 1.9-2.1 2.7Z"/></svg>')

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">
{{ end }}<link rel="canonical" href="{{ .Permalink }}">
<meta name="color-scheme" content="light dark">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
{{ with .Description }}<meta property="og:description" content="{{ . }}">
{{ end }}<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">
{{ end }}<link rel="icon" href="{{ "favicon.svg" | relURL }}" type="image/svg+xml">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ if .IsPage }}<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":{{ .Title | jsonify | safeJS }},"description":{{ .Description | jsonify | safeJS }},"inLanguage":"{{ .Language.Lang }}","url":"{{ .Permalink }}","mainEntityOfPage":"{{ .Permalink }}"}</script>
{{ end }}</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip_to_content" }}</a>
<header class="site-header">
<div class="wrap header-bar">
<a class="brand" href="{{ site.Home.RelPermalink }}">BRAND_SVG<bdi>{{ site.Title }}</bdi></a>
<nav class="langs" aria-label="{{ i18n "languages" }}"><ul>
{{ if .IsTranslated }}{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}"{{ if eq .Language.Lang $.Language.Lang }} aria-current="true"{{ end }}>{{ .Language.LanguageName }}</a></li>
{{ end }}{{ else }}{{ range site.Home.AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>
{{ end }}{{ end }}</ul></nav>
<a class="header-contact" href="#contact">{{ i18n "contact_support" }}</a>
</div>
<div class="search-band">
<div class="wrap">
<form class="search" role="search" action="{{ "search/" | relLangURL }}" method="get">
<div class="search-row"><label class="search-field"><span class="visually-hidden">{{ i18n "search_label" }}</span><input type="search" id="search" name="q" placeholder="{{ i18n "search_placeholder" }}" autocomplete="off" enterkeyhint="search"></label><button type="submit">{{ i18n "search_button" }}</button></div>
</form>
<div id="search-results" aria-live="polite"></div>
</div>
</div>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
{{ partial "footer.html" . }}
</body>
</html>
""".replace("BRAND_SVG", BRAND_SVG),
    "partials/footer.html": """<footer class="site-footer">
{{ with site.Params.contact }}<section class="help" id="contact" aria-label="{{ i18n "still_need_help" }}">
<div class="wrap help-grid">
<div class="help-text">
<h2>{{ i18n "still_need_help" }}</h2>
<p class="help-intro">{{ i18n "contact_intro" }}</p>
<p class="hours"><strong>{{ i18n "hours" }}:</strong> <bdi>{{ .hours }}</bdi></p>
</div>
<ul class="channels">
<li><a href="mailto:{{ .email }}"><svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24"><path d="M3 5h18v14H3zM3 6l9 7 9-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg><span class="ch-label">{{ i18n "email_us" }}</span><span class="ch-value" dir="ltr">{{ .email }}</span></a></li>
<li><a href="tel:{{ replace .phone " " "" }}"><svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24"><path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2Z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg><span class="ch-label">{{ i18n "call_us" }}</span><span class="ch-value" dir="ltr">{{ .phone }}</span></a></li>
<li><a href="{{ .chat }}"><svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24"><path d="M4 4h16v12H9l-5 4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg><span class="ch-label">{{ i18n "chat_with_us" }}</span></a></li>
<li><a href="{{ .url }}"><svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24"><path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-9 9h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18" fill="none" stroke="currentColor" stroke-width="2"/></svg><span class="ch-label">{{ i18n "contact_more" }}</span></a></li>
</ul>
</div>
</section>
{{ end }}<div class="wrap footer-meta">
<p class="footer-links"><a href="{{ site.Home.RelPermalink }}">{{ i18n "home" }}</a></p>
<p class="generator">{{ i18n "built_with" }} Hugo</p>
</div>
</footer>
""",
    "partials/breadcrumbs.html": """{{ if not .IsHome }}<nav class="breadcrumbs" aria-label="{{ i18n "breadcrumbs" }}"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol></nav>
{{ end }}""",
    "_default/single.html": """{{ define "main" }}<div class="wrap">
{{ partial "breadcrumbs.html" . }}<article class="article">
<header class="article-head">
<h1>{{ .Title }}</h1>
</header>
{{ with .TableOfContents }}<nav class="toc" id="toc" aria-label="{{ i18n "on_this_page" }}">
<h2>{{ i18n "on_this_page" }}</h2>
{{ . }}
</nav>
{{ end }}<div class="content">
{{ .Content }}
</div>
{{ with .Params.tags }}<div class="tags"><h2 class="tags-title">{{ i18n "tags" }}</h2><ul>
{{ range . }}<li>{{ . }}</li>
{{ end }}</ul></div>
{{ end }}</article>
{{ if or .PrevInSection .NextInSection }}<nav class="pager" aria-label="{{ i18n "pager" }}">
{{ with .PrevInSection }}<a class="pager-prev" href="{{ .RelPermalink }}" rel="prev"><span class="pager-dir">{{ i18n "previous" }}</span> <span class="pager-title">{{ .Title }}</span></a>
{{ end }}{{ with .NextInSection }}<a class="pager-next" href="{{ .RelPermalink }}" rel="next"><span class="pager-dir">{{ i18n "next" }}</span> <span class="pager-title">{{ .Title }}</span></a>
{{ end }}</nav>
{{ end }}</div>
{{ end }}""",
    "_default/list.html": """{{ define "main" }}<div class="wrap">
{{ partial "breadcrumbs.html" . }}<header class="page-head">
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lede">{{ . }}</p>
{{ end }}</header>
{{ with .Content }}<div class="content">{{ . }}</div>
{{ end }}{{ with .Sections }}<h2 class="block-title">{{ i18n "sections" }}</h2>
<ul class="cards">
{{ range sort . "Params.order" }}<li class="card">
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{ with .Description }}<p class="card-desc">{{ . }}</p>
{{ end }}<p class="count">{{ len .RegularPagesRecursive }} {{ i18n "articles" }}</p>
{{ with .RegularPages }}<ul class="card-links">
{{ range first 5 (sort . "Params.order") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}{{ if gt (len .RegularPagesRecursive) 5 }}<p class="more"><a href="{{ .RelPermalink }}">{{ i18n "view_all" }}</a></p>
{{ end }}</li>
{{ end }}</ul>
{{ end }}{{ with .RegularPages }}<ul class="article-list">
{{ range sort . "Params.order" }}<li>
<a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Description }}<p>{{ . }}</p>
{{ end }}</li>
{{ end }}</ul>
{{ end }}</div>
{{ end }}""",
    # Links to .md files: rewrite `x.md#a` -> `../x/#a` (an article is published one folder
    # deeper than its file). Comparable to freshdocs' rewriting, but without its link checking.
    "_default/_markup/render-link.html": """{{- $u := .Destination -}}
{{- if and (not (strings.Contains $u "://")) (findRE `\\.md(#|$)` $u) -}}
{{- $u = printf "../%s" (replaceRE `(?:/?_index|/index|/README)?\\.md(#|$)` "/$1" $u) -}}
{{- end -}}
<a href="{{ $u | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>""",
}
LAYOUTS["index.html"] = LAYOUTS["_default/list.html"]

I18N = {
    "en": dict(skip_to_content="Skip to content", languages="Languages", contact_support="Contact support",
               search_label="Search the help center", search_placeholder="Search articles",
               search_button="Search", still_need_help="Still need help?",
               contact_intro="Our support team answers every message.", hours="Hours",
               email_us="Email us", call_us="Call us", chat_with_us="Chat with us",
               contact_more="More ways to reach us", home="Home", built_with="Built with",
               breadcrumbs="Breadcrumbs", on_this_page="On this page", tags="Tags",
               pager="More articles", previous="Previous", next="Next", sections="Sections",
               articles="articles", view_all="View all"),
    "fa": dict(skip_to_content="رفتن به محتوا", languages="زبان‌ها", contact_support="تماس با پشتیبانی",
               search_label="جستجو در مرکز راهنما", search_placeholder="جستجوی مقاله‌ها",
               search_button="جستجو", still_need_help="هنوز کمک لازم دارید؟",
               contact_intro="تیم پشتیبانی به همه پیام‌ها پاسخ می‌دهد.", hours="ساعت کاری",
               email_us="ایمیل", call_us="تماس تلفنی", chat_with_us="گفتگو با ما",
               contact_more="راه‌های دیگر", home="خانه", built_with="ساخته شده با",
               breadcrumbs="مسیر", on_this_page="در این صفحه", tags="برچسب‌ها",
               pager="مقاله‌های دیگر", previous="قبلی", next="بعدی", sections="بخش‌ها",
               articles="مقاله", view_all="نمایش همه"),
    "hi": dict(skip_to_content="सामग्री पर जाएँ", languages="भाषाएँ", contact_support="सहायता से संपर्क करें",
               search_label="सहायता केंद्र में खोजें", search_placeholder="लेख खोजें",
               search_button="खोजें", still_need_help="अभी भी मदद चाहिए?",
               contact_intro="हमारी सहायता टीम हर संदेश का उत्तर देती है।", hours="समय",
               email_us="ईमेल करें", call_us="कॉल करें", chat_with_us="चैट करें",
               contact_more="संपर्क के और तरीके", home="होम", built_with="इससे बना",
               breadcrumbs="ब्रेडक्रंब", on_this_page="इस पृष्ठ पर", tags="टैग",
               pager="और लेख", previous="पिछला", next="अगला", sections="अनुभाग",
               articles="लेख", view_all="सभी देखें"),
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def write_hugo_theme(root, highlight=False, css=None):
    write(os.path.join(root, "hugo.toml"), HUGO_TOML.replace("{highlight}", "true" if highlight else "false"))
    for rel, text in LAYOUTS.items():
        write(os.path.join(root, "layouts", rel), text)
    for lang, strings in I18N.items():
        write(os.path.join(root, "i18n", f"{lang}.toml"),
              "".join(f"{k} = \"{v}\"\n" for k, v in strings.items()))
    if css:  # the same stylesheet as freshdocs' default theme, so both sites copy the same assets
        os.makedirs(os.path.join(root, "static"), exist_ok=True)
        shutil.copy(css, os.path.join(root, "static", "style.css"))


# Built into Hugo 0.111 and offline; the network ones (gist, instagram, tweet) are stubbed, so no
# build waits on the network.
HUGO_BUILTIN_SHORTCODES = {"figure", "highlight", "param", "ref", "relref", "vimeo", "youtube"}


def wrap_hugo(content, out, highlight=False):
    """A one-language Hugo site (the minimal theme above) around an existing content folder, for
    real docs written for another Hugo theme: every shortcode the content uses that Hugo 0.111 does
    not ship becomes a stub that outputs its inner content, so the Markdown itself is unchanged."""
    if os.path.exists(out):
        shutil.rmtree(out)
    write_hugo_theme(out, highlight=highlight,
                     css=os.path.join(HERE, "..", "themes", "default", "static", "style.css"))
    cfg = HUGO_TOML.replace("{highlight}", "true" if highlight else "false")
    cfg = cfg[: cfg.index("[languages]")] + cfg[cfg.index("[params.contact]"):]
    cfg = cfg.replace("the same Markdown as ../freshdocs/content", f"a minimal theme around {content}")
    cfg = cfg.replace('title = "Example Help Center"', f'title = "Docs"\ncontentDir = "{os.path.abspath(content)}"')
    cfg += '\n[params]\n  minVersion = "0.111.0"  # used by {{< param >}} in hugoDocs\n'
    write(os.path.join(out, "hugo.toml"), cfg)
    names, paired = set(), set()
    for dirpath, _, fnames in os.walk(content):
        for f in fnames:
            if f.endswith(".md"):
                with open(os.path.join(dirpath, f), encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                names.update(re.findall(r"\{\{[<%]-?\s*([A-Za-z0-9_][A-Za-z0-9_/-]*)", text))
                paired.update(re.findall(r"\{\{[<%]-?\s*/\s*([A-Za-z0-9_][A-Za-z0-9_/-]*)", text))
    for n in sorted(names - HUGO_BUILTIN_SHORTCODES):
        # a template that mentions .Inner must be closed at every use, so only paired ones do
        stub = "{{ .Inner }}" if n in paired else "<!-- {{ .Name }} -->"
        write(os.path.join(out, "layouts", "shortcodes", f"{n}.html"), stub)
    print(f"{out}: Hugo site around {content} ({len(names - HUGO_BUILTIN_SHORTCODES)} shortcode stubs)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hugo-wrap", metavar="CONTENT_DIR",
                    help="instead of generating articles, write a Hugo site at --out around CONTENT_DIR")
    ap.add_argument("--hugo-highlight", action="store_true", help="turn Hugo's code highlighting on")
    ap.add_argument("--articles", type=int, default=10000, help="article files over all languages (default 10000)")
    ap.add_argument("--categories", type=int, default=10)
    ap.add_argument("--subsections", type=int, default=10)
    ap.add_argument("--seed", default="42")
    ap.add_argument("--out", required=True, help="folder to create (replaced if it exists)")
    args = ap.parse_args()
    if args.hugo_wrap:
        return wrap_hugo(args.hugo_wrap, args.out, args.hugo_highlight)

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    fd = os.path.join(args.out, "freshdocs")
    hg = os.path.join(args.out, "hugo")
    langs = {c: Lang(c) for c in ("en", "fa", "hi")}

    cats, subs, arts = plan_site(args)
    by_lang = {c: Pool() for c in langs}
    for a in arts:
        for lang in a.langs:
            plan_article(a, lang, langs[lang], args.seed)
            p = by_lang[lang]
            p.all.append(a)
            p.by_cat.setdefault(a.cat, []).append(a)

    files = {}  # (lang, rel path under the language's content folder) -> markdown
    for lang, L in langs.items():
        rng = random.Random(f"{args.seed}:{lang}:sections")
        files[(lang, "_index.md")] = index_md(
            {"en": "Help Center", "fa": "مرکز راهنما", "hi": "सहायता केंद्र"}[lang], L.sentence(rng), 0)
        for ci, c in enumerate(cats):
            if c not in by_lang[lang].by_cat:
                continue
            files[(lang, f"{c}/_index.md")] = index_md(L.phrase(rng, 1, 3), L.sentence(rng), ci + 1)
            for si, s in enumerate(subs):
                files[(lang, f"{c}/{s}/_index.md")] = index_md(L.phrase(rng, 1, 3), L.sentence(rng), si + 1)
    n_articles = {c: 0 for c in langs}
    for a in arts:
        for lang in a.langs:
            files[(lang, a.rel)] = article_md(a, lang, langs[lang], by_lang, args.seed)
            n_articles[lang] += 1

    for (lang, rel), text in files.items():
        write(os.path.join(fd, "content", rel if lang == "en" else f"{lang}/{rel}"), text)
        write(os.path.join(hg, "content", lang, rel), text)
    write(os.path.join(fd, "freshdocs.toml"), FRESHDOCS_TOML)
    css = os.path.join(HERE, "..", "themes", "default", "static", "style.css")
    write_hugo_theme(hg, highlight=args.hugo_highlight, css=css if os.path.exists(css) else None)
    total_words = sum(len(t.split()) for t in files.values())
    print(f"{args.out}: {sum(n_articles.values())} articles ({n_articles}), "
          f"{len(files) - sum(n_articles.values())} section indexes, {total_words} words")


if __name__ == "__main__":
    main()
