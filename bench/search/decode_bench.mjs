// Decoding export files in Chromium, three ways: Blob.stream() + text() + JSON.parse (search.js
// before cd308af), the same with json(), and a Response's own body stream + json() (cd308af).
// Prints the median time of decoding a batch of ten d-*.fdz files, 15 repetitions over 200 files.
//
//   node bench/search/decode_bench.mjs [SITE]     # default /work/bench-data/search-sites/corpus-1k
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { chromium } = require(new URL('../../tests/browser/node_modules/playwright-core', import.meta.url).pathname);
import http from 'node:http'; import fs from 'node:fs'; import path from 'node:path';
const root = process.argv[2] || '/work/bench-data/search-sites/corpus-1k';
const srv = http.createServer((q, r) => { const f = path.join(root, decodeURIComponent(q.url.split('?')[0])); try { const b = fs.readFileSync(f.endsWith('/') ? f + 'index.html' : f); r.writeHead(200, {'content-type': f.endsWith('.html')||f.endsWith('/') ? 'text/html' : 'application/octet-stream'}); r.end(b);} catch { r.writeHead(404); r.end(); } }).listen(0);
const port = srv.address().port;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage(); await p.goto(`http://127.0.0.1:${port}/`);
const files = fs.readdirSync(path.join(root,'search/fa')).filter(n=>n.startsWith('d-')).slice(0,200);
const out = await p.evaluate(async (files) => {
  const bufs = await Promise.all(files.map(n => fetch('/search/fa/'+n).then(r=>r.arrayBuffer()).then(b=>new Uint8Array(b))));
  const viaText = (bytes) => new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(JSON.parse);
  const viaJson = (bytes) => new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).json();
  const viaBody = (bytes) => new Response(bytes).body.pipeThrough(new DecompressionStream('gzip'));
  const viaBodyJson = (bytes) => new Response(viaBody(bytes)).json();
  const res = {};
  for (const [name, f] of [['text',viaText],['json',viaJson],['bodyjson',viaBodyJson],['text2',viaText]]) {
    const times=[];
    for (let rep=0; rep<15; rep++) { for (let i=0;i<bufs.length;i+=10) { const t=performance.now(); await Promise.all(bufs.slice(i,i+10).map(f)); times.push(performance.now()-t);} }
    times.sort((a,b)=>a-b); res[name] = times[Math.floor(times.length/2)].toFixed(2);
  }
  return res;
}, files);
console.log('median ms per batch of 10 decodes:', out);
await b.close(); srv.close();
