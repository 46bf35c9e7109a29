// A customer's way to an answer: home → search → article, without JavaScript (the form falls back
// to the A–Z page) and with the search client (results are links inside #search-results).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { env, withPage, open, openWithSearchClient, PAGES, TIMEOUT, siteFile, screenshot } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };
const SEARCH_T = { timeout: TIMEOUT.test + 2 * TIMEOUT.search };

/** Types `query` into the page's search box and returns the result links inside #search-results. */
async function searchWithClient(page, query) {
  const box = page.locator('form[role="search"] input[type="search"][name="q"]');
  await box.fill(query);
  const links = page.locator('#search-results a[href]');
  try {
    // As the customer types…
    await links.first().waitFor({ state: 'visible', timeout: TIMEOUT.search });
  } catch {
    // …or once they press Enter (the client may search on submit, or on the A–Z page's ?q=).
    await box.press('Enter');
    await page.waitForLoadState('load');
    await links.first().waitFor({ state: 'visible', timeout: TIMEOUT.search });
  }
  return links;
}

async function expectResultAndFollow(page, links, wantPath, wantTitle) {
  const hrefs = await links.evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  const i = hrefs.indexOf(wantPath);
  assert.ok(i >= 0, `no link to ${wantPath} among the results: ${JSON.stringify(hrefs)}`);
  await Promise.all([page.waitForURL((u) => u.pathname === wantPath), links.nth(i).click()]);
  assert.equal(await page.locator('main h1').first().innerText(), wantTitle);
}

