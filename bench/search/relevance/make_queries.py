#!/usr/bin/env python3
"""Writes the known-item query sets of the relevance benchmark (stdlib only, deterministic).

    python3 bench/search/relevance/make_queries.py --site-fa /work/realdocs/site-fa \
        --site-hi /work/realdocs/site-hi --out bench/search/relevance

Reads the Markdown of each site (content/, as written by prepare.py) and writes queries-fa.json
and queries-hi.json. Each query imitates a customer looking for one article:

1. Phrases: the article's title and its `##` / `###` headings (outside code fences), cleaned of
   MDX anchors `{/*...*/}`, backticks, link targets and punctuation.
2. Content words: the phrase's words minus a short list of function words and light verbs, so
   that a query reads like what people type into a search box ("رندر لیست‌ها", "स्टेट अपडेट").
3. Windows: 1-3 consecutive content words of the phrase (1 only when the whole title is one
   word); never a whole sentence.
4. Not circular: every word of a window must also occur in at least one *other* article of the
   site (after folding letter variants, ZWNJ, nukta), so no query is found by a word that only
   the target contains.
5. Not ambiguous: a window whose words also appear, in order, in another article's title or
   heading is dropped (it cannot tell the two apart); the count is recorded.
6. Per article: one window from the title (if any survives) and up to N_HEADINGS from distinct
   headings, chosen with random.Random(SEED); among the usable windows of a phrase, one that a
   variant applies to (it has a ZWNJ, a nukta, a chandrabindu or a digit) is preferred.

Then every base query ("exact", as the docs spell it) gets each variant that applies to it:

- fa: `zwnj-joined` (ZWNJ removed: می‌شود -> میشود), `zwnj-space` (ZWNJ -> space),
  `arabic-letters` (ی -> ي, ک -> ك, a silent word-final ه -> ة), `digits` /
  `digits-arabic-indic` (ASCII <-> Persian ۱۲۳, or Arabic-Indic ١٢٣ digits), `inflected` (one
  plural noun typed as the singular: ویرایشگرهای -> ویرایشگر, or a spaced ezafe ی left out);
- hi: `no-nukta` (फ़ -> फ, ज़ -> ज, ड़ -> ड ...), `anusvara` (ँ -> ं), `inflected` (one word in
  another form: plural/oblique <-> direct, e.g. टिप्पणियाँ -> टिप्पणी, चीजों -> चीज, हल्के -> हल्का).
  An `inflected` form is used only if the docs themselves contain that word somewhere, so it is
  a real word, not a made-up ending.

Each query: {"id", "q", "variant", "base" (id of its exact query), "expect" (source path relative
to content/), "from" ("title" | "heading")}. The headings themselves are not written out: the
docs are third-party text (javascript.info's licence is non-commercial), so the committed files
hold only the 1-3-word queries.
"""
import argparse
import collections
import json
import os
import random
import re
import unicodedata

SEED = 20261122
N_HEADINGS = {"fa": 1, "hi": 3}
ZWNJ = "\u200c"

STOP = {
    "fa": set("""و در به از که را با این آن یک برای است تا یا هم بر اما اگر چه چگونه چطور هر ای خود
        نیز یا شما ما آنها آن‌ها چیست چیزی چند بین روی زیر بدون درون داخل وقتی هنگام
        کردن کنید کنیم کند می‌کنید می‌کند کرد شدن شود می‌شود شده دادن دهید می‌دهد بده نشان
        است هستند باشد بودن داشتن دارد ندارد دارند توسط مورد صورت طور باید می‌توان میتوان
        کرده شده کنیم دهیم""".split()),
    "hi": set("""के का की को में से पर और है हैं एक यह वह इस उस ये वो भी या तो ही कि लिए जो कैसे क्या
        नहीं न ना अपने अपना अपनी आप हम साथ तक बाद द्वारा करना करें करते करने करे कर किया
        होना होता होती होते हो रहा रही रहे जा जाता जाती जाते दें देना सकता सकते सकती चाहिए
        वाला वाले वाली होने कुछ किसी सभी बहुत""".split()),
}
SCRIPT = {"fa": re.compile(r"[\u0600-\u06ff]"), "hi": re.compile(r"[\u0900-\u097f]")}
FA_LETTERS = "\u0621-\u065f\u0670-\u06d3\u06d5\u06e5\u06e6\u06ee-\u06ff\u200c"
# Persian suffixes that writers separate with a space; a customer types them with their noun.
FA_SUFFIXES = {"ها", "های", "هایی", "ای", "ی"}
WORD = re.compile(f"[{FA_LETTERS}]+|"
                  r"[\u0900-\u0963\u0966-\u097f]+|[A-Za-z][A-Za-z0-9.]*|[0-9\u06f0-\u06f9\u0660-\u0669]+")
