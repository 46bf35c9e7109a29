// A static host for the built site on 127.0.0.1, the way a plain static host (Netlify, S3, nginx)
// serves it: `/x/` → `/x/index.html`, `/x` → 301 `/x/` when `/x/` is a folder, anything else that
// is missing → `/404.html` with status 404, one `Range: bytes=a-b` → 206 with those bytes. Never
// serves a file outside the site folder.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/** Starts the server; resolves to { port, origin, close(), log } once it listens. */
export function serve(root) {
  root = path.resolve(root);
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain', 'bad path');
    }
    const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    if (file !== root && !file.startsWith(root + path.sep)) return send(res, 403, 'text/plain', 'outside');
    let target = file;
    let stat = statOrNull(target);
    if (stat && stat.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: url.pathname + '/' + url.search });
        log.push(`301 ${req.url}`);
        return res.end();
      }
      target = path.join(target, 'index.html');
      stat = statOrNull(target);
    }
    if (!stat || !stat.isFile()) {
      log.push(`404 ${req.url}`);
      const notFound = path.join(root, '404.html');
      const body = fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found';
      return send(res, 404, TYPES['.html'], body, req.method);
    }
    const type = TYPES[path.extname(target).toLowerCase()] || 'application/octet-stream';
    const body = fs.readFileSync(target);
    // One range of bytes, as static hosts answer it (the search client reads its packs so).
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] === '' ? body.length : Math.min(Number(range[2]) + 1, body.length);
      if (start >= end) {
        log.push(`416 ${req.url}`);
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` });
        return res.end();
      }
      log.push(`206 ${req.url} ${start}-${end - 1}`);
      res.writeHead(206, { 'Content-Type': type, 'Content-Range': `bytes ${start}-${end - 1}/${body.length}`,
        'Cache-Control': 'public, max-age=600' });
      return res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end));
    }
    log.push(`200 ${req.url}`);
    send(res, 200, type, body, req.method);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        port,
        origin: `http://127.0.0.1:${port}`,
        log,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

function statOrNull(p) {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

function send(res, status, type, body, method = 'GET') {
  // Pages fresh on every visit, assets cached for the run (as a static host would).
  const cache = type.startsWith('text/html') ? 'no-cache' : 'public, max-age=600';
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache });
  res.end(method === 'HEAD' ? undefined : body);
}
