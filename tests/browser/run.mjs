#!/usr/bin/env node
// The browser suite of the freshdocs help center: node run.mjs <built site folder>
//
// Serves the site on 127.0.0.1 (lib/server.mjs), drives the system Chromium (never a downloaded
// browser) with playwright-core, and runs the specs in specs/ with node's test runner.
// Environment:
//   FRESHDOCS_CHROMIUM     the browser (default /usr/bin/chromium)
//   FRESHDOCS_SCREENSHOTS  where screenshots go (default: a new folder in the system temp dir)
//   FRESHDOCS_JOBS         spec files run at once (default 2: this runs on two cores)
//   FRESHDOCS_ONLY         run only the spec files whose name contains this text
//   FRESHDOCS_BIN          the freshdocs binary whose `freshdocs search` the search client must match
//                          (specs/parity.spec.mjs; without it that check fails under CI, else is skipped)
//   FRESHDOCS_ROOT         the site folder the site was built from (default: this repository)
// tests/all/browser.rs (cargo test) builds the sample site and runs this file.
import { describe, before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './lib/server.mjs';
import { env } from './lib/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`usage: node run.mjs <built site folder>   (no index.html in ${site ?? '(none given)'})`);
  process.exit(2);
}
const executablePath = process.env.FRESHDOCS_CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.error(`${executablePath} is missing: install Debian's chromium (apt-get install -y chromium)`);
  process.exit(2);
}

env.site = path.resolve(site);
env.shots = process.env.FRESHDOCS_SCREENSHOTS || fs.mkdtempSync(path.join(os.tmpdir(), 'freshdocs-shots-'));

const specs = fs.readdirSync(path.join(here, 'specs'))
  .filter((f) => f.endsWith('.spec.mjs'))
  .filter((f) => !process.env.FRESHDOCS_ONLY || f.includes(process.env.FRESHDOCS_ONLY))
  .sort();
const modules = [];
for (const f of specs) modules.push([f, await import(path.join(here, 'specs', f))]);

let server;
const jobs = Math.max(1, Number(process.env.FRESHDOCS_JOBS) || 2);
describe('freshdocs help center in Chromium', { timeout: 240_000, concurrency: jobs }, () => {
  before(async () => {
    server = await serve(env.site);
    env.origin = server.origin;
    env.browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      timeout: 30_000,
    });
    console.log(`# site ${env.site} served at ${env.origin}; Chromium ${env.browser.version()}; screenshots in ${env.shots}`);
  });
  after(async () => {
    await env.browser?.close().catch(() => {});
    await server?.close();
  });
  for (const [file, mod] of modules) describe(file.replace(/\.spec\.mjs$/, ''), () => mod.default());
});
