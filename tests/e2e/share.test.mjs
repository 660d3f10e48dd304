// Share links, .rcmp files and the strict Content-Security-Policy, end to end: the release
// build served from a sub-path (server.mjs), Debian's Chromium via playwright-core.
// Every page records requests, console messages, page errors and CSP violations
// (`securitypolicyviolation` events, recorded before any page script runs).
// Run: DIST_DIR=../../dist node --test share.test.mjs (scripts/test.sh does).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DIST = resolve(process.env.DIST_DIR ?? join(ROOT, 'dist'));
const PREFIX = '/tools/report-compare/';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const VERDICTS = ['regressed', 'mixed', 'persisted', 'improved', 'new', 'dropped'];
const read = (p) => readFile(join(ROOT, p), 'utf8');

let server;
let browser;
let axeSource;
const files = {};

before(async () => {
  files.seed = [
    { name: 'luton-2023-news-article.txt', text: await read('www/samples/luton-2023-news-article.txt') },
    { name: 'luton-2021-focused-visit.txt', text: await read('www/samples/luton-2021-focused-visit.txt') },
  ];
  files.ilacs = [
    { name: 'luton-2022-09-05.txt', text: await read('tests/fixtures/ilacs/luton-2022-09-05.txt') },
    { name: 'luton-2026-03-10.txt', text: await read('tests/fixtures/ilacs/luton-2026-03-10.txt') },
  ];
  // Surely too large for a link (the ILACS pair alone is ~72 KB, close to the 64 KB limit):
  // each ILACS report with a school report after it.
  files.large = [
    { name: 'large-2022.txt', text: files.ilacs[0].text + '\n\n' + (await read('tests/fixtures/school-2019-2023/before.txt')) },
    { name: 'large-2026.txt', text: files.ilacs[1].text + '\n\n' + (await read('tests/fixtures/school-2019-2023/after.txt')) },
  ];
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  server = await startServer(DIST, PREFIX);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context and page at `url`, recording everything. */
async function openPage(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const log = { requests: [], console: [], pageErrors: [] };
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  await page.goto(url);
  await page.locator('.app').waitFor();
  return { context, page, log };
}

async function assertClean(page, log) {
  const foreign = log.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin);
  assert.deepEqual(foreign, [], 'requests to another host');
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || /Content.Security.Policy/i.test(m.text)), [], 'console errors or CSP messages');
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
}

/** axe-core, WCAG 2.x A and AA: no violations. */
async function assertAccessible(page, view) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    }),
  );
  const problems = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(problems, [], `axe violations on the ${view} view`);
}

async function drop(page, list) {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.text], f.name, { type: f.type ?? 'text/plain' }));
    const target = document.querySelector('[data-dropzone]');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, list);
}

async function tileCounts(page) {
  const counts = {};
  for (const v of VERDICTS) counts[v] = Number(await page.locator(`.tile[data-verdict=${v}] .tile-count`).innerText());
  return counts;
}

/** FNV-1a 64 of UTF-8 text, as the app names saved corrections. */
function fnv(text) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

