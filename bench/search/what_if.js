// Estimates what two changes to the export would save on the first query (gzip -6 bytes), by
// replaying queries with the theme's search.js over an export folder:
//   now:        the files search.js fetches today (meta.json + term shards + document files);
//   exact:      term shards only for the terms the ranking uses (expansions), plus, per word
//               that gets typo tolerance, a postings-free list of the terms of its first letter
//               (JSON array of strings) instead of every shard of that letter;
//   one-doc:    one document per file (DOCS_PER_FILE = 1) instead of 16: the 10 results' files.
//   node bench/search/what_if.js SITE/search/fa QUERIES.json fa 8
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const api = require(path.join(__dirname, '../../themes/default/static/search.js'));
const [dir, qfile, lang, n] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(qfile, 'utf8')).langs[lang].queries.slice(0, Number(n || 8));
const gz = (s) => zlib.gzipSync(Buffer.isBuffer(s) ? s : Buffer.from(s), { level: 6 }).length;
const gzFile = new Map();
const fileGz = (name) => { if (!gzFile.has(name)) gzFile.set(name, gz(fs.readFileSync(path.join(dir, name)))); return gzFile.get(name); };
const vocabGz = new Map();
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
(async () => {
  const rows = [];
  for (const { q } of queries) {
    const log = [];
    const index = new api.SearchIndex('', (name) => { log.push(name); return Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, name)))); });
    const hits = await index.search(q, 10);
    const meta = index.meta;
    const now = log.reduce((a, f) => a + fileGz(f), 0);
    // exact: shards holding the used terms + first-letter vocabularies for fuzzy words
    const plan = await index.plan(q);
    const shardOf = (t) => meta.shards.findIndex((r) => t >= r[0] && t <= r[1]); // UTF-16 order = code-point order for BMP text;
    const shards = new Set();
    let vocab = 0;
    for (const w of plan.words) {
      for (const [t] of w.expansions) { const s = shardOf(t); if (s >= 0) shards.add(s); }
      const chars = Array.from(w.term).length;
      if (chars >= 4) {
        const first = Array.from(w.term)[0];
        if (!vocabGz.has(first)) {
          const terms = (await index.termsWithPrefix(first)).map((e) => e[0]);
          vocabGz.set(first, gz(JSON.stringify(terms)));
        }
        vocab += vocabGz.get(first);
      }
    }
    const exactTerms = [...shards].reduce((a, s) => a + fileGz(`t-${s}.json`), 0) + vocab;
    const docsNow = log.filter((f) => f.startsWith('d-')).reduce((a, f) => a + fileGz(f), 0);
    const oneDoc = hits.reduce((a, h) => a + gz(JSON.stringify([{ path: h.path, url: h.url, title: h.title, section: h.section, updated: h.updated, body: h.body }])), 0);
    const metaGz = fileGz('meta.json');
    const termsNow = log.filter((f) => f.startsWith('t-')).reduce((a, f) => a + fileGz(f), 0);
    rows.push({ q, now, metaGz, termsNow, exactTerms, docsNow, oneDoc, both: metaGz + exactTerms + oneDoc });
  }
  const k = (x) => (x / 1024).toFixed(0);
  console.log(`${dir} (${rows.length} queries, medians, KiB gz): now ${k(med(rows.map((r) => r.now)))} ` +
    `[terms ${k(med(rows.map((r) => r.termsNow)))} docs ${k(med(rows.map((r) => r.docsNow)))}] | ` +
    `terms exact+vocab ${k(med(rows.map((r) => r.exactTerms)))} | docs one-per-file ${k(med(rows.map((r) => r.oneDoc)))} | ` +
    `both ${k(med(rows.map((r) => r.both)))}`);
})();
