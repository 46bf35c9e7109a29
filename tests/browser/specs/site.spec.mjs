// Every page of the built site in the browser: it loads, no request leaves 127.0.0.1, no
// sub-resource is missing, no script error, and each page keeps the theme's contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, allPages, env, TIMEOUT } from '../lib/harness.mjs';

const SHARDS = 2; // two browser tabs at once: this runs on two cores

export default function () {
  for (let shard = 0; shard < SHARDS; shard++) {
    test(`every page (${shard + 1}/${SHARDS}): loads, stays on the site, no broken asset, no script error, keeps the page contract`, { timeout: 90_000 }, async () => {
      const all = allPages();
      assert.ok(all.length >= 20, `the built site has pages (${all.length})`);
      const pages = all.filter((_, i) => i % SHARDS === shard);
      const problems = [];
      let checked = 0;
      await withPage({}, async (page, ctx) => {
        for (const path of pages) {
          const res = await page.goto(env.origin + path, { waitUntil: 'load', timeout: TIMEOUT.navigation });
          const want = path === '/404.html' ? [200, 404] : [200];
          if (!res || !want.includes(res.status())) { problems.push(`${path}: HTTP ${res && res.status()}`); continue; }
          const c = await page.evaluate(() => {
            const html = document.documentElement;
            // Redirect pages (aliases) only need to point somewhere.
            const refresh = document.querySelector('meta[http-equiv="refresh" i]');
            if (refresh) return { redirect: true };
            const form = document.querySelector('form[role="search"]');
            return {
              // A placeholder ({release}, {date}) filled with nothing leaves two spaces in a row.
              emptyPlaceholder: [...document.querySelectorAll('.notice p, .meta')].map((p) => p.textContent).filter((t) => /\S {2,}\S/.test(t)),
              lang: html.lang,
              dir: html.getAttribute('dir'),
              title: document.title.trim(),
              h1: document.querySelectorAll('h1').length,
              main: !!document.querySelector('main#fd-main'),
              skip: (document.querySelector('a.skip-link') || {}).getAttribute?.('href') || null,
              search: !!(form && form.querySelector('input[type="search"][name="q"]')),
              results: !!document.getElementById('search-results'),
              offsiteAssets: [...document.querySelectorAll('link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src]')]
                .map((e) => e.href || e.src)
                .filter((u) => { const x = new URL(u, location.href); return x.origin !== location.origin && !/^(alternate|canonical)$/.test(document.querySelector(`link[href="${u}"]`)?.rel || ''); }),
            };
          });
          checked++;
          if (c.redirect) continue;
          const bad = [];
          if (!c.lang) bad.push('no <html lang>');
          if (!['ltr', 'rtl'].includes(c.dir)) bad.push(`<html dir="${c.dir}">`);
          if (!c.title) bad.push('empty <title>');
          if (c.h1 !== 1) bad.push(`${c.h1} <h1> elements`);
          if (!c.main) bad.push('no <main id="fd-main">');
          if (c.skip !== '#fd-main') bad.push(`skip link ${c.skip}`);
          if (!c.search) bad.push('no <form role="search"> with <input type="search" name="q">');
          if (!c.results) bad.push('no #search-results');
          if (c.emptyPlaceholder.length) bad.push(`notice with an empty placeholder: ${JSON.stringify(c.emptyPlaceholder)}`);
          if (c.offsiteAssets.length) bad.push(`loads off-site assets: ${c.offsiteAssets.join(', ')}`);
          if (bad.length) problems.push(`${path}: ${bad.join('; ')}`);
        }
        assert.deepEqual(ctx.offsite, [], 'requests left the site');
      });
      assert.equal(checked, pages.length);
      assert.deepEqual(problems, [], 'pages that break the contract');
    });
  }
}
