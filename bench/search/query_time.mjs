// Where freshdocs' query time goes, in headless Chromium, per query of a set: the site's own
// search.js, one page and ONE SearchIndex kept for the whole set (as a session), with a loader
// that times each file's fetch and decode.
//
//   NODE_PATH=tests/browser/node_modules node bench/search/query_time.mjs SITE QUERIES.json LANG
//
// Pass 1 runs the set as the benchmark does (a warm-up query first). Each query is split into
// plan (analysis + fetching its term shards and term lists), rank, fetching + decoding its 10
// document files, then search() and the 10 snippets again with everything cached. Pass 2 runs the
// set again, every file already in memory. Prints medians/p95 in ms and files fetched per query.
// "decode(sum)" adds up the decodes of files fetched concurrently, so it is not wall time.
// Plain static server (no compression; .fdz are gzip on disk anyway), no cache headers.
import http from 'node:http'; import fs from 'node:fs'; import path from 'node:path'; import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { chromium } = require('/work/main/tests/browser/node_modules/playwright-core');
const [SITE, QFILE, LANG] = process.argv.slice(2);
const set = JSON.parse(fs.readFileSync(QFILE, 'utf8')).langs[LANG];
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname); let file = path.join(SITE, p);
  try { if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch {}
  let body; try { body = fs.readFileSync(file); } catch { res.writeHead(404); res.end(); return; }
  const ext = path.extname(file);
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || ''); // the packs of documents (.fdp)
  const type = ext === '.html' ? 'text/html; charset=utf-8' : ext === '.js' ? 'text/javascript' : 'application/octet-stream';
  if (range) {
    const start = Number(range[1]); const end = range[2] === '' ? body.length : Math.min(Number(range[2]) + 1, body.length);
    body = body.subarray(start, end);
    res.writeHead(206, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Content-Length': body.length, 'Content-Range': `bytes ${start}-${end - 1}/*` });
    return res.end(body);
  }
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Content-Length': body.length });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'] });
const page = await (await browser.newContext()).newPage();
await page.goto(ORIGIN + set.page, { waitUntil: 'load' });
const rows = [];
const warm = set.queries[set.queries.length - 1].q.split(' ')[0] + 'x';
const qs = [{ q: warm }, ...set.queries];
for (const pass of [1, 2]) for (const { q } of (pass === 1 ? qs : set.queries)) {
  rows.push(await page.evaluate(async ([q, pass]) => {
    const S = window.freshdocsSearch;
    const form = document.querySelector('form[role="search"]');
    const base = new URL(form.dataset.searchIndex, document.baseURI).href;
    const st = { pass, fetch: 0, decode: 0, files: {}, n: 0, bytes: 0 };
    const load = async (name) => {
      const t0 = performance.now();
      const r = await fetch(base + name); const buf = new Uint8Array(await r.arrayBuffer());
      const t1 = performance.now();
      const v = await S.decode(buf);
      const t2 = performance.now();
      st.fetch += t1 - t0; st.decode += t2 - t1; st.bytes += buf.length; st.n++;
      const k = name[0]; st.files[k] = (st.files[k] || 0) + 1;
      return v;
    };
    if (!window.__d) window.__d = new S.SearchIndex(base, load);
    const idx = window.__d; idx.load = load;
    const t0 = performance.now();
    await idx.ready(); const plan = await idx.plan(q);
    const t1 = performance.now();
    const top = idx.rank(plan).slice(0, 10);
    const t2 = performance.now();
    await Promise.all(top.map((r) => idx.doc(r[0])));
    const t3 = performance.now();
    const hits = await idx.search(q, 10);
    const t35 = performance.now();
    hits.forEach((h) => idx.snippet(h));
    const t4 = performance.now();
    return { q, ms: t4 - t0, plan: t1 - t0, rank: t2 - t1, docs: t3 - t2, rest: t4 - t3, search2: t35 - t3, snip: t4 - t35, ...st };
  }, [q, pass]));
}
rows.shift();
await browser.close(); server.close();
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };
for (const pass of [1, 2]) {
  const R = rows.filter((r) => r.pass === pass);
  const f = (k) => `${med(R.map((r) => r[k])).toFixed(1)}/${p95(R.map((r) => r[k])).toFixed(1)}`;
  console.log(`${path.basename(SITE)} ${LANG} pass ${pass} n=${R.length} ms ${f('ms')} files/query ${f('n')} d-files ${f2(R, 'd')} t-files ${f2(R, 't')} i-files ${f2(R, 'i')} decode(sum) ${f('decode')} | plan ${f('plan')} rank ${f('rank')} docs ${f('docs')} cached: search ${f('search2')} snippets ${f('snip')} load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
}
function f2(R, k) { return med(R.map((r) => r.files[k] || 0)); }