test('share link: opened in a fresh browser it shows the same overview, counts and corrections, without the worker; a further correction is the worker’s', async () => {
  const a = await openPage(server.url);
  const [later, earlier] = files.seed;
  // A correction of the earlier person, saved as the app saves it (key: hashes of the files).
  const firstTheme = async (page) => page.locator('.overview .theme-row').first().getAttribute('data-theme');
  await drop(a.page, files.seed);
  await a.page.locator('.overview .theme-row').first().waitFor();
  const theme = await firstTheme(a.page);
  const was = await a.page.locator(`.theme-row[data-theme="${theme}"] .verdict`).getAttribute('data-verdict');
  const to = was === 'improved' ? 'regressed' : 'improved';
  await a.page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
    key: `report-compare:corrections:v1:${fnv(earlier.text)}-${fnv(later.text)}`,
    value: JSON.stringify({ schema: 'report-compare-overrides/1', edits: [{ kind: 'theme_verdict', theme, verdict: to, note: 'Checked by hand' }] }),
  });
  await a.page.reload();
  await a.page.locator('[data-dropzone]').waitFor();
  await drop(a.page, files.seed);
  await a.page.locator(`.theme-row[data-theme="${theme}"] .verdict[data-verdict=${to}]`).waitFor();
  const overview = await a.page.locator('.overview').innerHTML();
  const counts = await tileCounts(a.page);

  // The size is known before the click: small enough, so Copy link is on and first.
  await a.page.locator('[data-share][data-share-size]').waitFor();
  const known = Number(await a.page.locator('[data-share]').getAttribute('data-share-size'));
  assert.ok(known > 0 && known < 64 * 1024, `known before the click: ${known}`);
  assert.equal(await a.page.locator('[data-copy-link]').isEnabled(), true);
  assert.equal(await a.page.locator('#share-size-note').count(), 0, 'no too-large note');
  await a.page.locator('[data-copy-link]').click();
  const box = a.page.locator('#share-link');
  await box.waitFor();
  const link = await box.inputValue();
  const size = Number(await box.getAttribute('data-share-size'));
  console.log(`# seed pair link: ${size} bytes (${link.length} with the address)`);
  assert.equal(size, known, 'the link copied is the payload measured');
  assert.ok(link.startsWith(`${server.url}#c=rc1.`), link.slice(0, 80));
  assert.equal(new URL(a.page.url()).hash, new URL(link).hash, 'the address bar holds the link');
  // Nothing of the reports outside the fragment.
  const url = new URL(link);
  assert.equal(url.pathname + url.search, PREFIX);
  await assertClean(a.page, a.log);
  await a.context.close();

  const b = await openPage(link);
  await b.page.locator('[data-shared]').waitFor();
  await b.page.locator('.overview .theme-row').first().waitFor();
  assert.equal(await b.page.locator('.overview').innerHTML(), overview, 'same overview, byte for byte');
  assert.deepEqual(await tileCounts(b.page), counts);
  assert.match(await b.page.locator('[data-shared]').innerText(), /original files aren’t here/);
  assert.equal(await b.page.title(), 'report-compare');
  // No report text in storage keys; nothing stored just by opening.
  assert.deepEqual(await b.page.evaluate(() => Object.keys(localStorage)), []);
  // A theme page and its surrounding text still work from the shared paragraphs.
  await b.page.locator(`.theme-row[data-theme="${theme}"] a`).first().click();
  await b.page.locator('.detail').waitFor();
  const toggle = b.page.locator('.context-toggle').first();
  if (await toggle.count()) {
    await toggle.click();
    assert.ok((await b.page.locator('.context-para').first().innerText()).trim().length > 0);
  }
  // Opening and reading a link needs no reader: the worker (its loader and wasm) is not
  // fetched until a file comes.
  assert.deepEqual(b.log.requests.filter((u) => /report-compare-(worker|word)/.test(u)), [], 'worker fetched');
  // A further correction is applied by the reading worker (the page has no recount), which
  // starts for it; what it applied shows on the page.
  const other = was === 'mixed' ? 'persisted' : 'mixed';
  await b.page.getByText('Change this theme’s verdict').click();
  await b.page.locator('#theme-verdict').selectOption(other);
  await b.page.getByRole('button', { name: 'Save verdict' }).first().click();
  await b.page.locator(`.detail-verdict .verdict[data-verdict=${other}]`).waitFor();
  assert.equal(await b.page.locator('.detail-verdict .by-you').count(), 1);
  assert.ok(b.log.requests.some((u) => /report-compare-worker/.test(u)), 'the worker started for the correction');
  await assertClean(b.page, b.log);
  await b.context.close();
});

