// Search in headless Chromium: freshdocs' search box vs Pagefind's JS API over the same site.
//
//   NODE_PATH=/work/main/tests/browser/node_modules node bench/search/browser.mjs \
//     --site /work/bench-data/search-sites/corpus-1k \
//     --queries /work/bench-data/search-results/queries-corpus-1k.json \
//     [--gzip] [--first 8] [--out results.json]
//
// Serves the site with a tiny static server (node:http, 127.0.0.1, HTTP/1.1, no cache headers;
// with --gzip it gzips text responses on the fly — .json .js .html .css .svg .xml — as GitHub
// Pages or Netlify do). Files that are already gzip on disk are sent as they are, with or without
// --gzip, as application/octet-stream: freshdocs' export (.fdz: gzip-compressed JSON, decoded by
// search.js) and Pagefind's .pf_* and .pagefind files. So the two servers differ only in the
// text files (the page, search.js, pagefind.js, pagefind-worker.js, pagefind-entry.json).
// The server counts the bytes of every response body it sends (after compression) and the
// requests, which is what "bytes transferred" below means (HTTP headers not included; the
// request count is given so that they can be added: ~150-250 B each).
//
// 1. First query (per language, the first --first queries of the set, each in a NEW browser
//    context with the cache disabled through CDP Network.setCacheDisabled): load the article page,
//    wait for the network to be idle, reset the counters, then
//    - freshdocs: focus the search box (which fetches meta.fdz), fill it with the query, wait for
//      the result status to be written, wait for the network to be idle;
//    - Pagefind: `const pf = await import('/pagefind/pagefind.js'); const r = await pf.search(q);`
//      then `data()` of the first 10 results (what its UI shows), wait for network idle;
//    and read the counters: bytes and requests the query caused.
// 2. Latency (per language, one page per tool kept open, cache on, a warm-up query first): every
//    query of the set, the tools interleaved query by query, timed in the page with
//    performance.now():
//    - freshdocs UI: from dispatching `input` on the box to the result status being written (the
//      box waits 120 ms after the last keystroke before searching: included, as a user sees it);
//    - freshdocs API: `index.search(q, 10)` + snippets on a SearchIndex of the page's index
//      (no debounce, no DOM), comparable to
//    - Pagefind: `pf.search(q)` + `data()` of the first 10 results.
//    Result counts: all matching documents (freshdocs: `rank(plan(q)).length`, Pagefind:
//    `results.length`) and, for title queries, whether the article is in the top 10.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch {
  ({ chromium } = require('/work/main/tests/browser/node_modules/playwright-core'));
}

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
    return acc;
  }, []),
);
const SITE = path.resolve(args.site);
const QUERIES = JSON.parse(fs.readFileSync(args.queries, 'utf8'));
const GZIP = Boolean(args.gzip);
const FIRST = Number(args.first || 8);
const ONLY = args.only ? String(args.only).split(',') : null; // languages
const SKIP_LATENCY = Boolean(args['no-latency']);

// ------------------------------------------------------------------------------------------------
// Static server with byte counters
// ------------------------------------------------------------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.wasm': 'application/wasm',
  '.fdz': 'application/octet-stream', // freshdocs' export: gzip-compressed JSON, never re-compressed
  '.fdp': 'application/octet-stream', // freshdocs' packs of documents, each gzip-compressed JSON
};
// Compressed on the fly with --gzip. Not .fdz (nor Pagefind's files): already gzip on disk.
const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml']);
if (TEXT.has('.fdz') || TEXT.has('.fdp')) throw new Error('.fdz must not be gzipped by the server');
const gzCache = new Map();
let counter = { bytes: 0, requests: 0, log: [] };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(SITE, p);
  if (!file.startsWith(SITE)) { res.writeHead(403); res.end(); return; }
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  } catch {}
  let body;
  try { body = fs.readFileSync(file); } catch { res.writeHead(404); res.end(); counter.requests++; return; }
  const ext = path.extname(file);
  const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
  if (GZIP && TEXT.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    if (!gzCache.has(file)) gzCache.set(file, zlib.gzipSync(body, { level: 6 }));
    body = gzCache.get(file);
    headers['Content-Encoding'] = 'gzip';
  }
  // One range of bytes, as static hosts answer it: freshdocs reads its packs of documents
  // (.fdp) so. Only the bytes sent are counted.
  let status = 200;
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || '');
  if (range && !headers['Content-Encoding']) {
    const start = Number(range[1]);
    const end = range[2] === '' ? body.length : Math.min(Number(range[2]) + 1, body.length);
    if (start < end) {
      headers['Content-Range'] = `bytes ${start}-${end - 1}/${body.length}`;
      body = body.subarray(start, end);
      status = 206;
    }
  }
  headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(body);
  counter.bytes += body.length;
  counter.requests++;
  counter.log.push([p, body.length]);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});

