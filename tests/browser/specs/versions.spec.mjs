// A help center with older versions ([versions]): the version switcher by keyboard, the banner of
// an old version (without JavaScript too), canonical links and noindex, search inside the version
// being read, the theme's files shared with the current docs, and all of it right to left in
// Persian. Runs on the site tests/all/browser.rs builds from a git repository with the tags
// v1.0.0, v1.1.0 and v1.2.0 (the current docs); skipped on a site without versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, withPage, open, siteFile, TIMEOUT } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };
const SEARCH_T = { timeout: TIMEOUT.test + TIMEOUT.search };

/** The pages of the versioned site; `refunds` was renamed `money-back` (with an alias) in 1.1. */
const OLD = '/v1.0/refunds/';
const OLD_FA = '/v1.0/fa/refunds/';
const CURRENT = '/money-back/';

export default function () {
  const skip = siteFile(OLD) ? false : 'the site has no older versions (run by tests/all/browser.rs on a versioned site)';

  test('the switcher by keyboard: Tab to the current version, Enter, the same article there', { ...T, skip }, async () => {
    await withPage({}, async (page) => {
      await open(page, OLD);
      const here = page.locator('nav.versions a[aria-current="true"]');
      assert.equal(await here.innerText(), 'v1.0', 'the version being read is marked');
      let focused = null;
      for (let i = 0; i < 40 && focused !== 'v1.2'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => {
          const el = document.activeElement;
          return el && el.closest('nav.versions') ? el.innerText.trim() : null;
        });
      }
      assert.equal(focused, 'v1.2', 'the switcher\'s link to v1.2 is reachable with Tab');
      await Promise.all([page.waitForURL((u) => u.pathname === CURRENT), page.keyboard.press('Enter')]);
      assert.equal(await page.locator('main h1').first().innerText(), 'Money back');
    });
  });

  test('an old page: banner without JavaScript, canonical to the current article, noindex', { ...T, skip }, async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, OLD);
      const banner = page.locator('.version-banner');
      assert.ok(await banner.isVisible(), 'the banner shows without JavaScript');
      assert.match(await banner.innerText(), /You are reading the help for v1\.0\. The current version is v1\.2\./);
      assert.equal(new URL(await banner.locator('a').getAttribute('href'), env.origin).pathname, CURRENT);
      assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), 'https://help.acme.example/money-back/');
      assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
      await open(page, CURRENT);
      assert.equal(await page.locator('.version-banner').count(), 0, 'no banner on the current docs');
      assert.equal(await page.locator('meta[name="robots"]').count(), 0);
    });
  });

  test('an old version links the current docs\' theme files, and they apply', { ...T, skip }, async () => {
    await withPage({}, async (page) => {
      await open(page, OLD);
      const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href && new URL(s.href).pathname));
      assert.ok(sheets.includes('/style.css'), `the root's stylesheet: ${JSON.stringify(sheets)}`);
      const background = await page.locator('.version-banner').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(background, 'rgb(255, 244, 206)', 'the theme\'s banner colours apply');
    });
  });

  test('search in an old version finds that version\'s articles only', { ...SEARCH_T, skip }, async () => {
    await withPage({}, async (page) => {
      const results = async (path, query) => {
        await open(page, path);
        await page.locator('form[role="search"] input[type="search"]').fill(query);
        const list = page.locator(`#search-results-list[data-query="${query}"]`);
        await list.waitFor({ state: 'attached', timeout: TIMEOUT.search });
        return list.locator('a[href]').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      };
      assert.deepEqual(await results(OLD, 'fax'), [OLD], 'v1.0 is searched in v1.0');
      assert.deepEqual(await results(CURRENT, 'fax'), [], 'the current docs never mentioned a fax');
      assert.deepEqual(await results('/v1.1/money-back/', 'email'), ['/v1.1/money-back/']);
    });
  });

  test('Persian, right to left: the old version\'s banner and switcher', { ...T, skip }, async () => {
    await withPage({}, async (page) => {
      await open(page, OLD_FA);
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      const banner = page.locator('.version-banner');
      assert.match(await banner.innerText(), /شما راهنمای نسخهٔ v1\.0 را می‌خوانید/);
      assert.equal(await banner.evaluate((el) => getComputedStyle(el).direction), 'rtl');
      assert.equal(new URL(await banner.locator('a').getAttribute('href'), env.origin).pathname, '/fa/money-back/');
      // Version labels are isolated, so "v1.0" keeps its order inside right-to-left text.
      const labels = await page.locator('nav.versions bdi').allInnerTexts();
      assert.deepEqual(labels, ['v1.2', 'v1.1', 'v1.0']);
      const box = await banner.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, 'the banner is on screen');
    });
  });
}