test('broken, truncated, tampered or foreign links open the app with a clear message', async () => {
  const a = await openPage(server.url);
  await drop(a.page, files.seed);
  await a.page.locator('.overview .theme-row').first().waitFor();
  await a.page.locator('[data-copy-link]').click();
  const link = await a.page.locator('#share-link').inputValue();
  await a.context.close();
  const payload = link.split('#c=')[1];
  const tampered = payload.slice(0, 200) + (payload[200] === 'A' ? 'B' : 'A') + payload.slice(201);
  const cases = [
    [payload.slice(0, payload.length / 2), /cut short|incomplete or damaged/],
    [tampered, /cut short|changed|damaged/],
    ['hello', /incomplete or damaged/],
    ['rc9.00.AAAA', /another version/],
  ];
  for (const [bad, message] of cases) {
    const b = await openPage(`${server.url}#c=${bad}`);
    await b.page.locator('[data-dropzone]').waitFor();
    const status = b.page.locator('[role=status].error');
    await status.waitFor();
    assert.match(await status.innerText(), message);
    await assertClean(b.page, b.log);
    await b.context.close();
  }
});

/** The JSON a share payload (`rc1.<sum>.<data>`) holds, and the payload of other JSON. */
const unpack = (payload) => JSON.parse(inflateRawSync(Buffer.from(payload.split('.')[2], 'base64url')).toString('utf8'));
function pack(value) {
  const json = JSON.stringify(value);
  return `rc1.${fnv(json)}.${deflateRawSync(Buffer.from(json)).toString('base64url')}`;
}

test('links carry report-compare/2 with topics; a /1 link from before topics opens with topics, an unknown one says why', async () => {
  const a = await openPage(server.url);
  await drop(a.page, files.seed);
  await a.page.locator('.overview .theme-row').first().waitFor();
  const counts = await tileCounts(a.page);
  await a.page.locator('[data-copy-link]').click();
  const link = await a.page.locator('#share-link').inputValue();
  await a.context.close();
  const shared = unpack(link.split('#c=')[1]);
  assert.equal(shared.comparison.schema, 'report-compare/2');
  assert.ok(shared.comparison.themes.every((t) => t.topics.length > 0), 'topics in the link');

  // As an earlier version shared it: schema /1, no topics.
  const old = structuredClone(shared);
  old.comparison.schema = 'report-compare/1';
  for (const t of old.comparison.themes) delete t.topics;
  const b = await openPage(`${server.url}#c=${pack(old)}`);
  await b.page.locator('[data-shared]').waitFor();
  await b.page.locator('.overview .theme-row').first().waitFor();
  assert.match(await b.page.locator('[role=status]').innerText(), /earlier version of report-compare, before topics/);
  // The same themes; their verdicts follow the topics the page rebuilt from the links,
  // so only the one-sided ones (which have no pairs to regroup) must match exactly.
  const reopened = await tileCounts(b.page);
  const sum = (o) => Object.values(o).reduce((x, y) => x + y, 0);
  assert.equal(sum(reopened), sum(counts), 'the same themes as shared');
  assert.equal(reopened.new, counts.new, 'the same new themes');
  assert.equal(reopened.dropped, counts.dropped, 'the same themes not mentioned later');
  const theme = shared.comparison.themes.find((t) => t.links.some((l) => l.before && l.after));
  await b.page.locator(`.theme-row[data-theme="${theme.id}"] a`).first().click();
  await b.page.locator('.detail').waitFor();
  // Every finding of the theme is under some topic on its page.
  const ids = new Set(theme.links.flatMap((l) => [l.before, l.after]).filter(Boolean));
  const shown = new Set(await b.page.locator('.topic[data-topic] [data-finding], .lone-topic[data-topic] [data-finding]')
    .evaluateAll((els) => els.map((e) => e.dataset.finding)));
  for (const id of ids) assert.ok(shown.has(id), `${id} is shown under a topic`);
  assert.ok((await b.page.locator('.topic[data-topic]').count()) > 0, 'a topic of both reports');
  assert.equal(await b.page.locator('.lone-topic:not([data-topic])').count(), 0, 'no findings without a topic');
  await assertClean(b.page, b.log);
  await b.context.close();

  // A schema this version does not know: the app opens, saying why not.
  const future = structuredClone(shared);
  future.comparison.schema = 'report-compare/9';
  const c = await openPage(`${server.url}#c=${pack(future)}`);
  await c.page.locator('[data-dropzone]').waitFor();
  const status = c.page.locator('[role=status].error');
  await status.waitFor();
  assert.match(await status.innerText(), /"report-compare\/9".*cannot read.*newer version/s);
  await assertClean(c.page, c.log);
  await c.context.close();
});

