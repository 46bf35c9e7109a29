// Shared state and helpers of the browser suite. run.mjs fills `env` before the specs load.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Filled by run.mjs: { site, origin, browser, shots } */
export const env = {};

/** Every wait of the suite is bounded by one of these. */
// `search`: the first query of a page fetches the index; on a busy two-core machine that can take a while.
export const TIMEOUT = { action: 10_000, navigation: 15_000, search: 20_000, test: 60_000 };

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Pages of the sample help center the specs use. Each is checked to exist before use. */
export const PAGES = {
  home: '/',
  section: '/getting-started/',
  article: '/getting-started/install/',
  richArticle: '/writing/callouts-and-tables/',
  az: '/a-z/',
  missing: '/no-such-page/',
  faHome: '/fa/',
  faArticle: '/fa/getting-started/install/',
  faAz: '/fa/a-z/',
  hiArticle: '/hi/getting-started/install/',
};

/** The file of the built site behind a page URL ('/x/' → x/index.html), or null. */
export function siteFile(urlPath) {
  const rel = decodeURIComponent(urlPath).replace(/^\//, '');
  const file = path.join(env.site, rel.endsWith('/') || rel === '' ? path.join(rel, 'index.html') : rel);
  return fs.existsSync(file) ? file : null;
}

/** Is the built page at this URL an article (the theme's <article class="article">)? */
export function isArticle(urlPath) {
  const file = siteFile(urlPath);
  return !!file && /<article class="article"/.test(fs.readFileSync(file, 'utf8'));
}

/** Every HTML page of the built site as a URL path, sorted. */
export function allPages() {
  const out = [];
  (function walk(dir, prefix) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), prefix + e.name + '/');
      else if (e.name === 'index.html') out.push(prefix);
      else if (e.name.endsWith('.html')) out.push(prefix + e.name);
    }
  })(env.site, '/');
  return out.sort();
}

/**
 * A fresh browser context with the network guard: every request is observed, and any request
 * whose origin is not this site's server (127.0.0.1:<port>) is aborted and recorded in
 * `ctx.offsite`. Console errors and uncaught page errors go to `ctx.errors`; responses >= 400
 * for anything but a page navigation go to `ctx.broken`.
 */
export async function newContext(options = {}) {
  const ctx = await env.browser.newContext({ ...DESKTOP, ...options });
  ctx.setDefaultTimeout(TIMEOUT.action);
  ctx.setDefaultNavigationTimeout(TIMEOUT.navigation);
  ctx.offsite = [];
  ctx.errors = [];
  ctx.broken = [];
  const local = new URL(env.origin);
  const isLocal = (u) => {
    if (/^(data|blob|about):/.test(u)) return true;
    try {
      const url = new URL(u);
      return url.hostname === '127.0.0.1' && url.port === local.port;
    } catch {
      return false;
    }
  };
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    ctx.offsite.push(`${route.request().resourceType()} ${url}`);
    return route.abort('blockedbyclient');
  });
  ctx.on('request', (req) => {
    if (!isLocal(req.url()) && !ctx.offsite.some((o) => o.endsWith(' ' + req.url()))) {
      ctx.offsite.push(`${req.resourceType()} ${req.url()}`);
    }
  });
  ctx.on('response', (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document') {
      ctx.broken.push(`${res.status()} ${res.request().resourceType()} ${res.url()}`);
    }
  });
  ctx.on('page', (page) => {
    page.on('console', (msg) => {
      // A status >= 400 is checked where it matters: open() for the page, ctx.broken for the rest.
      if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(msg.text())) ctx.errors.push(`console.error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => ctx.errors.push(`uncaught error on ${page.url()}: ${err.message}`));
    page.on('websocket', (ws) => {
      if (!isLocal(ws.url().replace(/^ws/, 'http'))) ctx.offsite.push(`websocket ${ws.url()}`);
    });
  });
  return ctx;
}

/**
 * Runs `fn(page, ctx)` in a fresh context and closes it; then asserts the network guard saw no
 * off-site request, no broken sub-resource and (unless `allowErrors`) no script error.
 */
export async function withPage(options, fn) {
  const { allowErrors = false, ...contextOptions } = options;
  const ctx = await newContext(contextOptions);
  try {
    const page = await ctx.newPage();
    await fn(page, ctx);
  } finally {
    await ctx.close().catch(() => {});
  }
  assert.deepEqual(ctx.offsite, [], 'requests left the site (only 127.0.0.1 is allowed)');
  assert.deepEqual(ctx.broken, [], 'sub-resources answered with an error status');
  if (!allowErrors) assert.deepEqual(ctx.errors, [], 'script errors on the page');
}

/** Opens a page of the site and asserts its HTTP status (200 unless told). */
export async function open(page, urlPath, status = 200) {
  if (status === 200) assert.ok(siteFile(urlPath), `the built site has no page ${urlPath}`);
  const res = await page.goto(env.origin + urlPath, { waitUntil: 'load' });
  assert.ok(res, `no response for ${urlPath}`);
  assert.equal(res.status(), status, `HTTP status of ${urlPath}`);
  return res;
}

/** Opens `urlPath` and asserts the page loads the search client (every page of the theme does). */
export async function openWithSearchClient(page, urlPath) {
  await open(page, urlPath);
  const loaded = await page.evaluate(() => [...document.scripts].some((s) => /(^|\/)search(\.[\w-]+)?\.js(\?|$)/.test(s.src)));
  assert.ok(loaded, `${urlPath} loads no search.js (<script src=".../search.js">)`);
}

/** Saves a screenshot into the screenshot folder; returns its path. */
export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(env.shots, { recursive: true });
  const file = path.join(env.shots, name);
  await page.screenshot({ path: file, timeout: TIMEOUT.action, animations: 'disabled', ...options });
  return file;
}

let axeSource;
/** Runs axe-core (WCAG 2.0–2.2 A/AA and best practices) on the page; returns serious/critical violations. */
export async function axeSerious(page) {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 160) })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list of axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n` +
      v.nodes.slice(0, 6).map((n) => `      ${n.target}  ${n.html}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n'))
    .join('\n');
}
