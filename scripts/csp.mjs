// After `trunk build`: makes the built page's Content-Security-Policy strict. Trunk's
// bootstrap (`import init …; await init(…)`) is an inline module script, so the source
// index.html allows 'unsafe-inline' (also needed by `trunk serve`'s reload script); here
// every inline <script> of the built page is hashed (sha256) and 'unsafe-inline' is
// replaced by those hashes. Fails if the policy would still allow inline or eval'd code.
// Usage: node scripts/csp.mjs DIST_DIR/index.html
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
let html = readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);
const meta = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/;
const found = html.match(meta);
if (!found) throw new Error(`${file}: no Content-Security-Policy <meta>`);
const policy = found[2].replace(/\s*'unsafe-inline'/g, '').replace(
  /script-src 'self'/,
  `script-src 'self'${hashes.map((h) => ` ${h}`).join('')}`,
);
if (/'unsafe-inline'|'unsafe-eval'/.test(policy)) throw new Error(`CSP still unsafe: ${policy}`);
if (/<style[\s>]|\sstyle="/.test(html)) throw new Error(`${file}: inline styles break style-src 'self'`);
html = html.replace(meta, `$1${policy}$3`);
writeFileSync(file, html);
console.log(`CSP: ${hashes.length} inline script(s) hashed`);
