// Builds what `bin/vetted.js` runs and what the package ships:
//   dist/cli/   the server and CLI, bundled by esbuild from src/cli/main.ts, one chunk per lazily loaded part
//   dist/web/   the React app (Vite), checked against its initial-JavaScript budget
//   dist/.built the stamp `--if-stale` compares with the sources
// Plain JavaScript, not TypeScript: `bin/vetted.js` imports `isStale` from here, and it must not need tsx.
//
// Usage: node scripts/build.js [--if-stale] [--server-only]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/**
 * The opportunity validator of `vetted challenge --file`, compiled now rather than at every run: Ajv's
 * standalone code for the schema, from an Ajv made with the API's options and formats
 * (src/schema/validate.ts). Before it replaces src/cli/opportunity-validator.ts it must give the same
 * verdicts and errors as the validator compiled at run time, on every opportunity of the sample portfolio
 * and on a broken file.
 */
async function precompiledOpportunityValidator(build) {
  const generator = await build({
    absWorkingDir: root,
    stdin: {
      resolveDir: root,
      sourcefile: 'opportunity-validator-generator.ts',
      loader: 'ts',
      contents: `
        import { isDeepStrictEqual } from 'node:util';
        import { Ajv } from 'ajv';
        import addFormats from 'ajv-formats';
        import standaloneCode from 'ajv/dist/standalone/index.js';
        import { Opportunity } from './src/schema/opportunity.ts';
        import { strictAjv } from './src/schema/validate.ts';
        import { opportunityValidator } from './src/cli/opportunity-validator.ts';
        import portfolio from './src/sample/portfolio.json' with { type: 'json' };
        export function generate() {
          const { code, ...opts } = strictAjv.opts;
          const ajv = new Ajv({ ...opts, code: { ...code, source: true, esm: true } });
          addFormats.default(ajv);
          if (!isDeepStrictEqual(Object.keys(ajv.formats), Object.keys(strictAjv.formats)))
            throw new Error('the precompiled validator would not know the same formats as the API');
          return standaloneCode.default(ajv, ajv.compile(Opportunity));
        }
        export function samples() {
          const broken = { idea: { title: '' }, evidence: 'none', extra: 1, assessments: [{ scores: { x: { score: 9 } } }] };
          return [...portfolio.opportunities, broken].map((o) => structuredClone(o));
        }
        export const atRunTime = opportunityValidator;
      `,
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    write: false,
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const dir = mkdtempSync(join(tmpdir(), 'vetted-build-'));
  try {
    const file = join(dir, 'generator.mjs');
    writeFileSync(file, generator.outputFiles[0].text);
    const { generate, samples, atRunTime } = await import(pathToFileURL(file).href);
    const code = generate();
    const checkFile = join(dir, 'validator.mjs');
    writeFileSync(
      checkFile,
      code
        .replace(/require\("([^"]+)"\)/g, (_, m) => `__req(${JSON.stringify(m)})`)
        .replace(
          '"use strict";',
          `"use strict";import { createRequire as __cr } from 'node:module';const __req = __cr(${JSON.stringify(join(root, 'package.json'))});`,
        ),
    );
    const precompiled = (await import(pathToFileURL(checkFile).href)).default;
    const reference = atRunTime();
    const [a, b] = [samples(), samples()];
    for (let i = 0; i < a.length; i++) {
      const same =
        precompiled(a[i]) === reference(b[i]) &&
        JSON.stringify(precompiled.errors) === JSON.stringify(reference.errors) &&
        JSON.stringify(a[i]) === JSON.stringify(b[i]);
      if (!same) throw new Error(`the precompiled opportunity validator disagrees with Ajv's on sample ${i}`);
    }
    return code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function buildServer() {
  const { build } = await import('esbuild');
  const validator = await precompiledOpportunityValidator(build);
  rmSync(out, { recursive: true, force: true });
  await build({
    plugins: [
      {
        name: 'precompiled-opportunity-validator',
        setup(b) {
          const source = join(root, 'src', 'cli', 'opportunity-validator.ts');
          b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]opportunity-validator\.ts$/ }, (args) =>
            args.path === source
              ? {
                  contents:
                    "import validate from 'vetted:opportunity-validator'; export const opportunityValidator = () => validate;",
                  loader: 'js',
                }
              : undefined,
          );
          b.onResolve({ filter: /^vetted:opportunity-validator$/ }, () => ({
            path: 'opportunity-validator.js',
            namespace: 'vetted-precompiled',
          }));
          b.onLoad({ filter: /.*/, namespace: 'vetted-precompiled' }, () => ({
            contents: validator,
            loader: 'js',
            resolveDir: root,
          }));
        },
      },
    ],
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
