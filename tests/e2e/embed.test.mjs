// The app in another page's iframe: the shipped host page (embed-example.html) served by
// one server (one origin), the app by another (a second origin); reports go in by
// postMessage and the result comes back; a host that isn't on the app's ?origins= list is
// ignored. Also ?before=&after= (own origin fetched; another host refused with a message).
// Every request of every frame is recorded: none may go to a third host.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DIST = resolve(process.env.DIST_DIR ?? join(ROOT, 'dist'));
const PREFIX = '/tools/report-compare/';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SAMPLES = join(ROOT, 'www/samples');

let app;
let host;
let browser;

before(async () => {
  app = await startServer(DIST, PREFIX);
  host = await startServer(DIST, PREFIX);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
});

async function openPage(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const log = { requests: [], console: [], pageErrors: [] };
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  await page.goto(url);
  return { context, page, log };
}

function assertClean(log, origins) {
  const foreign = log.requests.filter((u) => !/^(data|blob):/.test(u) && !origins.includes(new URL(u).origin));
  assert.deepEqual(foreign, [], 'requests to another host');
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
}

/** The host page, embedding the app of the other origin that allows `origins`. */
const hostUrl = (origins) =>
  `${host.url}embed-example.html?app=${encodeURIComponent(`${app.url}?embed=1&origins=${origins}`)}`;

async function sendSeed(page) {
  await page.locator('#send:not([disabled])').waitFor();
  await page.locator('#earlier').setInputFiles(join(SAMPLES, 'luton-2021-focused-visit.txt'));
  await page.locator('#later').setInputFiles(join(SAMPLES, 'luton-2023-news-article.txt'));
  await page.locator('#send').click();
}

const messages = async (page) =>
  (await page.locator('#log').innerText()).split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('embedded on another origin: ready, load by postMessage, progress and result back', async () => {
  const { context, page, log } = await openPage(hostUrl(host.origin));
  await sendSeed(page);
  await page.locator('#summary').filter({ hasText: /\w/ }).waitFor();
  const got = await messages(page);
  const types = got.map((m) => m.type);
  assert.equal(types[0], 'report-compare:ready');
  assert.ok(types.includes('report-compare:progress'), types.join());
  const result = got.find((m) => m.type === 'report-compare:result');
  assert.ok(result, types.join());
  assert.equal(result.before.name, 'luton-2021-focused-visit.txt');
  assert.equal(result.after.name, 'luton-2023-news-article.txt');
  assert.ok(result.summary.themes > 0);
  assert.equal(await page.locator('#summary').innerText(), result.headline);
  // The frame shows the compact layout with the overview.
  const frame = page.frameLocator('#app');
  await frame.locator('.app.embed .overview .theme-row').first().waitFor();
  assert.equal(await frame.locator('.site-header').isVisible(), false);
  assert.deepEqual(await page.frames()[1].evaluate(() => window.__csp), [], 'CSP violations in the app');
  assertClean(log, [app.origin, host.origin]);
  await context.close();
});

test('a host page whose origin is not allowed is ignored', async () => {
  // The app allows only some other intranet origin, not this host page.
  const { context, page, log } = await openPage(hostUrl('https://intranet.example'));
  const frame = page.frameLocator('#app');
  await frame.locator('[data-dropzone]').waitFor();
  // The app never says "ready" to a host it doesn't allow, so press send by hand.
  await page.evaluate(() => (document.getElementById('send').disabled = false));
  await sendSeed(page);
  await page.waitForTimeout(1500);
  assert.deepEqual(await messages(page), []);
  assert.equal(await frame.locator('.overview').count(), 0);
  assert.equal(await frame.locator('.card.filled').count(), 0);
  assertClean(log, [app.origin, host.origin]);
  await context.close();
});

test('?before=&after= fetch reports from the own origin; another host is refused clearly', async () => {
  const q = 'before=samples/luton-2021-focused-visit.txt&after=samples/luton-2023-news-article.txt';
  const ok = await openPage(`${app.url}?${q}`);
  await ok.page.locator('.overview .theme-row').first().waitFor();
  assertClean(ok.log, [app.origin]);
  await ok.context.close();

  const away = await openPage(`${app.url}?before=https://reports.example/a.txt&after=samples/luton-2023-news-article.txt`);
  const status = away.page.locator('[role=status].error');
  await status.waitFor();
  assert.match(await status.innerText(), /only fetch reports from its own site/);
  assertClean(away.log, [app.origin]);
  await away.context.close();
});
