// Keyboard only: Tab from the top reaches the skip link first, the skip link moves focus to the
// main content, and every focused element shows a visible focus indicator that it does not show
// without focus (outline or box-shadow, compared through getComputedStyle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, open, PAGES, TIMEOUT, PHONE } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };

/** The computed focus-indicator styles of the focused element, and a description of it. */
function focusedInfo() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return {
    tag: el.tagName.toLowerCase(),
    cls: el.className && typeof el.className === 'string' ? el.className : '',
    label,
    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
    outlineStyle: s.outlineStyle,
    outlineWidth: parseFloat(s.outlineWidth) || 0,
    outlineColor: s.outlineColor,
    boxShadow: s.boxShadow,
    rect: { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height },
    vw: innerWidth,
    vh: innerHeight,
  };
}

const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);

/**
 * Tabs through the first `max` focusable elements of `path` and checks each one's focus
 * indicator against the same element's styles without focus.
 */
async function tabThrough(page, path, max) {
  await open(page, path);
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(focusedInfo);
    if (!info) break; // focus left the document: end of the tab order
    const id = await page.evaluate((n) => { document.activeElement.dataset.fdTab = String(n); return n; }, i);
    seen.push({ id, ...info });
  }
  // The same elements without focus.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const unfocused = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-fd-tab]')].map((el) => {
    const s = getComputedStyle(el);
    return [el.dataset.fdTab, { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow }];
  })));
  const problems = [];
  for (const f of seen) {
    const name = `<${f.tag}${f.cls ? ' class="' + f.cls + '"' : ''}> "${f.label}" (tab stop ${f.id + 1})`;
    const hasOutline = f.outlineStyle !== 'none' && f.outlineWidth >= 1 && !transparent(f.outlineColor);
    const hasShadow = f.boxShadow && f.boxShadow !== 'none';
    if (!hasOutline && !hasShadow) problems.push(`${name}: no visible focus indicator (outline: ${f.outline}; box-shadow: ${f.boxShadow})`);
    const before = unfocused[f.id];
    if (before && before.outline === f.outline && before.boxShadow === f.boxShadow) {
      problems.push(`${name}: looks the same focused and unfocused (outline: ${f.outline}; box-shadow: ${f.boxShadow})`);
    }
    const r = f.rect;
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= f.vh || r.right <= 0 || r.left >= f.vw) {
      problems.push(`${name}: focused but not on screen (${JSON.stringify(r)})`);
    }
  }
  return { seen, problems };
}

export default function () {
  test('Tab from the top: the first stop is a visible skip link, and it moves focus to the main content', T, async () => {
    await withPage({ reducedMotion: 'reduce' }, async (page) => {
      await open(page, PAGES.article);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(focusedInfo);
      assert.ok(first, 'Tab focuses something');
      assert.equal(first.tag, 'a');
      assert.match(first.cls, /skip-link/, `the first focusable element is the skip link, got <${first.tag} class="${first.cls}"> "${first.label}"`);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#fd-main');
      const r = first.rect;
      assert.ok(r.top >= 0 && r.left >= 0 && r.bottom <= first.vh && r.right <= first.vw && r.width > 20,
        `the focused skip link is inside the viewport: ${JSON.stringify(r)}`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#fd-main', null, { timeout: TIMEOUT.action });
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      assert.equal(focused, 'fd-main', 'after the skip link, focus is on <main id="fd-main">');
      // The next Tab continues inside the main content, not back in the header.
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
      assert.ok(inMain, 'Tab after the skip link lands inside <main>');
    });
  });

  for (const [name, path, opts] of [
    ['home page (desktop)', PAGES.home, {}],
    ['article (desktop)', PAGES.richArticle, {}],
    ['Persian article (phone)', PAGES.faArticle, PHONE],
  ]) {
    test(`every Tab stop of the ${name} shows a visible focus indicator`, T, async () => {
      // Reduced motion: no smooth scrolling, so a focused element is on screen when measured.
      await withPage({ ...opts, reducedMotion: 'reduce' }, async (page) => {
        const { seen, problems } = await tabThrough(page, path, 45);
        assert.ok(seen.length >= 10, `at least 10 tab stops on ${path}, got ${seen.length}`);
        assert.ok(seen.some((s) => s.tag === 'input'), `the search box is reachable with Tab on ${path}`);
        assert.deepEqual(problems, [], `focus indicators on ${path}`);
      });
    });
  }
}
