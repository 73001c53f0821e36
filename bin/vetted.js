#!/usr/bin/env node
// The `vetted` command: compiled JavaScript from dist/ (`npm run build`; `npm start` and `npm pack` build
// first), so no TypeScript compiler runs at start.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+: keeps V8's compiled code between runs (no-op where unsupported).
module.enableCompileCache?.();

const entry = new URL('../dist/cli/main.js', import.meta.url);
// A source checkout (src/ beside bin/) may have been edited since the last build: say so rather than run
// old code silently. An installed package has no src/ and skips this.
if (existsSync(new URL('../src/cli/main.ts', import.meta.url))) {
  const { isStale } = await import('../scripts/build.js');
  if (!existsSync(entry)) {
    process.stderr.write('vetted: not built yet. Run `npm run build` (or `npm start`), then try again.\n');
    process.exit(1);
  }
  if (isStale()) process.stderr.write('vetted: dist/ is older than the sources; run `npm run build` to update it.\n');
}

// `vetted idea list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// Exit once stdout is flushed, even if a stray handle (a half-open socket to a hung server) remains.
process.stdout.write('', () => process.exit(code));
