#!/usr/bin/env node
// Builds relevance sites and their query sets from public docs in other languages (node, no
// packages).
//
//   node bench/search/relevance/sites.mjs --out /work/realdocs \
//       --ja GITDIR --zh GITDIR --th GITDIR --ar GITDIR --ko GITDIR --bn GITDIR --ta GITDIR \
//       --en GITDIR [--write-queries]
//
// Each GITDIR is a clone (bare or not) of the language's source; HEAD is read.
// - ja, zh, th, ar: MicrosoftDocs/Dynamics-365-Operations.ja-jp, .zh-cn, .th-th and .ar-sa. The
//   same three folders of each (finance: general ledger, accounts receivable, accounts payable;
//   about 320 articles) are read.
// - ko, bn, ta, en: reactjs/ko.react.dev, bn.react.dev, ta.react.dev and react.dev (English), the
//   learn and reference pages. Of a translation, only the pages translated: at least half of the
//   letters of their prose in the language's script. These pages have no descriptions: only the
//   headings set is written. (Their heading anchors, `{/*state-updates*/}`, are read as words;
//   those are most often the heading's own.)
// Each becomes OUT/site-<lang>, a freshdocs site with `language = "<lang>"`. The articles are
// copied unchanged. They are not ours: keep them out of this repository.
//
// With --write-queries, also rewrites queries-<lang>.json beside this script: for every article
// with a `description` in its front matter, the two rarest words of that description (document
// frequency over the articles' text, both words at least two characters of the language's own
// script and used by two articles at least), in the order the description has them. They are
// typed as readers of the language type them: with a space (`w1 w2`), and in Japanese, Chinese
// and Thai also joined (`w1w2`), as those are written. Words are cut by Intl.Segmenter (ICU's
// dictionaries), not by freshdocs, so the queries do not depend on the analyzer under test.
// Articles whose description another article repeats are skipped (the query could not tell them
// apart), as are pairs of words that both occur in another article's description.
//
// With --write-queries, also rewrites queries-<lang>-headings.json, a control set whose words do
// not come from the description: for every article, the two rarest words (chosen the same way) of
// the one `##`–`####` heading of its body whose two rarest words are rarest, typed the same ways.
// Pairs whose words both occur in another article's headings are skipped. Korean queries come a
// third way too, with the particles a reader leaves off (데이터를 → 데이터). Run a headings set
// with `run.py --site <lang>:headings=DIR`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DYNAMICS = { root: 'articles/finance/', descriptions: true,
  folders: ['articles/finance/general-ledger/', 'articles/finance/accounts-receivable/', 'articles/finance/accounts-payable/'] };
const REACT = { root: 'src/content/', translation: true, folders: ['src/content/learn/', 'src/content/reference/'] };
/** Each language: its source, where its articles are, and the letters of its script. */
const LANGS = {
  ja: { repo: 'MicrosoftDocs/Dynamics-365-Operations.ja-jp', ...DYNAMICS, script: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u },
  zh: { repo: 'MicrosoftDocs/Dynamics-365-Operations.zh-cn', ...DYNAMICS, script: /\p{Script=Han}/u },
  th: { repo: 'MicrosoftDocs/Dynamics-365-Operations.th-th', ...DYNAMICS, script: /\p{Script=Thai}/u },
  ar: { repo: 'MicrosoftDocs/Dynamics-365-Operations.ar-sa', ...DYNAMICS, script: /\p{Script=Arabic}/u },
  ko: { repo: 'reactjs/ko.react.dev', ...REACT, script: /\p{Script=Hangul}/u },
  bn: { repo: 'reactjs/bn.react.dev', ...REACT, script: /\p{Script=Bengali}/u },
  ta: { repo: 'reactjs/ta.react.dev', ...REACT, script: /\p{Script=Tamil}/u },
  en: { repo: 'reactjs/react.dev', ...REACT, script: /\p{Script=Latin}/u },
};
/** Scripts written without spaces between words: their readers type the words joined too. */
const UNSPACED = new Set(['ja', 'zh', 'th']);
/** Korean particles a reader leaves off (데이터를 → 데이터), longest first. */
const KO_PARTICLES = ['에서', '으로', '을', '를', '은', '는', '이', '가', '의', '에', '로', '와', '과', '도'];

