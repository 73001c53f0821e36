/**
 * The web app's initial JavaScript: what the browser must fetch before the first page can run (the entry
 * script and every module it preloads), measured gzip-compressed. Fails over the budget.
 * Usage: node --import tsx scripts/check-bundle.ts [dist/web] [budget KB]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = resolve(process.argv[2] ?? 'dist/web');
const budgetKb = Number(process.argv[3] ?? 250);
const html = readFileSync(join(dir, 'index.html'), 'utf8');

const initial = new Set<string>();
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) initial.add(m[1]!);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) initial.add(m[1]!);
if (initial.size === 0) {
  console.error(`No module script in ${join(dir, 'index.html')}: is this a Vite build?`);
  process.exit(1);
}

let raw = 0;
let gzip = 0;
for (const src of initial) {
  const bytes = readFileSync(join(dir, src.replace(/^\//, '')));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += z;
  console.log(`  ${src}  ${(bytes.length / 1024).toFixed(1)} KB, ${(z / 1024).toFixed(1)} KB gzip`);
}
const kb = gzip / 1024;
console.log(
  `Initial JavaScript: ${kb.toFixed(1)} KB gzip (${(raw / 1024).toFixed(1)} KB raw) in ${initial.size} file(s); budget ${budgetKb} KB gzip.`,
);
if (kb > budgetKb) {
  console.error(`Over budget by ${(kb - budgetKb).toFixed(1)} KB: load more of the app lazily.`);
  process.exit(1);
}
