// End-to-end tests: the release build (dist/) served from a sub-path by server.mjs,
// driven by playwright-core in Debian's Chromium (never a downloaded browser).
// Run: DIST_DIR=../../dist node --test --test-concurrency=1 app.test.mjs (scripts/test.sh does).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(process.env.DIST_DIR ?? join(HERE, '..', '..', 'dist'));
const SHOTS = join(HERE, 'screenshots');
const PREFIX = '/tools/report-compare/';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// One phrase from each bundled sample.
const EARLIER_PHRASE = 'Focused visit to Luton children';
const LATER_PHRASE = 'build on and sustain progress';

let server;
let browser;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await startServer(DIST, PREFIX);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the app in a fresh context, recording every request, console message and error. */
async function open(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const log = { requests: [], console: [], pageErrors: [], failed: [], dialogs: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: 'report-compare' }).waitFor();
  return { context, page, log };
}

/** Nothing went to another host, nothing failed, nothing was logged as an error. */
function assertClean(log) {
  const foreign = log.requests.filter((u) => {
    const url = new URL(u);
    return url.protocol !== 'data:' && url.origin !== server.origin;
  });
  assert.deepEqual(foreign, [], 'requests to another host');
  assert.deepEqual(
    log.console.filter((m) => m.type === 'error'),
    [],
    'console errors',
  );
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.deepEqual(log.dialogs, [], 'dialogs (alert) opened');
  const outside = server.requests.filter((r) => !r.path.startsWith(PREFIX));
  assert.deepEqual(outside, [], 'requests outside the sub-path');
}

test('renders at a sub-path: title, both slots, the sample button', async () => {
  const { context, page, log } = await open();
  assert.equal(await page.title(), 'report-compare');
  assert.match(await page.locator('header').innerText(), /nothing leaves your browser/);
  assert.equal(await page.locator('main').count(), 1);

  for (const label of ['Earlier report', 'Later report']) {
    const input = page.getByLabel(label);
    assert.equal(await input.getAttribute('type'), 'file');
    assert.ok(await input.isVisible(), `${label} input visible`);
  }
  assert.ok(await page.getByRole('button', { name: 'Try the sample' }).isVisible());

  // Keyboard: the skip link comes first and moves focus to <main>.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  // Then the two file inputs and the button are reachable by Tab.
  const reached = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent));
  }
  for (const want of ['earlier-file', 'later-file', 'Try the sample']) {
    assert.ok(reached.includes(want), `Tab reaches ${want}: ${reached}`);
  }

  await page.screenshot({ path: join(SHOTS, 'empty.png') });
  assertClean(log);
  await context.close();
});

test('"Try the sample" loads both texts and marks inserted and deleted words', async () => {
  // Tall enough that the screenshot (README: docs/screenshot.png) shows the diff too.
  const { context, page, log } = await open({ viewport: { width: 1100, height: 1250 } });
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.locator('.diff').waitFor();

  const columns = await page.locator('.columns').innerText();
  assert.ok(columns.includes(EARLIER_PHRASE), 'earlier sample text shown');
  assert.ok(columns.includes(LATER_PHRASE), 'later sample text shown');

  const ins = page.locator('.diff ins');
  const del = page.locator('.diff del');
  assert.ok((await ins.count()) > 0, 'some inserted words');
  assert.ok((await del.count()) > 0, 'some deleted words');
  assert.ok((await ins.first().innerText()).trim().length > 0);
  assert.ok((await del.first().innerText()).trim().length > 0);
  // Not colour alone: struck through and underlined.
  assert.match(await del.first().evaluate((e) => getComputedStyle(e).textDecorationLine), /line-through/);
  assert.match(await ins.first().evaluate((e) => getComputedStyle(e).textDecorationLine), /underline/);

  const fetched = log.requests.map((u) => new URL(u).pathname);
  assert.ok(fetched.includes(`${PREFIX}samples/luton-2021-focused-visit.txt`));
  assert.ok(fetched.includes(`${PREFIX}samples/luton-2023-news-article.txt`));

  await page.screenshot({ path: join(SHOTS, 'sample.png') });
  assertClean(log);
  await context.close();
});

test('a chosen file with markup is shown as text, never as elements', async () => {
  const { context, page, log } = await open();
  const hostile = 'Hello <script>alert(1)</script> and <img src=x onerror=alert(1)> here.\n';
  const scriptsBefore = await page.locator('script').count();

  await page.getByLabel('Earlier report').setInputFiles({
    name: 'hostile.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(hostile),
  });
  await page.locator('[data-slot=earlier-file].filled').waitFor();
  assert.match(await page.locator('[data-slot=earlier-file]').innerText(), /hostile\.txt/);

  await page.getByLabel('Later report').setInputFiles({
    name: 'plain.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Hello and here, calmly.\n'),
  });
  await page.locator('.diff').waitFor();

  const shown = await page.locator('.columns').innerText();
  assert.ok(shown.includes('<script>alert(1)</script>'), 'script tag shown as text');
  assert.ok(shown.includes('<img src=x onerror=alert(1)>'), 'img tag shown as text');
  // In the diff the markup is deleted text (split into words around the insertions).
  const deleted = (await page.locator('.diff del').allInnerTexts()).join(' ');
  assert.ok(deleted.includes('<script>alert(1)</script>'), deleted);
  assert.ok(deleted.includes('<img') && deleted.includes('onerror=alert(1)>'), deleted);
  assert.equal(await page.locator('img').count(), 0, 'no img element');
  assert.equal(await page.locator('script').count(), scriptsBefore, 'no new script element');
  assert.equal(await page.locator('body script, main script').count(), 0);

  await page.screenshot({ path: join(SHOTS, 'hostile.png') });
  assertClean(log);
  await context.close();
});

test('a file dropped on a slot is loaded', async () => {
  const { context, page, log } = await open();
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['dropped words here'], 'dropped.txt', { type: 'text/plain' }));
    const slot = document.querySelector('[data-slot=later-file]');
    slot.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.locator('[data-slot=later-file].filled').waitFor();
  assert.match(await page.locator('[data-slot=later-file]').innerText(), /dropped\.txt — 3 words/);
  assertClean(log);
  await context.close();
});

test('fits a 360 px wide screen and follows the dark colour scheme', async () => {
  const { context, page, log } = await open({ viewport: { width: 360, height: 780 }, colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.locator('.diff').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (overflow ${overflow}px)`);
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark background in dark mode (${bg})`);
  await page.screenshot({ path: join(SHOTS, 'narrow-dark.png'), fullPage: false });
  assertClean(log);
  await context.close();
});
