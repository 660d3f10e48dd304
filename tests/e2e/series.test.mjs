// A series end to end: the four real Luton inspections (2016 SIF, 2020, 2022, 2026 ILACS)
// dropped at once in shuffled order on the release build (served from a sub-path), read
// and compared in the worker. Checked against the native CLI on the same files: the order,
// the ratings chart, one matter's cells; then a step's evidence page (by keyboard and
// back), axe on every view, 360 px dark, the series through a .rcmp file and a link, a
// codebook given with the reports, and the embed API with several reports. The series
// view is a bundle of its own: fetched only when a series is opened, the page handing
// over to it what it was given. Prints the time from drop to series view and the longest
// main-thread task. Run: DIST_DIR=../../dist node --test series.test.mjs (scripts/test.sh).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DIST = resolve(process.env.DIST_DIR ?? join(ROOT, 'dist'));
const SHOTS = join(HERE, 'screenshots');
const PREFIX = '/tools/report-compare/';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Shuffled on purpose: the app (and the CLI) must put them in date order.
const LUTON = ['2022-09-05', '2016-03-29', '2026-03-10', '2020-02-24'].map((d) => join(ROOT, `tests/fixtures/ilacs/luton-${d}.pdf`));
const WESTBROOK = ['2025', '2019', '2022'].map((y) => join(ROOT, `tests/fixtures/series/westbrook-${y}.txt`));

let server;
let browser;
let axeSource;
let cli; // the CLI's series of the four PDFs (JSON)

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  cli = JSON.parse(
    execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'report-compare', '--', ...LUTON, '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
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

async function open(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const log = { requests: [], console: [], pageErrors: [], dialogs: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(server.url);
  await page.locator('[data-dropzone]').waitFor();
  return { context, page, log };
}

function assertClean(log) {
  const foreign = log.requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== server.origin);
  assert.deepEqual(foreign, [], 'requests to another host');
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.dialogs, [], 'dialogs');
}

