// Hostile input and a dying reader, end to end (issue #11): the release build served from a
// sub-path (server.mjs), Debian's Chromium via playwright-core, axe-core from disk.
//
// 1. Small hostile files, made here in Buffers (empty, blank, binary named .pdf/.docx/.txt,
//    invalid UTF-8, UTF-16 with a BOM, a truncated PDF, a page that is only scripts, a zip
//    named .docx), each dropped on the later card while a real report sits on the earlier
//    one: each is read in the Web Worker and refused in words on its own card (or, for the
//    two odd encodings, read), the worker never dies, the other report stays, and the page
//    still compares two good reports at the end.
// 2. The reader (Web Worker) dying under a job. The app has no test hook for that: this file
//    serves the real workers' loaders (the reading worker's and the PDF reader's) with a
//    few lines in front (server.mjs `replace`) that,
//    for a file with a trigger name, do what a dying worker does — throw out of its message
//    handler (what a wasm trap, a panic under panic=abort, or running out of memory gives:
//    an `error` event on the page's Worker), or end the worker with `close()` (no event at
//    all). Everything else goes to the real worker untouched. A real engine crash would be
//    more faithful, but none stays reproducible: each is a bug that gets fixed.
// Run: DIST_DIR=../../dist node --test hostile.test.mjs (scripts/test.sh does).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DIST = resolve(process.env.DIST_DIR ?? join(ROOT, 'dist'));
const PREFIX = '/tools/report-compare/';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LOADER = 'report-compare-worker_loader.js';
const PDF_LOADER = 'report-compare-pdf_loader.js'; // the PDF reader, a worker of its own

// In front of the worker's real loader (see the top of this file). Runs before the app's
// own handler (listeners fire in the order they were added) and stops it for a trigger.
const DYING_WORKER = `
self.addEventListener('message', (event) => {
  const header = Array.isArray(event.data) ? String(event.data[0]) : '';
  if (header.includes('"name":"crash-error')) {
    event.stopImmediatePropagation();
    throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded (e2e stand-in)');
  }
  if (header.includes('"name":"crash-silent')) {
    event.stopImmediatePropagation();
    self.close();
  }
});
`;

let server; // the app as built
let dying; // the same, with the dying worker's trigger in front of its loader
let browser;
let axeSource;
const reports = {};

before(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  reports.earlier = {
    name: 'luton-2021-focused-visit.txt',
    text: await readFile(join(ROOT, 'www/samples/luton-2021-focused-visit.txt'), 'utf8'),
  };
  reports.later = {
    name: 'luton-2023-news-article.txt',
    text: await readFile(join(ROOT, 'www/samples/luton-2023-news-article.txt'), 'utf8'),
  };
  server = await startServer(DIST, PREFIX);
  const dies = (js) => DYING_WORKER + js;
  dying = await startServer(DIST, PREFIX, { replace: { [LOADER]: dies, [PDF_LOADER]: dies } });
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
  await dying?.close();
});

/** A fresh context on `at` (a server), recording requests, console, page errors, dialogs. */
async function open(at, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, ...options });
  const page = await context.newPage();
  const log = { requests: [], console: [], pageErrors: [], dialogs: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(at.url);
  await page.locator('[data-dropzone]').waitFor();
  return { context, page, log };
}

/** Nothing went to another host; no console error, page error or dialog. */
function assertClean(at, log) {
  const foreign = log.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== at.origin);
  assert.deepEqual(foreign, [], 'requests to another host');
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.dialogs, [], 'dialogs opened');
}

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

/** Drops files ({ name, bytes: Buffer } or { name, text }) with real drag events. */
async function drop(page, files, selector = '[data-dropzone]') {
  const list = files.map((f) => ({ name: f.name, type: f.type ?? '', base64: (f.bytes ?? Buffer.from(f.text)).toString('base64') }));
  await page.evaluate(({ list, selector }) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const raw = atob(f.base64);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const target = document.querySelector(selector);
    const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, init));
  }, { list, selector });
}

const card = (page, slot) => page.locator(`[data-card=${slot}]`);
/** What a card says about its report (its heading changes with the other card). */
const facts = (page, slot) => card(page, slot).locator('.file-name, .doc-title, .facts').allInnerTexts();

/** Waits until the card names `name` and nothing is being read. */
async function cardFor(page, slot, name) {
  await page.waitForFunction(
    ({ slot, name }) => document.querySelector(`[data-card=${slot}] .file-name`)?.textContent.includes(name) && !document.querySelector('.busy'),
    { slot, name },
    { timeout: 30_000 },
  );
  return card(page, slot).innerText();
}

const loaderFetches = (at, loader = LOADER) => at.requests.filter((r) => r.path === `${PREFIX}${loader}`).length;