MARKED = re.compile("[\u200c\u093c\u0958-\u095f\u09010-9\u06f0-\u06f9]")
NUKTA_PRECOMPOSED = {chr(0x958 + i): b for i, b in enumerate("कखगजडढफय")}
SECTION_FILES = {"index.md", "_index.md", "README.md"}


def fold(word):
    """Only to compare words (document frequency, ambiguity); not the analyzer under test."""
    w = unicodedata.normalize("NFKC", word).lower().replace(ZWNJ, "").replace("\u200d", "")
    w = w.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک").replace("ة", "ه").replace("ۀ", "ه")
    w = re.sub("[\u064b-\u0652\u0670\u0640\u093c]", "", w).replace("\u0901", "\u0902")
    return "".join(NUKTA_PRECOMPOSED.get(c, c) for c in w)


def strip_md(text):
    text = re.sub(r"\{/\*.*?\*/\}", " ", text)
    text = re.sub(r"\[#[^\]]*\]", " ", text)  # javascript.info heading anchors
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("`", " ").replace("*", " ").replace("_", " ")


def parse(path):
    text = open(path, encoding="utf-8").read()
    title = None
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    if m:
        t = re.search(r"^title:\s*(.+)$", m.group(1), re.M)
        if t:
            title = t.group(1).strip().strip("'\"")
        text = text[m.end():]
    headings, in_code = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        h = re.match(r"^(#{1,3})\s+(.*)$", line)
        if h:
            if h.group(1) == "#" and title is None:
                title = h.group(2)
            elif h.group(1) != "#":
                headings.append(h.group(2))
    return strip_md(title or ""), [strip_md(h) for h in headings], text


def content_words(phrase, lang):
    out = []
    for w in WORD.findall(phrase):
        w = w.strip(ZWNJ)
        if not w or w in STOP[lang] or fold(w) in {fold(s) for s in STOP[lang]}:
            continue
        if lang == "fa" and w in FA_SUFFIXES:
            # "عملگر های منطقی": the suffix stays with its noun, as one unit
            if out and SCRIPT["fa"].search(out[-1]) and " " not in out[-1]:
                out[-1] += " " + w
            continue
        out.append(w)
    return out


def windows(words, single_ok):
    n = len(words)
    if n == 1:
        return [tuple(words)] if single_ok else []
    out = []
    for size in (3, 2):
        out += [tuple(words[i:i + size]) for i in range(n - size + 1)]
    return out


def contains(seq, window):
    k = len(window)
    return any(tuple(seq[i:i + k]) == window for i in range(len(seq) - k + 1))


# ---- variants ---------------------------------------------------------------------------------

def fa_variants(q, vocab):
    out = {}
    if ZWNJ in q:
        out["zwnj-joined"] = q.replace(ZWNJ, "")
        out["zwnj-space"] = re.sub(" +", " ", q.replace(ZWNJ, " "))
    # ة only for a silent final ه (not after ا / و, where ه is pronounced: راه, همراه, کوه)
    arabic = re.sub("(?<=[^او ])ه(?=$| )", "ة", q.replace("ی", "ي").replace("ک", "ك"))
    if arabic != q:
        out["arabic-letters"] = arabic
    if re.search("[0-9]", q):
        out["digits"] = q.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        out["digits-arabic-indic"] = q.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    elif re.search("[۰-۹]", q):
        out["digits"] = q.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
        out["digits-arabic-indic"] = q.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"))
    other = fa_inflect(q, vocab)
    if other:
        out["inflected"] = other
    return out


def fa_inflect(q, vocab):
    """One plural noun written as the singular (or an ezafe ی dropped), if the docs use that form."""
    words = q.split(" ")
    for i, w in enumerate(words):
        if not SCRIPT["fa"].search(w):
            continue
        m = re.match(r"^(.{2,}?)\u200c?(هایی|های|ها)$", w)
        if m:
            forms = [m.group(1)]
        elif i + 1 < len(words) and words[i + 1] in FA_SUFFIXES:
            forms = []  # "عملگر های": handled on the suffix word's turn, skipped here
        else:
            forms = []  # singular -> plural made too many odd words (سلام -> سلام‌ها); not used
        if i > 0 and w in FA_SUFFIXES and words[i - 1] in vocab:
            return " ".join(words[:i] + words[i + 1:])  # "عملگر های منطقی" -> "عملگر منطقی"
        for form in forms:
            if form in vocab and form != w:
                return " ".join(words[:i] + [form] + words[i + 1:])
    return None


