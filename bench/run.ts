// `npm run bench [section]`: figures, not pass/fail. Each section measures its own baseline in the same run.
// Sections: api, latency, documents, documents-http, challenger, cli (when bench/cli.ts exists).
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { apiBenchmark } from './api.ts';
import { documentsHttpBenchmark } from './documents-http.ts';
import { latencyBenchmark } from './latency.ts';

const SECTIONS = ['api', 'latency', 'documents', 'documents-http', 'challenger', 'cli'];
const first = process.argv[2];
// A name that is no section (a typo, --help) used to run every section, which takes many minutes.
if (first === '--help' || first === '-h' || (first && !first.startsWith('--') && !SECTIONS.includes(first))) {
  console.error(`Usage: npm run bench [${SECTIONS.join('|')}] [--flags of that section]; no section runs them all.`);
  process.exit(first.startsWith('-') ? 0 : 2);
}

console.log(
  `# Vetted benchmarks (node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
const only = first?.startsWith('--') ? undefined : first;
const wanted = (name: string) => !only || only === name;
if (wanted('api')) await apiBenchmark();
if (wanted('latency')) await latencyBenchmark();
if (wanted('documents')) {
  console.log('\n## Documents (the whole pack for one opportunity)');
  await import('./documents.ts');
}
if (wanted('documents-http')) await documentsHttpBenchmark();
if (wanted('challenger')) await import('./challenger.ts');

// CLI start-up: bench/cli.ts is written separately; it runs here once it exists (its module prints its
// section when imported, like documents.ts).
const cli = join(import.meta.dirname, 'cli.ts');
if (wanted('cli') && existsSync(cli)) {
  console.log('\n## CLI start-up');
  await import(cli);
}
console.log(`\n(load average at the end: ${loadavg()[0]!.toFixed(2)})`);
