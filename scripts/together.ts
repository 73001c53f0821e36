/**
 * Runs test files in this one process, one after another: `node --import tsx --test-reporter=spec
 * scripts/together.ts FILE...`. Each file run by `node --test` pays its own start (tsx, then the server's
 * module graph: 3-4 s idle, 10-15 s on a busy machine); a stage of twenty files paid that twenty times.
 * Files still get their own server and database (each creates them in `before`), and test/ files restore
 * any environment variable they change, so they do not see each other.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