export default function () {
  test('without JavaScript: home → search form → A–Z page → article', T, async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, PAGES.home);
      const form = page.locator('form[role="search"]');
      assert.equal(await form.count(), 1, 'one <form role="search"> on the home page');
      const box = form.locator('input[type="search"][name="q"]');
      assert.equal(await box.count(), 1, '<input type="search" name="q"> inside the search form');
      await box.fill('shallow clone');
      await Promise.all([page.waitForURL((u) => u.pathname === PAGES.az), box.press('Enter')]);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('q'), 'shallow clone', 'the query travels to the fallback page');
      const link = page.locator('main a', { hasText: 'Fix a shallow clone error' });
      assert.equal(await link.count(), 1, 'the A–Z page lists the article');
      await Promise.all([page.waitForURL((u) => u.pathname === '/troubleshooting/shallow-clone/'), link.click()]);
      assert.equal(await page.locator('main h1').innerText(), 'Fix a shallow clone error');
      assert.ok((await page.locator('main .content').innerText()).length > 200, 'the article body is there');
    });
  });

  test('with the search client: home → type a query → result link → article', SEARCH_T, async () => {
    await withPage({}, async (page) => {
      await openWithSearchClient(page, PAGES.home);
      const links = await searchWithClient(page, 'shallow clone');
      await screenshot(page, 'search-results-desktop.png');
      await expectResultAndFollow(page, links, '/troubleshooting/shallow-clone/', 'Fix a shallow clone error');
    });
  });

  test('with the search client: Persian query with Arabic letters (ك ي) finds the Persian article', SEARCH_T, async () => {
    await withPage({}, async (page) => {
      await openWithSearchClient(page, PAGES.faHome);
      const links = await searchWithClient(page, 'كلون سطحي');
      await screenshot(page, 'fa-search-results-desktop.png');
      // What the client says about the results (a live region a screen reader reads out) is in
      // the page's language, like every other UI string (themes/default/i18n/).
      const said = await page.evaluate(() => [...document.querySelectorAll('#search-results [role="status"], #search-results [aria-live]')]
        .map((e) => e.textContent.trim()).filter(Boolean));
      const english = said.filter((t) => /[A-Za-z]{2,}/.test(t));
      await expectResultAndFollow(page, links, '/fa/troubleshooting/shallow-clone/', 'رفع خطای کلون سطحی');
      assert.deepEqual(english, [], 'English UI text in the search results of a Persian page');
    });
  });

  test('with the search client, keyboard only: Tab to the box, type, ArrowDown, Enter opens the result', T, async () => {
    await withPage({ reducedMotion: 'reduce' }, async (page) => {
      await openWithSearchClient(page, PAGES.article);
      // Tab from the top of the page until the search box has focus.
      let reached = false;
      for (let i = 0; i < 15 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement && document.activeElement.matches('form[role="search"] input[name="q"]'));
      }
      assert.ok(reached, 'the search box is among the first 15 Tab stops');
      await page.keyboard.type('shallow clone', { delay: 10 });
      const box = page.locator('#fd-search');
      // Results of a part of the query may show first (the box searches whenever typing pauses);
      // wait for those of the whole query.
      await page.locator('#search-results-list[data-query="shallow clone"] a[href]').first()
        .waitFor({ state: 'visible', timeout: TIMEOUT.search });
      assert.equal(await box.getAttribute('aria-expanded'), 'true', 'the combobox says its results are shown');
      await page.keyboard.press('ArrowDown');
      const activeId = await box.getAttribute('aria-activedescendant');
      assert.ok(activeId, 'ArrowDown makes a result active (aria-activedescendant)');
      const target = await page.evaluate((id) => {
        const el = document.getElementById(id);
        const a = el && (el.matches('a') ? el : el.querySelector('a'));
        return a && el.closest('#search-results') ? new URL(a.href).pathname : null;
      }, activeId);
      assert.ok(target, `aria-activedescendant="${activeId}" names a result inside #search-results`);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'fd-search', 'focus stays in the box');
      await Promise.all([page.waitForURL((u) => u.pathname === target), page.keyboard.press('Enter')]);
      assert.ok((await page.locator('main h1').innerText()).length > 0, 'the result opened');
    });
  });

  test('a result picked with the arrows stays picked when the results of more typing arrive', T, async () => {
    await withPage({ reducedMotion: 'reduce' }, async (page) => {
      await openWithSearchClient(page, PAGES.article);
      const box = page.locator('#fd-search');
      const picked = () => page.evaluate(() => {
        const id = document.getElementById('fd-search').getAttribute('aria-activedescendant');
        const a = id && document.getElementById(id)?.querySelector('a');
        return a ? new URL(a.href).pathname : null;
      });
      await box.focus();
      await page.keyboard.type('shallow', { delay: 10 });
      await page.locator('#search-results-list[data-query="shallow"] a[href]').nth(1)
        .waitFor({ state: 'visible', timeout: TIMEOUT.search });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const second = await picked();
      assert.ok(second, 'ArrowDown twice picks the second result');
      await page.keyboard.type(' clone', { delay: 10 });
      await page.locator('#search-results-list[data-query="shallow clone"] a[href]').first()
        .waitFor({ state: 'visible', timeout: TIMEOUT.search });
      const still = await page.evaluate((p) => [...document.querySelectorAll('#search-results-list a[href]')]
        .some((a) => new URL(a.href).pathname === p), second);
      assert.ok(still, `${second} is among the results of "shallow clone" too (the sample content changed?)`);
      assert.equal(await picked(), second, 'the picked result is still picked');
      await Promise.all([page.waitForURL((u) => u.pathname === second), page.keyboard.press('Enter')]);
    });
  });

  test('search.js analyzer in Chromium matches the shared test vectors (tests/fixtures/analyzer-vectors.json)', T, async () => {
    const vectorsFile = new URL('../../fixtures/analyzer-vectors.json', import.meta.url);
    assert.ok(siteFile('/search.js'), 'the site has no /search.js');
    assert.ok(fs.existsSync(vectorsFile), 'the repository has no tests/fixtures/analyzer-vectors.json');
    const vectors = JSON.parse(fs.readFileSync(vectorsFile, 'utf8'));
    await withPage({}, async (page) => {
      // A blank page of the site's origin, with only the client loaded.
      await page.route(env.origin + '/__blank.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>t</title>' }));
      await page.goto(env.origin + '/__blank.html');
      await page.addScriptTag({ url: env.origin + '/search.js' });
      const got = await page.evaluate((inputs) => {
        // eslint-disable-next-line no-undef
        const api = window.freshdocsSearch;
        if (!api || typeof api.analyze !== 'function' || typeof api.analyzeQuery !== 'function') return null;
        // A vector with `terms` is a query analysed against an index holding those terms.
        return inputs.map((v) => (v.terms ? api.analyzeQuery(v.input, (c) => v.terms.filter((t) => t.startsWith(c))).flat() : api.analyze(v.input)));
      }, vectors.map((v) => ({ input: v.input, terms: v.terms })));
      assert.notEqual(got, null, 'search.js does not expose window.freshdocsSearch.analyze and analyzeQuery');
      const wrong = vectors
        .map((v, i) => ({ input: v.input, note: v.note, want: v.tokens, got: got[i] }))
        .filter((r) => JSON.stringify(r.want) !== JSON.stringify(r.got));
      assert.deepEqual(wrong, [], 'analyzer vectors that Chromium tokenizes differently');
    });
  });
}
