// `npm run bench`: figures, not pass/fail. Each section measures its own baseline in the same run.
import { cpus } from 'node:os';
import { apiBenchmark } from './api.ts';

console.log(`# Vetted benchmarks (node ${process.version}, ${cpus().length} cores)`);
const only = process.argv[2];
if (!only || only === 'api') await apiBenchmark();
if (!only || only === 'documents') {
  console.log('\n## Documents (the whole pack for one opportunity)');
  await import('./documents.ts');
}