async function idle(page, quiet = 300) {
  // Network idle as the server sees it: no new request for `quiet` ms.
  let last = -1;
  for (;;) {
    const n = counter.requests;
    if (n === last) return;
    last = n;
    await page.waitForTimeout(quiet);
  }
}

async function openPage(url, { noCache }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (noCache) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  }
  await page.goto(ORIGIN + url, { waitUntil: 'load' });
  await idle(page);
  return { context, page };
}

// In-page helpers --------------------------------------------------------------------------------
const FD_UI = async (q) => {
  const input = document.querySelector('form[role="search"] input[name="q"]');
  const status = document.querySelector('#search-results .search-status');
  const done = new Promise((resolve) => {
    const o = new MutationObserver(() => { o.disconnect(); resolve(); });
    o.observe(status, { childList: true, characterData: true, subtree: true });
  });
  const t0 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await done;
  const ms = performance.now() - t0;
  const urls = Array.from(document.querySelectorAll('#search-results-list a')).map((a) => new URL(a.href).pathname);
  return { ms, shown: urls.length, urls, status: status.textContent };
};
const FD_API = async (q) => {
  const form = document.querySelector('form[role="search"]');
  if (!window.__idx) window.__idx = new window.freshdocsSearch.SearchIndex(new URL(form.dataset.searchIndex, document.baseURI).href);
  const idx = window.__idx;
  const t0 = performance.now();
  const hits = await idx.search(q, 10);
  hits.forEach((h) => idx.snippet(h));
  const ms = performance.now() - t0;
  const total = idx.rank(await idx.plan(q)).length;
  return { ms, total, urls: hits.map((h) => new URL(h.url, document.baseURI).pathname) };
};
const PF = async (q) => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  const ms = performance.now() - t0;
  return { ms, total: r.results.length, urls: data.map((d) => new URL(d.url, document.baseURI).pathname) };
};

const norm = (u) => u.replace(/index\.html$/, '');
const out = { site: SITE, gzip: GZIP, date: new Date().toISOString(), load: [], first: {}, latency: {} };
const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

