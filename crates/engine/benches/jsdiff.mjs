// Times jsdiff's diffSentences on the bench texts, whole process, for the README's speed
// comparison (scripts/bench.sh runs it after `cargo bench` wrote the texts).
import { diffSentences } from 'diff';
import { readFileSync } from 'fs';
const [a, b] = process.argv.slice(2).map(f => readFileSync(f, 'utf8'));
const t0 = performance.now();
const d = diffSentences(a, b);
console.log(`jsdiff diffSentences ${(performance.now() - t0).toFixed(0)} ms, ${d.length} parts`);
