#!/usr/bin/env node
// Builds the Japanese, Chinese and Thai relevance sites and their query sets (node, no packages).
//
//   node bench/search/relevance/cjk.mjs --out /work/realdocs \
//       --ja GITDIR --zh GITDIR --th GITDIR [--write-queries]
//
// Each GITDIR is a clone (bare or not) of MicrosoftDocs/Dynamics-365-Operations.ja-jp, .zh-cn and
// .th-th; HEAD is read. The same three folders of each (finance: general ledger, accounts
// receivable, accounts payable; about 320 articles) become OUT/site-<lang>, a freshdocs site with
// `language = "<lang>"`. The articles are copied unchanged. They are not ours: keep them out of
// this repository.
//
// With --write-queries, also rewrites queries-<lang>.json beside this script: for every article
// with a `description` in its front matter, the two rarest words of that description (document
// frequency over the articles' text, both words at least two characters of the language's own
// script and used by two articles at least), in the order the description has them, typed two ways: joined as readers of these
// languages type them (`w1w2`) and with a space (`w1 w2`). Words are cut by Intl.Segmenter
// (ICU's dictionaries), not by freshdocs, so the queries do not depend on the analyzer under
// test. Articles whose description another article repeats are skipped (the query could not tell
// them apart), as are pairs of words that both occur in another article's description.
//
// With --write-queries, also rewrites queries-<lang>-headings.json, a control set whose words do
// not come from the description: for every article, the two rarest words (chosen the same way) of
// the one `##`–`####` heading of its body whose two rarest words are rarest, typed the same two
// ways. Pairs whose words both occur in another article's headings are skipped. Run it with
// `run.py --site <lang>:headings=DIR`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FOLDERS = ['articles/finance/general-ledger/', 'articles/finance/accounts-receivable/',
  'articles/finance/accounts-payable/'];
// Korean (--ko): reactjs/ko.react.dev's learn and reference pages, those translated (at least half
// of the letters of their prose Hangul). It has no descriptions: only the headings set is written.
const KO_FOLDERS = ['src/content/learn/', 'src/content/reference/'];
const SCRIPT = {
  ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  zh: /\p{Script=Han}/u,
  th: /\p{Script=Thai}/u,
  ko: /\p{Script=Hangul}/u,
};
const REPO = { ja: 'ja-jp', zh: 'zh-cn', th: 'th-th' };
const source = (lang) => (lang === 'ko' ? 'reactjs/ko.react.dev' : `MicrosoftDocs/Dynamics-365-Operations.${REPO[lang]}`);
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

function wordsOf(text, lang) {
  const seg = new Intl.Segmenter(lang, { granularity: 'word' });
  const out = [];
  // Thai ำ is one key on a Thai keyboard; some of these pages spell it ํ + า, which ICU's
  // dictionary then cuts mid-word (สามารถคํานวณ → รถคํา). Queries are typed with ำ.
  if (lang === 'th') text = text.replace(/\u0e4d\u0e32/g, '\u0e33');
  for (const s of seg.segment(text)) {
    if (s.isWordLike && SCRIPT[lang].test(s.segment) && [...s.segment].length >= 2) out.push(s.segment);
  }
  return out;
}

function site(lang, gitdir, outDir) {
  const commit = git(gitdir, 'rev-parse', 'HEAD').trim();
  const names = git(gitdir, 'ls-tree', '-r', '--name-only', commit).split('\n')
    .filter((n) => n.endsWith('.md') && (lang === 'ko' ? KO_FOLDERS : FOLDERS).some((f) => n.startsWith(f)) && !n.includes('/includes/'));
  const dir = path.join(outDir, `site-${lang}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'content'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'freshdocs.toml'),
    `title = "relevance-${lang}"\nlanguage = "${lang}"\ncontent = "content"\n`);
  const articles = [];
  for (const name of names) {
    const text = git(gitdir, 'show', `${commit}:${name}`);
    const rel = name.slice(lang === 'ko' ? 'src/content/'.length : 'articles/finance/'.length);
    const { fields, body } = frontMatter(text);
    if (lang === 'ko') {
      const letters = [...prose(body)].filter((c) => /\p{L}/u.test(c));
      if (letters.filter((c) => SCRIPT.ko.test(c)).length * 2 < letters.length) continue;
    }
    const file = path.join(dir, 'content', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const headings = [...prose(body).matchAll(/^#{2,4}\s+(.+)$/gm)].map((m) => m[1].trim());
    articles.push({ path: rel, description: fields.description || '', headings, text: prose(body) });
  }
  console.log(`${lang}: ${source(lang)}@${commit.slice(0, 12)}: ${articles.length} articles`);
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
    if (articles.some((b) => b !== a && rarest.every((w) => b.description.includes(w)))) {
      skipped['both words in another description']++;
      continue;
    }
    const id = `${lang}-${String(out.length / 2 + 1).padStart(3, '0')}`;
    out.push({ id: `${id}-joined`, q: rarest.join(''), variant: 'joined', base: id, expect: a.path, from: 'description' });
    out.push({ id: `${id}-spaced`, q: rarest.join(' '), variant: 'spaced', base: id, expect: a.path, from: 'description' });
  }
  return { lang, source: source(lang), commit, articles: articles.length,
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
    if (articles.some((b) => b !== a && b.headings.some((h) => best.words.every((w) => h.includes(w))))) {
      skipped['both words in another article\'s headings']++;
      continue;
    }
    const id = `${lang}-h${String(new Set(out.map((q) => q.base)).size + 1).padStart(3, '0')}`;
    // Korean is written with spaces: its readers do not type the words joined.
    if (lang !== 'ko') out.push({ id: `${id}-joined`, q: best.words.join(''), variant: 'joined', base: id, expect: a.path, from: 'heading' });
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
  return { lang, source: source(lang), commit, articles: articles.length,
    skipped, queries: out };
}

const opts = args();
for (const lang of ['ja', 'zh', 'th', 'ko']) {
  if (!opts[lang]) continue;
  const built = site(lang, opts[lang], opts.out);
  if (opts.write && lang === 'ko') {
    const h = headingQueries(lang, built);
    fs.writeFileSync(path.join(HERE, `queries-${lang}-headings.json`), JSON.stringify(h, null, 1) + '\n');
    console.log(`${lang} headings: ${new Set(h.queries.map((q) => q.base)).size} articles with queries; skipped ${JSON.stringify(h.skipped)}`);
  } else if (opts.write) {
    const q = queries(lang, built);
    fs.writeFileSync(path.join(HERE, `queries-${lang}.json`), JSON.stringify(q, null, 1) + '\n');
    console.log(`${lang}: ${q.queries.length / 2} articles with queries; skipped ${JSON.stringify(q.skipped)}`);
    const h = headingQueries(lang, built);
    fs.writeFileSync(path.join(HERE, `queries-${lang}-headings.json`), JSON.stringify(h, null, 1) + '\n');
    console.log(`${lang} headings: ${h.queries.length / 2} articles with queries; skipped ${JSON.stringify(h.skipped)}`);
  }
}