function args() {
  const out = { write: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--write-queries') out.write = true;
    else out[argv[i].replace(/^--/, '')] = argv[++i];
  }
  if (!out.out) throw new Error('--out DIR is required');
  return out;
}

const git = (dir, ...a) => execFileSync('git', ['-C', dir, ...a], { maxBuffer: 1 << 28 }).toString('utf8');

function frontMatter(text) {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const fields = {};
  if (m) {
    for (const line of m[1].split('\n')) {
      const kv = /^([\w.]+):\s*(.*)$/.exec(line);
      if (kv) fields[kv[1]] = kv[2].replace(/^['"]|['"]$/g, '').trim();
    }
  }
  return { fields, body: m ? text.slice(m[0].length) : text };
}

/** Prose without code, tags, link targets and include directives. */
function prose(body) {
  return body.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ').replace(/<[^>\n]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']').replace(/\[!include[^\]]*\]/g, ' ');
}

/** Direction marks (U+200E, U+202C, …) are invisible in the page, and nobody types them. */
const withoutMarks = (text) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
/** Whether `text` has every one of `words` (as wordsOf gives them: English in lower case). */
const hasAll = (text, words) => {
  const plain = withoutMarks(text).toLowerCase();
  return words.every((w) => plain.includes(w));
};

function wordsOf(text, lang) {
  const seg = new Intl.Segmenter(lang, { granularity: 'word' });
  const out = [];
  // Thai ำ is one key on a Thai keyboard; some of these pages spell it ํ + า, which ICU's
  // dictionary then cuts mid-word (สามารถคํานวณ → รถคํา). Queries are typed with ำ.
  if (lang === 'th') text = text.replace(/\u0e4d\u0e32/g, '\u0e33');
  text = withoutMarks(text);
  for (const s of seg.segment(text)) {
    // A reader types English in lower case; `Exporting` and `exporting` are one word.
    const word = lang === 'en' ? s.segment.toLowerCase() : s.segment;
    if (s.isWordLike && LANGS[lang].script.test(word) && [...word].length >= 2) out.push(word);
  }
  return out;
}

function site(lang, gitdir, outDir) {
  const { repo, root, folders, script, translation } = LANGS[lang];
  const commit = git(gitdir, 'rev-parse', 'HEAD').trim();
  const names = git(gitdir, 'ls-tree', '-r', '--name-only', commit).split('\n')
    .filter((n) => n.endsWith('.md') && folders.some((f) => n.startsWith(f)) && !n.includes('/includes/'));
  const dir = path.join(outDir, `site-${lang}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'content'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'freshdocs.toml'),
    `title = "relevance-${lang}"\nlanguage = "${lang}"\ncontent = "content"\n`);
  const articles = [];
  for (const name of names) {
    const text = git(gitdir, 'show', `${commit}:${name}`);
    const rel = name.slice(root.length);
    const { fields, body } = frontMatter(text);
    if (translation) {
      const letters = [...prose(body)].filter((c) => /\p{L}/u.test(c));
      if (letters.filter((c) => script.test(c)).length * 2 < letters.length) continue;
    }
    const file = path.join(dir, 'content', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const headings = [...prose(body).matchAll(/^#{2,4}\s+(.+)$/gm)].map((m) => m[1].trim());
    articles.push({ path: rel, description: fields.description || '', headings, text: prose(body) });
  }
  console.log(`${lang}: ${repo}@${commit.slice(0, 12)}: ${articles.length} articles`);
  return { commit, articles };
}

/** In how many articles each word occurs (text and description). */
function documentFrequencies(lang, articles) {
  const df = new Map();
  for (const a of articles) for (const w of new Set(wordsOf(a.text + ' ' + a.description, lang))) df.set(w, (df.get(w) || 0) + 1);
  return df;
}

/**
 * The two rarest words of `text` that two articles or more use, in the order `text` has them,
 * with their summed document frequency; null when there are fewer than two. A word found in one
 * article only is most often a cut the dictionary got wrong (和装 from 和装运), which nobody types.
 */
function rarestPair(text, lang, df) {
  const usable = [...new Set(wordsOf(text, lang))].map((w, i) => ({ w, i, df: df.get(w) || 0 }))
    .filter((x) => x.df >= 2);
  if (usable.length < 2) return null;
  const pair = usable.sort((x, y) => x.df - y.df || x.i - y.i).slice(0, 2);
  return { weight: pair[0].df + pair[1].df, words: pair.sort((x, y) => x.i - y.i).map((x) => x.w) };
}

function queries(lang, { commit, articles }) {
  const df = documentFrequencies(lang, articles);
  const byDescription = new Map();
  for (const a of articles) byDescription.set(a.description, (byDescription.get(a.description) || 0) + 1);
  const skipped = { 'no description': 0, 'description repeated by another article': 0,
    'fewer than two words of the script': 0, 'both words in another description': 0 };
  const out = [];
  for (const a of articles) {
    if (!a.description) { skipped['no description']++; continue; }
    if (byDescription.get(a.description) > 1) { skipped['description repeated by another article']++; continue; }
    const pair = rarestPair(a.description, lang, df);
    if (!pair) { skipped['fewer than two words of the script']++; continue; }
    const rarest = pair.words;
    if (articles.some((b) => b !== a && hasAll(b.description, rarest))) {
      skipped['both words in another description']++;
      continue;
    }
    const id = `${lang}-${String(new Set(out.map((q) => q.base)).size + 1).padStart(3, '0')}`;
    if (UNSPACED.has(lang)) out.push({ id: `${id}-joined`, q: rarest.join(''), variant: 'joined', base: id, expect: a.path, from: 'description' });
    out.push({ id: `${id}-spaced`, q: rarest.join(' '), variant: 'spaced', base: id, expect: a.path, from: 'description' });
  }
  return { lang, source: LANGS[lang].repo, commit, articles: articles.length,
    skipped, queries: out };
}

/** The control set: two rare words of one heading per article (see the header). */
function headingQueries(lang, { commit, articles }) {
  const df = documentFrequencies(lang, articles);
  const skipped = { 'no heading with two words of the script': 0, 'both words in another article\'s headings': 0 };
  const out = [];
  for (const a of articles) {
    let best = null;
    for (const heading of a.headings) {
      const pair = rarestPair(heading, lang, df);
      if (pair && (!best || pair.weight < best.weight)) best = pair;
    }
    if (!best) { skipped['no heading with two words of the script']++; continue; }
    if (articles.some((b) => b !== a && b.headings.some((h) => hasAll(h, best.words)))) {
      skipped['both words in another article\'s headings']++;
      continue;
    }
    const id = `${lang}-h${String(new Set(out.map((q) => q.base)).size + 1).padStart(3, '0')}`;
    if (UNSPACED.has(lang)) out.push({ id: `${id}-joined`, q: best.words.join(''), variant: 'joined', base: id, expect: a.path, from: 'heading' });
    out.push({ id: `${id}-spaced`, q: best.words.join(' '), variant: 'spaced', base: id, expect: a.path, from: 'heading' });
    if (lang === 'ko') {
      const bare = best.words.map((w) => {
        const p = KO_PARTICLES.find((x) => w.endsWith(x) && [...w].length - [...x].length >= 2);
        return p ? w.slice(0, w.length - p.length) : w;
      });
      if (bare.join(' ') !== best.words.join(' ')) {
        out.push({ id: `${id}-bare`, q: bare.join(' '), variant: 'no-particles', base: id, expect: a.path, from: 'heading' });
      }
    }
  }
  return { lang, source: LANGS[lang].repo, commit, articles: articles.length,
    skipped, queries: out };
}

const opts = args();
const articlesWithQueries = (set) => new Set(set.queries.map((q) => q.base)).size;
for (const lang of Object.keys(LANGS)) {
  if (!opts[lang]) continue;
  const built = site(lang, opts[lang], opts.out);
  if (!opts.write) continue;
  const sets = [...(LANGS[lang].descriptions ? [['', queries]] : []), ['headings', headingQueries]];
  for (const [name, make] of sets) {
    const set = make(lang, built);
    fs.writeFileSync(path.join(HERE, `queries-${lang}${name ? '-' + name : ''}.json`), JSON.stringify(set, null, 1) + '\n');
    console.log(`${lang}${name ? ' ' + name : ''}: ${articlesWithQueries(set)} articles with queries; skipped ${JSON.stringify(set.skipped)}`);
  }
}
