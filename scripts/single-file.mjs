// Makes one self-contained page from a Trunk build: the CSS in a <style>, the wasm-bindgen
// glue and the wasm (base64) of the whole app (the series bundle) in one inline module
// script that instantiates the wasm from bytes (no fetch, so it works from file:// or as an
// e-mail attachment). The CSP keeps its
// strictness: the inline script and style are allowed by their sha256, nothing else.
// The reading worker and the PDF reader go in too: each one's glue and wasm (base64) become
// the text of a `blob:` URL the page starts it from (a file:// page can't start a worker
// from a file), named in `globalThis.reportCompareWorker` and `reportComparePdfReader`;
// the CSP allows `worker-src blob:` for them. The Word
// writer is left out (the app says so and offers the HTML briefing).
// Usage: node scripts/single-file.mjs DIST_DIR OUT.html
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist, out] = process.argv.slice(2);
const pick = (re) => {
  const name = readdirSync(dist).find((f) => re.test(f));
  if (!name) throw new Error(`${dist}: no file matching ${re}`);
  return join(dist, name);
};
let html = readFileSync(join(dist, 'index.html'), 'utf8');
const css = readFileSync(pick(/^style-.*\.css$/), 'utf8');
// The page here is the series bundle (the whole app, series view included; its glue is
// no-modules, as a worker's): one file has nothing to load later, so the lighter page
// that hands over to it for a series is left out.
const glue = readFileSync(join(dist, 'report-compare-series.js'), 'utf8');
const wasm = readFileSync(join(dist, 'report-compare-series_bg.wasm')).toString('base64');
// A worker's own script: its no-modules glue, then its wasm from the inlined bytes; the
// page starts it from a blob: URL of that text.
const inlined = (bin) => {
  const glue = readFileSync(join(dist, `${bin}.js`), 'utf8');
  const wasm = readFileSync(join(dist, `${bin}_bg.wasm`)).toString('base64');
  const source = `${glue}
{
  const text = atob(${JSON.stringify(wasm)});
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  wasm_bindgen({ module_or_path: bytes });
}
`;
  return `URL.createObjectURL(new Blob([${JSON.stringify(source)}], { type: 'text/javascript' }))`;
};

const script = `${glue}
globalThis.reportCompareWorker = ${inlined('report-compare-worker')};
globalThis.reportComparePdfReader = ${inlined('report-compare-pdf')};
{
  const text = atob(${JSON.stringify(wasm)});
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  await wasm_bindgen({ module_or_path: bytes });
}
`;
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

html = html
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`)
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '')
  .replace(/<script type="module">[\s\S]*?<\/script>/, () => `<script type="module">${script}</script>`)
  .replace(/(http-equiv="Content-Security-Policy" content=")([^"]*)"/, (_, head, policy) => {
    const strict = policy
      .replace(/script-src [^;]*/, `script-src ${sha(script)} 'wasm-unsafe-eval'`)
      .replace(/worker-src [^;]*/, 'worker-src blob:')
      .replace(/style-src [^;]*/, `style-src ${sha(css)}`);
    return `${head}${strict}"`;
  });
if (/<script[^>]*\bsrc=|<link[^>]*\bhref="\.\//.test(html)) throw new Error('single file still refers to other files');
if (/'unsafe-inline'|'unsafe-eval'/.test(html.match(/Content-Security-Policy" content="([^"]*)"/)[1])) {
  throw new Error('single file CSP is not strict');
}
writeFileSync(out, html);
console.log(`${out}: ${html.length} bytes`);
