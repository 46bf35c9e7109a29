// axe-core on every kind of page, in light and dark: no serious or critical violation
// (WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, withPage, open, openWithSearchClient, PAGES, TIMEOUT, axeSerious, describeViolations } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };

const TARGETS = [
  ['home', PAGES.home, 200],
  ['section', PAGES.section, 200],
  ['article', PAGES.article, 200],
  ['article with callouts and tables', PAGES.richArticle, 200],
  ['A–Z', PAGES.az, 200],
  ['404', PAGES.missing, 404],
  ['Persian article', PAGES.faArticle, 200],
  ['Hindi article', PAGES.hiArticle, 200],
];

export default function () {
  test('axe itself: it reports a known serious violation (so a clean page means something)', T, async () => {
    await withPage({}, async (page) => {
      await page.route(env.origin + '/__axe-canary.html', (r) => r.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>canary</title><main><h1>Canary</h1>' +
          '<p style="color:#bbb;background:#fff">low contrast text</p><input type="text"></main></html>',
      }));
      await page.goto(env.origin + '/__axe-canary.html');
      const ids = (await axeSerious(page)).map((v) => v.id).sort();
      assert.deepEqual(ids, ['color-contrast', 'label']);
    });
  });

  for (const [name, path, status] of TARGETS) {
    test(`axe: ${name} (${path}) in light and dark mode`, T, async () => {
      await withPage({ colorScheme: 'light' }, async (page) => {
        await open(page, path, status);
        const report = [];
        // One load, both schemes: the page is the same, only the media query changes.
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
          assert.equal(dark, scheme === 'dark', 'colour scheme emulation is in effect');
          const violations = await axeSerious(page);
          if (violations.length) report.push(`${scheme} mode:\n${describeViolations(violations)}`);
        }
        assert.ok(report.length === 0, `serious/critical axe violations on ${path}:\n${report.join('\n')}`);
      });
    });
  }

  test('axe: search results shown by the search client (light and dark)', T, async () => {
    await withPage({}, async (page) => {
      await openWithSearchClient(page, PAGES.home);
      await page.locator('#fd-search').fill('shallow clone');
      const links = page.locator('#search-results a[href]');
      try {
        await links.first().waitFor({ state: 'visible', timeout: TIMEOUT.search });
      } catch {
        await page.locator('#fd-search').press('Enter');
        await page.waitForLoadState('load');
        await links.first().waitFor({ state: 'visible', timeout: TIMEOUT.search });
      }
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await axeSerious(page);
        assert.ok(violations.length === 0,
          `serious/critical axe violations with search results (${scheme}):\n${describeViolations(violations)}`);
      }
    });
  });
}
