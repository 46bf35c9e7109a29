// Phones and right-to-left: no horizontal scrolling at 390 px, Persian laid out right to left,
// and the screenshots a person looks at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, open, openWithSearchClient, PAGES, TIMEOUT, PHONE, DESKTOP, screenshot } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };

/** Elements that stick out of the viewport horizontally (what makes the page scroll sideways). */
function overflow() {
  const se = document.scrollingElement;
  const vw = innerWidth;
  const culprits = [];
  if (se.scrollWidth > vw) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > vw + 0.5 || r.left < -0.5) {
        // Only report the outermost offenders.
        const parent = el.parentElement && el.parentElement.getBoundingClientRect();
        if (parent && (parent.right > vw + 0.5 || parent.left < -0.5)) continue;
        const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
        culprits.push(`<${el.tagName.toLowerCase()}${cls}> left ${Math.round(r.left)} right ${Math.round(r.right)}: ${(el.innerText || '').trim().slice(0, 50)}`);
        if (culprits.length >= 8) break;
      }
    }
  }
  return { scrollWidth: se.scrollWidth, innerWidth: vw, culprits };
}

export default function () {
  for (const [name, path] of [
    ['home', PAGES.home],
    ['article', PAGES.richArticle],
    ['Persian article', PAGES.faArticle],
    ['Persian home', PAGES.faHome],
    ['Hindi article', PAGES.hiArticle],
    ['A–Z', PAGES.az],
    ['Persian A–Z', PAGES.faAz],
  ]) {
    test(`phone (390 px): no horizontal scrolling on the ${name} (${path})`, T, async () => {
      await withPage(PHONE, async (page) => {
        await open(page, path);
        const o = await page.evaluate(overflow);
        assert.equal(o.innerWidth, 390, 'the page is laid out at the device width (meta viewport)');
        assert.ok(o.scrollWidth <= o.innerWidth,
          `${path} scrolls sideways on a 390 px phone: scrollWidth ${o.scrollWidth} > ${o.innerWidth}\n  ${o.culprits.join('\n  ')}`);
      });
    });
  }

  for (const [lang, home, query] of [['en', PAGES.home, 'shallow clone'], ['fa', PAGES.faHome, 'کلون سطحی']]) {
    test(`phone (390 px): search results of the client do not scroll sideways (${lang})`, T, async () => {
      await withPage(PHONE, async (page) => {
        await openWithSearchClient(page, home);
        await page.locator('#fd-search').fill(query);
        await page.locator('#search-results a[href]').first().waitFor({ state: 'visible', timeout: TIMEOUT.search });
        await screenshot(page, `${lang}-search-results-phone.png`);
        const o = await page.evaluate(overflow);
        assert.ok(o.scrollWidth <= o.innerWidth,
          `search results scroll sideways on a 390 px phone: scrollWidth ${o.scrollWidth} > ${o.innerWidth}\n  ${o.culprits.join('\n  ')}`);
      });
    });
  }

  test('Persian article is laid out right to left (html dir, computed direction, breadcrumbs from the right)', T, async () => {
    await withPage(PHONE, async (page) => {
      await open(page, PAGES.faArticle);
      const r = await page.evaluate(() => {
        const html = document.documentElement;
        const crumbs = [...document.querySelectorAll('nav.breadcrumbs li')].map((li) => li.getBoundingClientRect());
        const main = document.querySelector('main');
        const h1 = document.querySelector('main h1');
        const wrap = h1.closest('.wrap') || main;
        return {
          lang: html.lang,
          dir: html.getAttribute('dir'),
          htmlDirection: getComputedStyle(html).direction,
          mainDirection: getComputedStyle(main).direction,
          h1Direction: getComputedStyle(h1).direction,
          crumbs: crumbs.map((c) => ({ left: c.left, right: c.right, top: c.top })),
          wrapRight: wrap.getBoundingClientRect().right,
          h1: { left: h1.getBoundingClientRect().left, right: h1.getBoundingClientRect().right },
          h1TextRight: (() => { const range = document.createRange(); range.selectNodeContents(h1); const rr = range.getBoundingClientRect(); return { left: rr.left, right: rr.right }; })(),
        };
      });
      assert.equal(r.lang, 'fa');
      assert.equal(r.dir, 'rtl', '<html dir="rtl">');
      assert.equal(r.htmlDirection, 'rtl');
      assert.equal(r.mainDirection, 'rtl');
      assert.equal(r.h1Direction, 'rtl');
      assert.ok(r.crumbs.length >= 2, 'the article has breadcrumbs');
      const [first, second] = r.crumbs;
      assert.ok(first.top === second.top ? first.left > second.left : true,
        `the first breadcrumb (home) is to the right of the second: ${JSON.stringify(r.crumbs)}`);
      assert.ok(Math.abs(r.wrapRight - first.right) < 40,
        `the first breadcrumb starts at the right edge of the content (${first.right} vs ${r.wrapRight})`);
      assert.ok(Math.abs(r.h1TextRight.right - r.h1.right) < 2,
        `the title's text is aligned to the right: text ${JSON.stringify(r.h1TextRight)} in box ${JSON.stringify(r.h1)}`);
    });
  });

  test('screenshots: home (desktop), article (phone), Persian article (phone), in light and dark', T, async () => {
    const files = [];
    await withPage({ ...DESKTOP }, async (page) => {
      await open(page, PAGES.home);
      files.push(await screenshot(page, 'home-desktop.png'));
    });
    for (const scheme of ['light', 'dark']) {
      await withPage({ ...PHONE, colorScheme: scheme }, async (page) => {
        await open(page, PAGES.article);
        files.push(await screenshot(page, `article-phone-${scheme}.png`));
        await page.evaluate(() => document.querySelector('main h1').scrollIntoView());
        files.push(await screenshot(page, `article-phone-${scheme}-body.png`));
        await open(page, PAGES.faArticle);
        files.push(await screenshot(page, `fa-article-phone-${scheme}.png`));
        await page.evaluate(() => document.querySelector('main h1').scrollIntoView());
        files.push(await screenshot(page, `fa-article-phone-${scheme}-body.png`));
      });
    }
    console.log(`# screenshots:\n#   ${files.join('\n#   ')}`);
  });
}
