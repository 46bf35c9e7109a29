// JavaScript off: every page's content is there and visible, and the search form falls back to
// the A–Z page of the page's language, which lists every article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, open, PAGES, TIMEOUT, allPages, isArticle } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };

/** Text and visibility of the main content, as a reader without JavaScript gets it. */
function readable() {
  const main = document.querySelector('main');
  const hidden = [];
  for (const el of main.querySelectorAll('h1, h2, h3, p, li, a, table, pre, img, .content, .toc')) {
    if (el.closest('[aria-hidden="true"], .visually-hidden, [hidden]')) continue;
    if (el.matches('a.anchor')) continue; // heading permalinks show on hover/focus by design
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      hidden.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ${(el.textContent || '').trim().slice(0, 40)}`);
    }
  }
  return {
    h1: (document.querySelector('h1') || {}).innerText || '', // the home page's <h1> is in the search hero
    text: main.innerText.trim().length,
    hidden: hidden.slice(0, 10),
  };
}

export default function () {
  for (const [name, path] of [
    ['home', PAGES.home],
    ['section', PAGES.section],
    ['article', PAGES.richArticle],
    ['Persian article', PAGES.faArticle],
    ['A–Z', PAGES.az],
  ]) {
    test(`no JavaScript: the ${name} (${path}) is readable`, T, async () => {
      await withPage({ javaScriptEnabled: false }, async (page) => {
        await open(page, path);
        const r = await page.evaluate(readable);
        assert.ok(r.h1.length > 0, 'the page has a visible <h1>');
        assert.ok(r.text > 300, `the main content has text (${r.text} characters)`);
        assert.deepEqual(r.hidden, [], `content hidden without JavaScript on ${path}`);
      });
    });
  }

  for (const [lang, home, az] of [['en', PAGES.home, PAGES.az], ['fa', PAGES.faHome, PAGES.faAz]]) {
    test(`no JavaScript (${lang}): the search form submits to the A–Z page, which lists every article`, T, async () => {
      await withPage({ javaScriptEnabled: false }, async (page) => {
        await open(page, home);
        const form = await page.evaluate(() => {
          const f = document.querySelector('form[role="search"]');
          return f && { action: new URL(f.action).pathname, method: f.method, q: !!f.querySelector('input[type="search"][name="q"]') };
        });
        assert.ok(form, 'the page has a <form role="search">');
        assert.equal(form.action, az, 'the search form falls back to the A–Z page of this language');
        assert.equal(form.method, 'get');
        assert.ok(form.q, '<input type="search" name="q"> in the form');
        // Every article linked from the home page's topic cards is on the A–Z page.
        const fromHome = await page.evaluate(() => [...document.querySelectorAll('main .card-links a, main .card h3 + * a')].map((a) => new URL(a.href).pathname));
        await page.locator('#fd-search').fill('x');
        await Promise.all([page.waitForURL((u) => u.pathname === az), page.locator('#fd-search').press('Enter')]);
        const listed = await page.evaluate(() => [...document.querySelectorAll('main a')].map((a) => new URL(a.href).pathname));
        const missing = fromHome.filter((p) => !listed.includes(p));
        assert.deepEqual(missing, [], `articles of the home page missing from ${az}`);
        // …and so is every article of this language in the built site.
        const prefix = home; // '/' or '/fa/'
        const articles = allPages().filter((p) => p.startsWith(prefix) && (lang !== 'en' || !/^\/(fa|hi|ja|zh|th)\//.test(p)) && isArticle(p));
        assert.ok(articles.length >= 5, `the site has ${lang} articles (${articles.length})`);
        const unlisted = articles.filter((p) => !listed.includes(p));
        assert.deepEqual(unlisted, [], `${lang} articles missing from ${az}`);
      });
    });
  }
}