async function assertAccessible(page, view) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    }),
  );
  const problems = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\n/g, ' ')).join('\n    ')}`,
  );
  assert.deepEqual(problems, [], `axe violations on the ${view} view`);
}

/** File objects made in the page beforehand (decoding base64 is the test's work, not the app's). */
async function prepare(page, paths) {
  const files = await Promise.all(
    paths.map(async (p) => ({
      name: p.split('/').pop(),
      base64: (await readFile(p)).toString('base64'),
      type: p.endsWith('.pdf') ? 'application/pdf' : 'text/plain',
    })),
  );
  await page.evaluate((files) => {
    window.__files = files.map((f) => {
      const raw = atob(f.base64);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      return new File([bytes], f.name, { type: f.type });
    });
  }, files);
}

/** Drops every prepared file at once on the drop zone, with real drag events. */
async function dropPrepared(page) {
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    for (const f of window.__files) transfer.items.add(f);
    const target = document.querySelector('[data-dropzone]');
    const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, init));
  });
}

/** The series bundle's files the page fetched, in order. */
const seriesBundle = (log) =>
  log.requests.map((u) => new URL(u).pathname.split('/').pop()).filter((f) => f.startsWith('report-compare-series')).sort();

/** What a track's cell shows, as the CLI's JSON has it. */
const cellWord = (c) => c.verdict ?? (c.gap ? 'gap' : 'none');

async function dropLuton(page) {
  await page.waitForTimeout(500); // the worker's wasm compiles off the main thread meanwhile
  await prepare(page, LUTON);
  await page.evaluate(() => {
    const w = (window.__long = { tasks: [], start: performance.now() });
    w.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push(e.duration);
    });
    w.observer.observe({ type: 'longtask' });
  });
  await dropPrepared(page);
  await page.locator('[data-tracks] tbody tr').first().waitFor({ timeout: 120_000 });
  const seconds = await page.evaluate(() => (performance.now() - window.__long.start) / 1000);
  // The rest of the job, after the view: each step's corrections, the print view, the
  // share payload (deflated by the browser) whose size the share box then shows.
  await page.locator('[data-share][data-share-size]').waitFor({ timeout: 60_000 });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
  return page.evaluate((seconds) => {
    const w = window.__long;
    w.observer.disconnect();
    return { seconds, longest: Math.max(0, ...w.tasks), tasks: w.tasks };
  }, seconds);
}

test('four Luton inspections dropped at once: date order, the ratings chart and a matter as the CLI, a step’s evidence, timing, axe', async (t) => {
  const { context, page, log } = await open();
  // The series view is a bundle of its own, fetched only when a series is opened.
  assert.deepEqual(seriesBundle(log), [], 'the series bundle is not fetched before a series');
  const timing = await dropLuton(page);
  assert.deepEqual(seriesBundle(log), ['report-compare-series.js', 'report-compare-series_bg.wasm'], 'then it is, once');
  const msg = `four Luton PDFs, drop to series view: ${timing.seconds.toFixed(2)} s; long main-thread tasks (over 50 ms) from drop until the share payload is made: ${timing.tasks.length} (longest ${timing.longest.toFixed(0)} ms)`;
  t.diagnostic(msg);
  console.log(`# series: ${msg}`);
  // Goal 5 s (the issue); bounded loosely here, as the machine may be busy: printed above.
  assert.ok(timing.seconds < 30, msg);
  assert.ok(timing.longest <= 100, `no main-thread task over 100 ms (${timing.longest} ms)`);

  // The reports in date order, as the CLI ordered them.
  const names = await page.locator('.series-report .file-name').allInnerTexts();
  assert.deepEqual(names, cli.reports.map((r) => r.name.split('/').pop()));
  assert.match(await page.locator('#series-heading').innerText(), /A series of 4 reports, 2016 to 2026/);

  // The picture in the README (docs/series.png is a copy): the heading, the reports, the
  // charts and the first matters.
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.evaluate(() => window.scrollTo(0, document.querySelector('#series-ratings-heading').getBoundingClientRect().top + window.scrollY - 16));
  await page.screenshot({ path: join(SHOTS, 'series.png') });
  await page.setViewportSize({ width: 1280, height: 1000 });

  // The chart: overall effectiveness requires improvement → inadequate → requires
  // improvement → good, point by point, and the same in the table.
  const overall = cli.ratings.find((r) => r.area === 'Overall effectiveness');
  assert.deepEqual(overall.ranks, [2, 1, 2, 3]);
  const points = page.locator('[data-area="Overall effectiveness"] circle.grade-point');
  assert.equal(await points.count(), 4);
  const ranks = [];
  for (let i = 0; i < 4; i++) ranks.push(Number(await points.nth(i).getAttribute('data-rank')));
  assert.deepEqual(ranks, overall.ranks);
  // Higher grades are drawn higher.
  const ys = [];
  for (let i = 0; i < 4; i++) ys.push(Number(await points.nth(i).getAttribute('cy')));
  assert.ok(ys[1] > ys[0] && ys[2] < ys[1] && ys[3] < ys[2], `y of the points: ${ys}`);
  const row = page.locator('.series-ratings-table tr[data-area="Overall effectiveness"] td');
  assert.deepEqual(await row.allInnerTexts(), overall.grades);
  await page.getByRole('button', { name: 'Show as a table' }).click();
  assert.ok(await page.locator('#series-ratings-table').isVisible());

  // The first matter the CLI lists (a persistent concern, if any), cell by cell.
  const track = cli.tracks[0];
  const tr = page.locator(`tr[data-track="${track.id}"]`);
  assert.equal(await tr.getAttribute('data-kind'), track.kind);
  assert.equal(await tr.locator('.track-label').innerText(), track.label);
  assert.equal(await tr.locator('.track-line').innerText(), track.line);
  const shown = await tr.locator('td.cell').evaluateAll((tds) => tds.map((td) => td.dataset.verdict ?? 'none'));
  assert.deepEqual(shown, track.cells.map(cellWord));
  // Every matter the view lists first is one of the CLI's, in its order.
  const rows = await page.locator('[data-tracks] tbody tr').evaluateAll((trs) => trs.map((r) => r.dataset.track));
  const matters = cli.tracks.filter((x) => ['persistent_concern', 'reversal', 'returned', 'sustained_improvement'].includes(x.kind));
  assert.deepEqual(rows, matters.slice(0, rows.length).map((x) => x.id));
  await assertAccessible(page, 'series');

  // A step's evidence, by keyboard: the cell opens that step's theme page at the topic.
  const c = track.cells.findIndex((x) => x.topic);
  const cell = track.cells[c];
  const link = tr.locator(`td[data-step="${c}"] a`);
  await link.focus();
  await page.keyboard.press('Enter');
  await page.locator('.detail').waitFor();
  const theme = cli.steps[c].themes.find((x) => x.id === cell.theme);
  assert.equal(await page.locator('#detail-heading').innerText(), theme.label);
  assert.match(await page.locator('[data-series-step]').innerText(), new RegExp(`Step ${c + 1} of 3`));
  const topic = page.locator(`[data-topic="${cell.topic}"]`);
  await topic.waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, `topic-${cell.topic}`);
  assert.ok(await topic.isVisible());
  await assertAccessible(page, 'series step');
  // Back: the series view, focus on the cell that opened the step.
  await page.getByRole('link', { name: '← Back to the series' }).click();
  await page.locator('[data-tracks]').waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, `cell-${track.id}-${c}`);
  // Browser Back and Forward work too.
  await page.goBack();
  await page.locator('.detail').waitFor();
  await page.goBack();
  await page.locator('[data-tracks]').waitFor();
  assertClean(log);
  await context.close();
});

