// Pagefind over the same HTML, for the relevance sets (RELEVANCE.md): serves each site built by
// `freshdocs build` and indexed by `npx pagefind --site SITE --output-subdir pagefind`, runs every
// query of queries-<lang>.json (queries-<lang>-<set>.json for `lang:set`) through Pagefind's JS
// API in headless Chromium, and counts the expected article among the first 5 results.
//
//   NODE_PATH=tests/browser/node_modules SITES=/tmp/rel-site- [SETS=ja,zh,th,ar:headings] \
//       node bench/search/relevance/pagefind.mjs
// The site of `lang` or `lang:set` is SITES<lang>.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '../../../tests/browser/'));
const SITES = process.env.SITES || '/tmp/rel-site-';
const { chromium } = require('playwright-core');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' };
const out = {};
for (const set of (process.env.SETS || 'ja,zh,th').split(',')) {
  const [lang, name] = set.split(':');
  const root = `${SITES}${lang}`;
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let f = path.join(root, p);
    if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, 'index.html');
    if (!fs.existsSync(f)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' });
    fs.createReadStream(f).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await b.newPage();
  await page.goto(base + '/');
  await page.evaluate(async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); });
  const { queries } = JSON.parse(fs.readFileSync(path.join(HERE, `queries-${lang}${name ? '-' + name : ''}.json`), 'utf8'));
  const rows = [];
  for (const q of queries) {
    const urls = await page.evaluate(async (text) => {
      const r = await window.pf.search(text);
      const top = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
      return top.map((d) => d.url);
    }, q.q);
    const want = ('/' + q.expect.replace(/\.md$/, '').toLowerCase() + '/').replace(/(^|\/)(index|_index|readme)\/$/, '$1');
    rows.push({ id: q.id, variant: q.variant, hit: urls.includes(want), first: urls[0] === want, want, urls });
  }
  out[set] = rows;
  for (const v of new Set(rows.map((r) => r.variant))) {
    const rs = rows.filter((r) => r.variant === v);
    console.log(set, v, rs.length, rs.filter((r) => r.hit).length, (100 * rs.filter((r) => r.hit).length / rs.length).toFixed(1) + '%', 'top1', rs.filter((r) => r.first).length);
  }
  await b.close();
  server.close();
}
if (process.env.OUT) fs.writeFileSync(process.env.OUT, JSON.stringify(out, null, 1));
