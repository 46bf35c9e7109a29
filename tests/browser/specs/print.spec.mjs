// Printing an article: the navigation, the search and the language switcher are display:none,
// the article itself prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, open, PAGES, TIMEOUT } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };

export default function () {
  for (const path of [PAGES.article, PAGES.faArticle]) {
    test(`print stylesheet of ${path} hides navigation, search and language switcher`, T, async () => {
      await withPage({}, async (page) => {
        await open(page, path);
        await page.emulateMedia({ media: 'print' });
        const r = await page.evaluate(() => {
          const shown = (el) => el.checkVisibility();
          /** Is el display:none itself or inside an ancestor that is? */
          const displayNone = (el) => { for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return true; return false; };
          const check = (selector) => [...document.querySelectorAll(selector)].map((el) => ({ selector, hidden: displayNone(el) && !shown(el) }));
          return {
            printing: matchMedia('print').matches,
            hide: [
              ...check('header nav'),
              ...check('nav.langs'),
              ...check('form[role="search"]'),
              ...check('input[type="search"]'),
              ...check('#search-results'),
              ...check('.skip-link'),
              ...check('nav.breadcrumbs'),
            ],
            keep: {
              h1: shown(document.querySelector('main h1')),
              content: shown(document.querySelector('main .content')),
            },
          };
        });
        assert.ok(r.printing, 'print media emulation is in effect');
        const selectors = new Set(r.hide.map((h) => h.selector));
        for (const s of ['header nav', 'form[role="search"]', 'nav.langs']) assert.ok(selectors.has(s), `the page has ${s}`);
        const visible = r.hide.filter((h) => !h.hidden).map((h) => h.selector);
        assert.deepEqual(visible, [], 'shown in print though they should be display:none');
        assert.ok(r.keep.h1 && r.keep.content, 'the article title and body print');
      });
    });
  }
}
