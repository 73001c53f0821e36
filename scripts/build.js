// Builds what `bin/vetted.js` runs and what the package ships:
//   dist/cli/   the server and CLI, bundled by esbuild from src/cli/main.ts, one chunk per lazily loaded part
//   dist/web/   the React app (Vite), checked against its initial-JavaScript budget
//   dist/.built the stamp `--if-stale` compares with the sources
// Plain JavaScript, not TypeScript: `bin/vetted.js` imports `isStale` from here, and it must not need tsx.
//
// Usage: node scripts/build.js [--if-stale] [--server-only]
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(dist, 'cli');
export const STAMP = join(dist, '.built');

/**
 * Packages loaded from node_modules at run time rather than bundled: they read files that sit next to their
 * own code (PGlite's WebAssembly and data, pdfkit's fonts, the API reference's assets, static files) or
 * load optional native code (pg-native). Everything else is bundled, which halves start-up: Node pays per
 * module file, and compromise and TypeBox alone are hundreds of them.
 */
export const EXTERNAL = [
  '@electric-sql/pglite',
  '@fastify/static',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  'pdfkit',
  'pg',
  'pg-native',
  'playwright-core',
];

/** Inputs of the build: anything newer than the stamp means dist/ no longer matches the sources. */
const INPUTS = ['src', 'package.json', 'package-lock.json', 'scripts/build.js', 'scripts/check-bundle.ts'];

function newest(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  // A directory's own mtime changes when a file is added, removed or renamed in it.
  let latest = s.mtimeMs;
  for (const e of readdirSync(path)) if (e !== 'node_modules') latest = Math.max(latest, newest(join(path, e)));
  return latest;
}

/** True when dist/ is missing or older than any source it is built from. */
export function isStale() {
  const built = statSync(STAMP, { throwIfNoEntry: false });
  if (!built) return true;
  return INPUTS.some((p) => newest(join(root, p)) > built.mtimeMs);
}

async function buildServer() {
  const { build } = await import('esbuild');
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: EXTERNAL,
    // Every chunk in one folder, so each `import.meta.url` of the sources points at dist/cli/: the copied
    // migrations and sample portfolio sit beside the code, and `../../dist/web` (src/api/web.ts) resolves
    // from dist/cli exactly as it does from src/api.
    chunkNames: '[name]-[hash]',
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __vettedRequire } from 'node:module'; const require = __vettedRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
  cpSync(join(root, 'src', 'store', 'migrations'), join(out, 'migrations'), { recursive: true });
  cpSync(join(root, 'src', 'sample', 'portfolio.json'), join(out, 'portfolio.json'));
}

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed with ${r.status ?? r.signal}`);
}

function buildWeb() {
  run([
    join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'src/web/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
  run(['--import', 'tsx', 'scripts/check-bundle.ts', 'dist/web', '250']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--if-stale') && !isStale()) process.exit(0);
  const started = performance.now();
  await buildServer();
  if (!args.includes('--server-only')) buildWeb();
  // Only a full build matches the sources; a server-only build (while working on the server) leaves the
  // stamp alone, so the next `npm start` still builds the web app.
  if (!args.includes('--server-only')) writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  console.log(`Built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