/** Polls `check` (in Node) until true, for up to 10 s. */
async function until(check, what) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.ok(check(), what);
}

// ---- hostile files ----

/** Bytes that look like nothing: a fixed pseudo-random sequence with NULs in it. */
function noise(length) {
  const out = Buffer.alloc(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = i % 7 === 0 ? 0 : x & 0xff;
  }
  return out;
}

/** A minimal zip archive (one stored file), which is not a Word document. */
function zip(name, text) {
  const data = Buffer.from(text);
  const file = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const centralAt = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

/** A small real PDF (one page of text), for cutting short. */
function pdf() {
  const text = 'BT /F1 12 Tf 72 720 Td (Inspection of children\'s services, 18 June 2024. Leaders have improved practice.) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const PARAGRAPH =
  'Inspection of children’s services, 18 June 2024.\n\nLeaders have improved the quality of practice for children in need of help and protection. Managers now check plans regularly.\n';

// expect: 'refused' — the card says it can't be read, with a reason matching `reason`;
// 'read' — the card shows the report (and `note`, if given, among its notes).
const HOSTILE = [
  { name: 'empty.txt', bytes: Buffer.alloc(0), expect: 'refused', reason: /empty/i },
  { name: 'blank.txt', bytes: Buffer.from(' \n\t\n   \r\n'), expect: 'refused', reason: /empty|no text/i },
  { name: 'noise.pdf', bytes: noise(2048), expect: 'refused', reason: /binary|not a (text|PDF)|PDF/i },
  { name: 'noise.docx', bytes: noise(2048), expect: 'refused', reason: /Word|docx|zip/i },
  { name: 'noise.txt', bytes: noise(2048), expect: 'refused', reason: /binary|not a text/i },
  { name: 'cut-off.pdf', bytes: pdf().subarray(0, 300), expect: 'refused', reason: /PDF/ },
  { name: 'not-word.docx', bytes: zip('notes.txt', 'Not a Word document, only a zip with a text file in it.\n'), expect: 'refused', reason: /Word|docx/i },
  { name: 'only-scripts.html', bytes: Buffer.from('<!doctype html><html><head><script>alert("from the report")</script></head><body><script>document.title = "ran"</script></body></html>'), expect: 'either', reason: /text|empty|paragraph/i, note: /No paragraphs of report text|no text/i },
  { name: 'utf16.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PARAGRAPH, 'utf16le')]), expect: 'read' },
  { name: 'latin1.txt', bytes: Buffer.from(PARAGRAPH.replace('’', '\u00e9'), 'latin1'), expect: 'either', reason: /UTF-8/, note: /UTF-8/ },
];

/** A reason a person can read: a sentence, not an exception or a stack. */
function assertHuman(reason, name) {
  assert.ok(reason.length >= 15, `${name}: a reason in words: "${reason}"`);
  assert.doesNotMatch(reason, /panick|unreachable|RuntimeError|TypeError|Error:|undefined|\bat .*\.(rs|js):\d/, `${name}: no technical error: "${reason}"`);
}

test('hostile files, read in the worker: each refused in words on its own card; the other report stays; the page still compares', async () => {
  const { context, page, log } = await open(server);
  await drop(page, [reports.earlier], '[data-card=earlier]');
  await cardFor(page, 'earlier', reports.earlier.name);
  const kept = await facts(page, 'earlier');
  const fetchesBefore = loaderFetches(server);
  const pdfFetchesBefore = loaderFetches(server, PDF_LOADER);
  for (const f of HOSTILE) {
    await drop(page, [f], '[data-card=later]');
    const text = await cardFor(page, 'later', f.name);
    const refused = await card(page, 'later').evaluate((e) => e.classList.contains('failed'));
    assert.equal(await page.locator('[data-crashed]').count(), 0, `${f.name}: the reader did not die on it`);
    if (f.expect === 'refused' || (f.expect === 'either' && refused)) {
      assert.ok(refused, `${f.name}: refused, not read: ${text}`);
      const reason = text.split('can’t be read: ')[1] ?? '';
      assertHuman(reason, f.name);
      assert.match(reason, f.reason, `${f.name}: the reason says why: "${reason}"`);
      const status = await page.locator('[role=status]').textContent();
      assert.ok(status.includes(`Could not read ${f.name}`), `${f.name}: said in the status line too: ${status}`);
      assert.equal(await page.locator('.overview').count(), 0, `${f.name}: nothing compared with it`);
    } else {
      assert.ok(!refused, `${f.name}: read, not refused: ${text}`);
      if (f.note) assert.match(text, f.note, `${f.name}: the card says what was odd about it`);
      if (f.name === 'utf16.txt') assert.match(text, /Dated 18 June 2024/, 'UTF-16 decoded: the date was found');
    }
    // The other report is untouched, and no script in a report ran.
    assert.deepEqual(await facts(page, 'earlier'), kept, `${f.name}: the earlier report stays`);
    assert.equal(await page.title(), 'report-compare');
  }
  assert.equal(loaderFetches(server), fetchesBefore, 'one worker read them all (none died)');
  assert.ok(loaderFetches(server, PDF_LOADER) <= pdfFetchesBefore + 1, 'one PDF reader read the PDFs (none died)');
  await assertAccessible(page, 'a refused file beside a read one');
  // Still usable: a good later report replaces the last hostile one and is compared.
  await drop(page, [reports.later], '[data-card=later]');
  await page.locator('.overview .theme-row').first().waitFor({ timeout: 30_000 });
  assert.ok((await page.locator('#headline').innerText()).length > 10);
  assertClean(server, log);
  await context.close();
});

// ---- the reader dies ----

/** The console lines the app writes when its worker dies (warnings, by design). */
const deathNotes = (log) => log.console.filter((m) => /the reader \(Web Worker\) stopped/.test(m.text));

test('the reader dies while reading (an error event): said in words on the card, the other report kept, a fresh reader reads the next file', async () => {
  const { context, page, log } = await open(dying);
  await drop(page, [reports.earlier], '[data-card=earlier]');
  await cardFor(page, 'earlier', reports.earlier.name);
  const kept = await facts(page, 'earlier');
  const fetches = loaderFetches(dying, PDF_LOADER);

  await drop(page, [{ name: 'crash-error.pdf', bytes: pdf() }], '[data-card=later]');
  const text = await cardFor(page, 'later', 'crash-error.pdf');
  assert.match(text, /Reading stopped: the reader ran out of memory or crashed\. Try again, or use a smaller file/);
  assert.equal(await page.locator('[data-card=later] [data-crashed]').count(), 1);
  const status = page.locator('[role=status].error');
  assert.match(
    await status.textContent(),
    /^Reading “crash-error\.pdf” stopped: the reader ran out of memory or crashed\. The other report, luton-2021-focused-visit\.txt, is kept; try again, or use a smaller file\./,
  );
  assert.ok(await status.isVisible(), 'the status line is shown, not only read out');
  assert.deepEqual(await facts(page, 'earlier'), kept, 'the earlier report stays');
  assert.equal(await page.locator('.busy').count(), 0, 'no progress bar left spinning');
  assert.equal(deathNotes(log).length, 1, 'the browser’s detail went to the console');
  // The PDF reader started for the file and died; a fresh one was started.
  await until(() => loaderFetches(dying, PDF_LOADER) === fetches + 2, 'a fresh worker was started');
  await assertAccessible(page, 'the reader crashed');
  await page.screenshot({ path: join(HERE, 'screenshots', 'worker-crashed.png') });

  // The fresh worker reads the next file and compares the two.
  await drop(page, [reports.later], '[data-card=later]');
  await page.locator('.overview .theme-row').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-crashed]').count(), 0);
  assertClean(dying, log);
  await context.close();
});

test('the reader ends without a word (no error event): noticed all the same; of two files dropped together the other is read', async () => {
  const { context, page, log } = await open(dying, { viewport: { width: 360, height: 800 } });
  const fetches = loaderFetches(dying);
  // Two at once, the dying one first: its card says so, the fresh worker reads the second.
  await drop(page, [{ name: 'crash-silent.txt', text: 'Any text: the worker ends before reading it.' }, reports.later]);
  await page.locator('[data-crashed]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('.busy'));
  const cards = await page.locator('.cards').innerText();
  assert.match(cards, /crash-silent\.txt\s*Reading stopped: the reader ran out of memory or crashed/);
  assert.match(cards, /luton-2023-news-article\.txt[\s\S]*findings/);
  const status = await page.locator('[role=status]').textContent();
  assert.match(status, /Reading “crash-silent\.txt” stopped: .*The other report, luton-2023-news-article\.txt, is kept/);
  assert.match(status, /Read luton-2023-news-article\.txt: \d+ findings/);
  assert.equal(deathNotes(log).length, 1);
  assert.match(deathNotes(log)[0].text, /without an error message/);
  // The first worker starts with the drop (none before: a page starts it with its first
  // job), then a fresh one after it ended.
  assert.equal(loaderFetches(dying), fetches + 2, 'a fresh worker after the first one ended');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `fits 360 px (overflow ${overflow}px)`);
  await assertAccessible(page, 'the reader ended (360 px)');

  // The crashed card takes the next file; the two are compared.
  await drop(page, [reports.earlier]);
  await page.locator('.overview .theme-row').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-crashed]').count(), 0);
  assertClean(dying, log);
  await context.close();
});