# Hindi: plural/oblique <-> direct forms; a rule is used only when it gives a word the docs use.
HI_INFLECT = [
    ("ियाँ", "ी"), ("ियां", "ी"), ("ियों", "ी"), ("ाएँ", "ा"), ("ाएं", "ा"), ("ाओं", "ा"),
    ("ओं", ""), ("ों", ""), ("ें", ""), ("े", "ा"), ("ने", "ना"), ("ना", "ने"), ("ा", "े"),
    ("ी", "ियाँ"), ("ी", "ियां"), ("ी", "ियों"), ("ा", "ाएँ"), ("ा", "ाएं"), ("", "ों"), ("", "ें"),
]


def hi_variants(q, vocab):
    out = {}
    no_nukta = "".join(NUKTA_PRECOMPOSED.get(c, c) for c in q).replace("\u093c", "")
    if no_nukta != q:
        out["no-nukta"] = no_nukta
    if "\u0901" in q:
        out["anusvara"] = q.replace("\u0901", "\u0902")
    words = q.split(" ")
    for i, w in enumerate(words):
        if not SCRIPT["hi"].search(w):
            continue
        for suffix, repl in HI_INFLECT:
            if suffix == "" and not ("\u0915" <= w[-1] <= "\u0939" or "\u0958" <= w[-1] <= "\u095f"):
                continue  # an ending is added only after a bare consonant: एडिटर -> एडिटरों
            if w.endswith(suffix) and len(w) > len(suffix) + 1:
                form = w[: len(w) - len(suffix)] + repl
                if form != w and form in vocab:
                    out["inflected"] = " ".join(words[:i] + [form] + words[i + 1:])
                    return out
    return out


# ---- main -------------------------------------------------------------------------------------

def articles(site):
    root = os.path.join(site, "content")
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".md") and f not in SECTION_FILES:
                p = os.path.join(d, f)
                out.append((os.path.relpath(p, root).replace(os.sep, "/"), *parse(p)))
    return out


def build(site, lang):
    docs = articles(site)
    df, vocab = collections.Counter(), set()
    for path, title, headings, body in docs:
        words = WORD.findall(strip_md(title + "\n" + body))
        vocab.update(words)
        df.update({fold(w) for w in words})
    phrases = {path: [content_words(p, lang) for p in [title] + headings] for path, title, headings, _ in docs}
    rng = random.Random(SEED)
    queries, stats = [], collections.Counter()

    def usable(path, window):
        if not any(SCRIPT[lang].search(w) for w in window):
            stats["no target-script word"] += 1
            return False
        if any(df[fold(part)] < 2 for w in window for part in w.split(" ")):
            stats["a word only in the target (circular)"] += 1
            return False
        fw = tuple(fold(w) for w in window)
        for other, ps in phrases.items():
            if other != path and any(contains([fold(w) for w in p], fw) for p in ps):
                stats["also in another article's title/heading (ambiguous)"] += 1
                return False
        return True

    def choose(ws):
        # prefer a window that a variant applies to (ZWNJ, nukta, chandrabindu, digits)
        marked = [w for w in ws if MARKED.search(" ".join(w))]
        return rng.choice(marked or ws)

    for path, title, headings, _ in docs:
        picks = []
        tw = [w for w in windows(content_words(title, lang), True) if usable(path, w)]
        if tw:
            picks.append(("title", title, choose(tw)))
        else:
            stats["article without a usable title window"] += 1
        hs = list(dict.fromkeys(h for h in headings if h.strip()))
        rng.shuffle(hs)
        for h in hs:
            if sum(1 for p in picks if p[0] == "heading") == N_HEADINGS[lang]:
                break
            hw = [w for w in windows(content_words(h, lang), False) if usable(path, w)]
            if hw:
                picks.append(("heading", h, choose(hw)))
        seen = set()
        for kind, _phrase, window in picks:
            if window in seen:
                continue
            seen.add(window)
            base = f"{lang}-{len(queries) + 1:03d}"
            q = " ".join(window)
            queries.append({"id": base, "q": q, "variant": "exact", "base": base, "expect": path,
                            "from": kind})
            variants = fa_variants(q, vocab) if lang == "fa" else hi_variants(q, vocab)
            for name, vq in variants.items():
                queries.append({"id": f"{base}-{name}", "q": vq, "variant": name, "base": base,
                                "expect": path, "from": kind})
    return {"lang": lang, "seed": SEED, "articles": len(docs), "skipped_windows": dict(stats),
            "queries": queries}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site-fa", required=True)
    ap.add_argument("--site-hi", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    for lang, site in (("fa", args.site_fa), ("hi", args.site_hi)):
        data = build(site, lang)
        with open(os.path.join(args.out, f"queries-{lang}.json"), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")
        kinds = collections.Counter(q["variant"] for q in data["queries"])
        print(lang, data["articles"], "articles,", len(data["queries"]), "queries:", dict(kinds))
        print("  skipped windows:", data["skipped_windows"])


if __name__ == "__main__":
    main()