test('series at 360 px and dark: no sideways scrolling, cells name their step, axe', async () => {
  const { context, page, log } = await open({ viewport: { width: 360, height: 800 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  await prepare(page, WESTBROOK);
  await dropPrepared(page);
  await page.locator('[data-tracks] tbody tr').first().waitFor({ timeout: 60_000 });
  const names = await page.locator('.series-report .file-name').allInnerTexts();
  assert.deepEqual(names, ['westbrook-2019.txt', 'westbrook-2022.txt', 'westbrook-2025.txt']);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 0, `scrolls sideways by ${wide} px`);
  assert.ok(await page.locator('.cell-step').first().isVisible(), 'each cell says which step it is');
  // The hand-written matter that was raised, not mentioned, then back.
  const back = page.locator('tr[data-kind="returned"]');
  assert.equal(await back.count(), 1);
  assert.match(await back.locator('.track-line').innerText(), /raised in 2019, not mentioned in 2022, back in 2025/);
  // The step that calls it new says it is back (its data stays the step's own verdict).
  const returned = back.locator('td.cell[data-step="1"]');
  assert.equal(await returned.getAttribute('data-verdict'), 'new');
  assert.match(await returned.locator('a').innerText(), /Back/);
  await assertAccessible(page, 'series at 360 px, dark');
  // Print gives the briefing only: ratings across the years and the matters that matter.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.print-series h1').isVisible());
  assert.match(await page.locator('.print-series').innerText(), /Returned after a gap \(1\)[\s\S]*raised in 2019, not mentioned in 2022, back in 2025/);
  assert.equal(await page.locator('[data-tracks]').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  // Down to two reports: today's comparison of the pair.
  await page.getByRole('button', { name: 'Remove westbrook-2022.txt' }).click();
  await page.locator('.overview .theme-row').first().waitFor({ timeout: 30_000 });
  assert.match(await page.locator('[data-card=earlier]').innerText(), /westbrook-2019\.txt/);
  assert.match(await page.locator('[data-card=later]').innerText(), /westbrook-2025\.txt/);
  assertClean(log);
  await context.close();
});

test('a series goes into a .rcmp file and opens from it in a fresh browser, and as a link', async () => {
  const a = await open();
  await prepare(a.page, WESTBROOK);
  await dropPrepared(a.page);
  await a.page.locator('[data-tracks] tbody tr').first().waitFor({ timeout: 60_000 });
  await a.page.locator('[data-share][data-share-size]').waitFor();
  const rows = await a.page.locator('[data-tracks] tbody tr').evaluateAll((trs) => trs.map((r) => r.dataset.track));
  const download = a.page.waitForEvent('download');
  await a.page.locator('[data-download-share]').click();
  const file = join(SHOTS, 'series.rcmp');
  await (await download).saveAs(file);
  assertClean(a.log);
  await a.context.close();

  const b = await open();
  await b.page.locator('#files').setInputFiles(file);
  await b.page.locator('[data-tracks] tbody tr').first().waitFor({ timeout: 30_000 });
  assert.match(await b.page.locator('[role=status]').innerText(), /Opened a shared series of 3 reports/);
  const again = await b.page.locator('[data-tracks] tbody tr').evaluateAll((trs) => trs.map((r) => r.dataset.track));
  assert.deepEqual(again, rows);
  assert.match(await b.page.locator('.series-reports').innerText(), /\(shared\)/);
  // Its evidence opens too, from the shared paragraphs.
  await b.page.locator('[data-tracks] td.cell a').first().click();
  await b.page.locator('.detail').waitFor();
  assertClean(b.log);
  await b.context.close();

  // The same payload as a link (a `.rcmp` file holds the link's text): the page hands it
  // to the series bundle, which opens it once.
  const text = (await readFile(file, 'utf8')).trim();
  const c = await open();
  assert.deepEqual(seriesBundle(c.log), []);
  await c.page.goto(`${server.url}#c=${text}`);
  await c.page.locator('[data-tracks] tbody tr').first().waitFor({ timeout: 30_000 });
  assert.match(await c.page.locator('[role=status]').innerText(), /Opened a shared series of 3 reports/);
  assert.deepEqual(await c.page.locator('[data-tracks] tbody tr').evaluateAll((trs) => trs.map((r) => r.dataset.track)), rows);
  assert.deepEqual(seriesBundle(c.log), ['report-compare-series.js', 'report-compare-series_bg.wasm']);
  assertClean(c.log);
  await c.context.close();
});

test('a codebook given with three reports goes with them to the series view and is used there, as the CLI uses it', async () => {
  // Only the series bundle builds a series: the page reads the codebook, then hands both over.
  const toml = join(SHOTS, 'homes-codebook.toml');
  await writeFile(toml, 'mode = "replace"\n\n[[theme]]\nid = "homes"\nlabel = "Homes"\nterms = ["home", "homes", "placement", "placements"]\n');
  const qdc = join(SHOTS, 'homes.qdc');
  const cargo = (args) =>
    execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'report-compare', '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  await writeFile(qdc, cargo(['--export-codebook', '-', '--codebook', toml]));
  const expected = JSON.parse(cargo([...WESTBROOK, '--codebook', qdc, '--format', 'json']));
  const themes = (s) => [...new Set(s.steps.flatMap((step) => step.themes.map((t) => t.id)))].sort();
  assert.ok(themes(expected).includes('homes'));

  const { context, page, log } = await open();
  await prepare(page, [qdc, ...WESTBROOK]);
  await dropPrepared(page);
  await page.locator('[data-tracks] tbody tr').first().waitFor({ timeout: 60_000 });
  await page.locator('[data-share][data-share-size]').waitFor();
  const download = page.waitForEvent('download');
  await page.locator('.series-exports').getByRole('button', { name: 'JSON' }).click();
  const made = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  assert.deepEqual(themes(made), themes(expected), 'the series was made with the codebook');
  assert.deepEqual(made.tracks.map((t) => t.id), expected.tracks.map((t) => t.id));
  assertClean(log);
  await context.close();
});

test('embedded: a load message with three reports makes a series, and the result says so', async () => {
  const host = await startServer(DIST, PREFIX);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${host.url}embed-example.html?app=${encodeURIComponent(`${server.url}?embed=1&origins=${host.origin}`)}`);
    await page.locator('#send:not([disabled])').waitFor();
    const reports = await Promise.all(WESTBROOK.map(async (p) => ({ name: p.split('/').pop(), text: await readFile(p, 'utf8') })));
    await page.evaluate(({ reports, origin }) => {
      document.getElementById('app').contentWindow.postMessage({ type: 'report-compare:load', reports }, origin);
    }, { reports, origin: server.origin });
    await page.locator('#log').filter({ hasText: '"series":true' }).waitFor({ timeout: 60_000 });
    const result = (await page.locator('#log').innerText()).split('\n').filter(Boolean).map((l) => JSON.parse(l))
      .find((m) => m.type === 'report-compare:result' && m.series);
    assert.deepEqual(result.reports.map((r) => r.label), ['2019', '2022', '2025']);
    assert.ok(result.summary.tracks > 0);
    assert.equal(JSON.stringify(result).includes('Return home interviews'), false, 'no report text goes to the host');
    await page.frameLocator('#app').locator('.app.embed [data-tracks]').waitFor();
    await context.close();
  } finally {
    await host.close();
  }
});