test('two large reports: too big for a link, said before any click; the .rcmp file is the main action and opens by drop', async () => {
  const a = await openPage(server.url);
  await drop(a.page, files.large);
  await a.page.locator('.overview .theme-row').first().waitFor();
  const counts = await tileCounts(a.page);
  const overview = await a.page.locator('.overview').innerHTML();
  // Nothing clicked yet: the panel already says why there is no link.
  const note = a.page.locator('#share-size-note');
  await note.waitFor();
  const size = Number(await note.getAttribute('data-share-size'));
  console.log(`# two large reports: ${size} bytes`);
  assert.ok(size > 64 * 1024, `too large for a link: ${size}`);
  assert.match(await note.innerText(), /^Too large for a link \(\d+\.\d KB; a link holds up to 64\.0 KB\)\. Download the \.rcmp file instead/);
  assert.ok(await note.isVisible());
  // "Download .rcmp file" first and primary; "Copy link" off, described by the note.
  const buttons = a.page.locator('[data-share] .row-buttons button');
  assert.deepEqual(await buttons.evaluateAll((bs) => bs.map((b) => b.textContent)), ['Download .rcmp file', 'Copy link']);
  assert.match(await a.page.locator('[data-download-share]').getAttribute('class'), /\bprimary\b/);
  const copy = a.page.locator('[data-copy-link]');
  assert.equal(await copy.isDisabled(), true);
  assert.equal(await copy.getAttribute('aria-describedby'), 'share-size-note');
  await assertAccessible(a.page, 'share panel, too large for a link');
  // By keyboard: Download is reachable and works with Enter.
  await a.page.locator('[data-download-share]').focus();
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.keyboard.press('Enter'),
  ]);
  assert.equal(new URL(a.page.url()).hash, '', 'no link put in the address');
  assert.match(download.suggestedFilename(), /\.rcmp$/);
  const text = await readFile(await download.path(), 'utf8');
  assert.ok(text.startsWith('rc1.'));
  await assertClean(a.page, a.log);
  await a.context.close();

  const b = await openPage(server.url);
  await drop(b.page, [{ name: download.suggestedFilename(), text, type: '' }]);
  await b.page.locator('[data-shared]').waitFor();
  await b.page.locator('.overview .theme-row').first().waitFor();
  assert.deepEqual(await tileCounts(b.page), counts);
  assert.equal(await b.page.locator('.overview').innerHTML(), overview);
  await assertClean(b.page, b.log);
  await b.context.close();
});

test('strict CSP: no unsafe-inline or unsafe-eval, inline bootstrap hashed, no violations', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
  assert.match(policy, /script-src 'self' 'sha256-[^']+'/);
  assert.match(policy, /'wasm-unsafe-eval'/);
  assert.match(policy, /worker-src 'self'/);
  assert.match(policy, /connect-src 'self'/);
  const a = await openPage(server.url);
  await a.page.getByRole('button', { name: 'Try the sample' }).click();
  await a.page.locator('.overview .theme-row').first().waitFor();
  await assertClean(a.page, a.log);
  await a.context.close();
});