for (const [lang, set] of Object.entries(QUERIES.langs)) {
  if (ONLY && !ONLY.includes(lang)) continue;
  out.load.push([lang, loadavg()]);
  // 1. First query ------------------------------------------------------------------------------
  const first = { freshdocs: [], pagefind: [] };
  for (const { q } of set.queries.slice(0, FIRST)) {
    for (const tool of ['freshdocs', 'pagefind']) {
      const { context, page } = await openPage(set.page, { noCache: true });
      counter = { bytes: 0, requests: 0, log: [] };
      let status = null;
      if (tool === 'freshdocs') {
        await page.focus('form[role="search"] input[name="q"]');
        await page.fill('form[role="search"] input[name="q"]', q);
        await page.waitForFunction(() => document.querySelector('#search-results .search-status')?.textContent);
        // The status says how many results were found, "No results." or "Search is unavailable."
        // (an export that could not be fetched or decoded): kept to check the run.
        status = await page.evaluate(() => document.querySelector('#search-results .search-status').textContent);
      } else {
        await page.evaluate(PF, q);
      }
      await idle(page);
      first[tool].push({ q, bytes: counter.bytes, requests: counter.requests, files: counter.log, status });
      counter = { bytes: 0, requests: 0, log: [] };
      await context.close();
    }
  }
  out.first[lang] = first;
  if (SKIP_LATENCY) continue;
  // 2. Latency ----------------------------------------------------------------------------------
  const pages = {};
  for (const tool of ['fd_ui', 'fd_api', 'pagefind']) pages[tool] = (await openPage(set.page, { noCache: false })).page;
  const warm = set.queries[set.queries.length - 1].q.split(' ')[0] + 'x';
  await pages.fd_ui.evaluate(FD_UI, warm);
  await pages.fd_api.evaluate(FD_API, warm);
  await pages.pagefind.evaluate(PF, warm);
  const rows = [];
  for (const { q, kind, expect } of set.queries) {
    const ui = await pages.fd_ui.evaluate(FD_UI, q);
    const api = await pages.fd_api.evaluate(FD_API, q);
    const pf = await pages.pagefind.evaluate(PF, q);
    rows.push({
      q, kind, expect,
      fd_ui_ms: ui.ms, fd_api_ms: api.ms, pf_ms: pf.ms,
      fd_total: api.total, fd_shown: ui.shown, pf_total: pf.total,
      fd_found: expect ? api.urls.map(norm).includes(expect) : null,
      pf_found: expect ? pf.urls.map(norm).includes(expect) : null,
      fd_ui_agrees: JSON.stringify(ui.urls) === JSON.stringify(api.urls),
    });
  }
  out.latency[lang] = rows;
  for (const p of Object.values(pages)) await p.context().close();
}
out.load.push(['end', loadavg()]);
await browser.close();
server.close();

// Summary ------------------------------------------------------------------------------------------
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };
const kb = (b) => (b / 1024).toFixed(1);
console.log(`site ${SITE} gzip=${GZIP}`);
console.log('first query (KiB transferred, median [min-max] over queries; requests median)');
for (const [lang, f] of Object.entries(out.first)) {
  const line = ['freshdocs', 'pagefind'].map((t) => {
    const b = f[t].map((x) => x.bytes);
    return `${t} ${kb(median(b))} [${kb(Math.min(...b))}-${kb(Math.max(...b))}] req ${median(f[t].map((x) => x.requests))}`;
  });
  const statuses = [...new Set(f.freshdocs.map((x) => x.status))];
  console.log(`  ${lang.padEnd(11)} ${line.join('   ')}   fd status: ${statuses.slice(0, 3).join(' | ')}`);
}
console.log('latency ms (median / p95); hits = queries with >=1 result; found = title queries with the article in the top 10');
for (const [lang, rows] of Object.entries(out.latency)) {
  const col = (k) => `${median(rows.map((r) => r[k])).toFixed(1)} / ${p95(rows.map((r) => r[k])).toFixed(1)}`;
  const titled = rows.filter((r) => r.expect);
  console.log(`  ${lang.padEnd(11)} n=${rows.length} fd_ui ${col('fd_ui_ms')}  fd_api ${col('fd_api_ms')}  pf ${col('pf_ms')}  ` +
    `hits fd ${rows.filter((r) => r.fd_total > 0).length} pf ${rows.filter((r) => r.pf_total > 0).length}  ` +
    `median matches fd ${median(rows.map((r) => r.fd_total))} pf ${median(rows.map((r) => r.pf_total))}  ` +
    `found fd ${titled.filter((r) => r.fd_found).length}/${titled.length} pf ${titled.filter((r) => r.pf_found).length}/${titled.length}  ` +
    `ui=api ${rows.filter((r) => r.fd_ui_agrees).length}/${rows.length}`);
}
if (args.out) fs.writeFileSync(args.out, JSON.stringify(out, null, 1));
