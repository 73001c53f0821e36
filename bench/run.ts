// `npm run bench`: figures, not pass/fail. Each section measures its own baseline in the same run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiBenchmark } from './api.ts';

console.log(`# Vetted benchmarks (node ${process.version}, ${(await import('node:os')).cpus().length} cores)`);
const only = process.argv[2];
if (!only || only === 'api') await apiBenchmark();
if ((!only || only === 'documents') && existsSync(join(import.meta.dirname, 'documents.ts'))) {
  await import('./documents.ts');
}
