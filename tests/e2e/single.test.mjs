// The single-file build (scripts/single-file.mjs on the tested dist) opened from disk
// (file://) in Chromium: it starts, reads and compares in its inlined worker (a `blob:`
// URL) two reports given by the file input, a PDF among them, says calmly that the sample
// isn't included, and breaks no CSP rule; no request leaves file://.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DIST = resolve(process.env.DIST_DIR ?? join(ROOT, 'dist'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SAMPLES = join(ROOT, 'www/samples');

let browser;
let file;

before(async () => {
  file = join(await mkdtemp(join(tmpdir(), 'rc-single-')), 'report-compare.html');
  execFileSync('node', [join(ROOT, 'scripts/single-file.mjs'), DIST, file]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => browser?.close());

test('single file from file://: compares two chosen reports, no sample, strict CSP, nothing fetched', async () => {
  const size = (await stat(file)).size;
  console.log(`# single file: ${size} bytes`);
  const html = await readFile(file, 'utf8');
  const policy = html.match(/Content-Security-Policy" content="([^"]*)"/)[1];
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);

  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  await page.locator('[data-dropzone]').waitFor();

  await page.getByRole('button', { name: 'Try the sample' }).click();
  assert.match(await page.locator('[role=status].error').innerText(), /isn’t included in this single-file version/);

  await page.getByLabel('Choose files…').setInputFiles([
    join(SAMPLES, 'luton-2023-news-article.txt'),
    join(SAMPLES, 'luton-2021-focused-visit.txt'),
  ]);
  await page.locator('.overview .theme-row').first().waitFor({ timeout: 30000 });
  assert.equal(await page.locator('[data-card=earlier] .file-name').innerText(), 'luton-2021-focused-visit.txt');
  // The page has no reader of its own: a PDF read at all was read by the inlined worker.
  await page.getByLabel('Choose files…').setInputFiles([join(ROOT, 'tests/fixtures/ilacs/luton-2022-09-05.pdf')]);
  await page.locator('[data-card]', { hasText: 'luton-2022-09-05.pdf' }).getByText(/\d+ findings/)
    .waitFor({ timeout: 60000 });

  assert.deepEqual(requests.filter((u) => !/^(file|data|blob):/.test(u)), [], 'requests off the disk');
  assert.deepEqual(requests.filter((u) => u.startsWith('file:') && u !== pathToFileURL(file).href), [], 'other files read');
  assert.deepEqual(errors, [], 'console or page errors');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  await context.close();
});
