// Code and images as readers meet them (issue 13): the copy button by keyboard (clipboard
// asserted), no copy button without JavaScript, code left to right on a Persian page, no layout
// shift from images, axe on the page of code blocks in light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, siteFile, withPage, open, TIMEOUT, PHONE, axeSerious, describeViolations, screenshot } from '../lib/harness.mjs';

const T = { timeout: TIMEOUT.test };
const CODE = '/writing/code-blocks/';
const SCREENSHOTS = '/getting-started/first-site/';
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/** Tabs until the focused element matches `selector` and `text`; fails after `max` stops. */
async function tabTo(page, selector, text, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(([sel, t]) => {
      const el = document.activeElement;
      return !!el && el.matches(sel) && (!t || el.closest('.code').textContent.includes(t));
    }, [selector, text]);
    if (hit) return;
  }
  assert.fail(`no ${selector} near "${text}" within ${max} Tab presses`);
}

export default function () {
  test(`copy button: reached with Tab, pressed with Enter, copies the code and says so (${CODE})`, T, async () => {
    await withPage({ ...CLIPBOARD, colorScheme: 'light' }, async (page) => {
      await open(page, CODE);
      await page.locator('button.copy').first().waitFor();
      const buttons = page.locator('div.code > button.copy');
      assert.equal(await buttons.count(), await page.locator('div.code').count(), 'every code block has a button');
      assert.equal(await buttons.first().getAttribute('type'), 'button');
      assert.equal((await buttons.first().innerText()).trim(), 'Copy');

      await tabTo(page, 'button.copy', 'def refund(order, reason');
      await page.keyboard.press('Enter');
      const status = page.locator('[role="status"][aria-live="polite"]');
      await status.filter({ hasText: 'Copied to the clipboard' }).waitFor({ state: 'attached' });
      const python = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(python, 'def refund(order, reason="customer request"):\n' +
        '    """Give the money back and tell the customer."""\n    order.refund(reason)\n    return order.total');

      // A session: the commands only, without their prompt or what the terminal printed.
      await tabTo(page, 'button.copy', 'Built 56 articles');
      await page.keyboard.press('Space');
      await page.waitForFunction(async () => (await navigator.clipboard.readText()).startsWith('freshdocs build'));
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()),
        'freshdocs build --out public\nfreshdocs check \\\n    --format github');
      await screenshot(page, 'code-blocks-copied.png');
    });
  });

  test('copy button: labelled in Persian on a Persian page; code there reads left to right', T, async () => {
    await withPage(PHONE, async (page) => {
      await open(page, '/fa/getting-started/install/');
      const button = page.locator('div.code > button.copy').first();
      await button.waitFor();
      assert.equal((await button.innerText()).trim(), 'کپی');
      const dirs = await page.evaluate(() => [...document.querySelectorAll('.content pre')].map((pre) => ({
        pre: getComputedStyle(pre).direction,
        code: getComputedStyle(pre.querySelector('code')).direction,
        page: getComputedStyle(document.body).direction,
        // The first character of the code box is at its left edge, as in an editor.
        leftAligned: (() => {
          const range = document.createRange();
          const text = pre.querySelector('code').firstChild;
          range.setStart(text, 0);
          range.setEnd(text, 1);
          const box = pre.getBoundingClientRect();
          return range.getBoundingClientRect().left - box.left < 24;
        })(),
      })));
      assert.ok(dirs.length > 0, 'the Persian install page has code blocks');
      for (const d of dirs) assert.deepEqual(d, { pre: 'ltr', code: 'ltr', page: 'rtl', leftAligned: true });
      await screenshot(page, 'fa-code-phone.png');
    });
  });

  test('without JavaScript: the code is there, and no copy button that could not work', T, async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, CODE);
      assert.ok(await page.locator('div.code pre code').count() >= 5);
      assert.equal(await page.locator('button.copy').count(), 0);
      assert.ok((await page.locator('div.code pre code').first().innerText()).includes('def refund(order)'));
    });
  });

  test(`a session's prompt cannot be selected (${CODE})`, T, async () => {
    await withPage({}, async (page) => {
      await open(page, CODE);
      const selected = await page.evaluate(() => {
        const code = [...document.querySelectorAll('code.language-console')][0];
        getSelection().selectAllChildren(code);
        return getSelection().toString();
      });
      assert.ok(selected.includes('freshdocs build --out public'), selected);
      assert.ok(!/^\$ /m.test(selected), `the selection holds a prompt: ${JSON.stringify(selected)}`);
    });
  });

  for (const [name, options] of [['a phone', PHONE], ['a computer', {}]]) {
    test(`images do not shift the page as they load, on ${name} (${SCREENSHOTS}): CLS <= 0.02`, T, async () => {
      await withPage(options, async (page) => {
        // Images answer slowly, so that any box without a size would grow after the text is laid out.
        await page.route(/\.png$/, async (route) => {
          await new Promise((r) => setTimeout(r, 400));
          await route.continue();
        });
        await page.addInitScript(() => {
          window.__cls = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
        });
        // Opened at the section with the screenshots, so that they are on screen as they load.
        assert.ok(siteFile(SCREENSHOTS), `the built site has no page ${SCREENSHOTS}`);
        const res = await page.goto(env.origin + SCREENSHOTS + '#4-preview-it', { waitUntil: 'load' });
        assert.equal(res.status(), 200);
        const images = page.locator('.content img');
        assert.ok(await images.count() >= 2, 'the article has screenshots');
        for (const img of await images.all()) {
          await img.scrollIntoViewIfNeeded();
          await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
        }
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const cls = await page.evaluate(() => window.__cls);
        assert.ok(cls <= 0.02, `cumulative layout shift ${cls}`);
        const lazy = await images.evaluateAll((els) => els.map((el) => el.getAttribute('loading')));
        assert.deepEqual(lazy, [null, ...lazy.slice(1).map(() => 'lazy')], 'all but the first image load lazily');
      });
    });
  }

  test(`axe: the page of code blocks (${CODE}) in light and dark mode`, T, async () => {
    await withPage({ colorScheme: 'light' }, async (page) => {
      await open(page, CODE);
      await page.locator('button.copy').first().waitFor();
      const report = [];
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await axeSerious(page);
        if (violations.length) report.push(`${scheme} mode:\n${describeViolations(violations)}`);
        await screenshot(page, `code-blocks-${scheme}.png`, { fullPage: true });
      }
      assert.ok(report.length === 0, `serious/critical axe violations on ${CODE}:\n${report.join('\n')}`);
    });
  });
}
