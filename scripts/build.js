// Builds what `bin/vetted.js` runs and what the package ships:
//   dist/cli/   the server and CLI, bundled by esbuild from src/cli/main.ts, one chunk per lazily loaded part
//   dist/web/   the React app (Vite), checked against its initial-JavaScript budget
//   dist/.built the stamp `--if-stale` compares with the sources
// Plain JavaScript, not TypeScript: `bin/vetted.js` imports `isStale` from here, and it must not need tsx.
//
// Usage: node scripts/build.js [--if-stale] [--server-only]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/**
 * What a module exports, as text that changes when anything in it does: key order, regular expressions and
 * functions included, shared objects written out where they appear (only true cycles are cut). Run in a
 * fresh process (below), so no other module has touched what it reads. Printed as its SHA-256.
 */
const CANONICAL = `
  import { createHash } from 'node:crypto';
  const canon = (v, path = []) => {
    if (typeof v === 'function') return 'fn:' + v.toString();
    if (v === null || typeof v !== 'object') return typeof v + ':' + String(v);
    if (path.includes(v)) return '[cycle]';
    const inner = [...path, v];
    if (v instanceof RegExp) return 're:' + v.toString();
    if (v instanceof Set) return 'set:' + canon([...v], inner);
    if (v instanceof Map) return 'map:' + canon([...v], inner);
    if (Array.isArray(v)) return '[' + v.map((x) => canon(x, inner)).join(',') + ']';
    const proto = Object.getPrototypeOf(v);
    const kind = proto === Object.prototype || proto === null ? '' : (proto.constructor?.name ?? '?');
    return kind + '{' + Object.keys(v).map((k) => JSON.stringify(k) + ':' + canon(v[k], inner)).join(',') + '}';
  };
  const hash = (v) => createHash('sha256').update(canon(v)).digest('hex');
`;

function runModule(code) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/**
 * compromise, the challenger's English tagger, unpacks its packed lexicon and conjugates every verb, noun and
 * adjective in it each time it loads: about a fifth of `vetted challenge --file`. The build does that once:
 * in compromise's preTagger model module, the lexicon import and the expansion give way to their results as
 * JSON, and the module must then export exactly what the original does (compared in fresh processes). If
 * compromise's source is not in the expected shape, or anything differs, the original is bundled unchanged
 * and the build says so.
 */
function precomputedLexicon() {
  const dir = join(dirname(fileURLToPath(import.meta.resolve('compromise'))), '2-two', 'preTagger', 'model');
  const file = join(dir, 'index.js');
  const skip = (why) => {
    console.warn(`scripts/build.js: compromise's lexicon is expanded at run time (${why}).`);
    return null;
  };
  const source = readFileSync(file, 'utf8');
  const pieces = [
    "import { lexicon, switches, frozenLex } from './lexicon/index.js'",
    "import expandLexicon from './_expand/index.js'",
    'model = expandLexicon(model)',
  ];
  if (!pieces.every((p) => source.split(p).length === 2)) return skip('its model module changed shape');
  const original = runModule(`${CANONICAL}
    const { default: model } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const { lexicon, frozenLex, _multiCache } = model.one;
    const { switches, uncountable } = model.two;
    console.log(JSON.stringify({ hash: hash(model), parts: { lexicon, frozenLex, _multiCache, switches, uncountable } }));
  `);
  const contents =
    `const __expanded = JSON.parse(${JSON.stringify(JSON.stringify(original.parts))});\n` +
    source
      .replace(pieces[0], 'const { lexicon, switches, frozenLex } = __expanded')
      .replace(pieces[1], '')
      .replace(
        pieces[2],
        'model.one._multiCache = __expanded._multiCache; model.two.uncountable = __expanded.uncountable',
      );
  const tmp = mkdtempSync(join(tmpdir(), 'vetted-lexicon-'));
  try {
    const check = join(tmp, 'model.mjs');
    writeFileSync(
      check,
      contents.replace(/from '\.\/([^']+)'/g, (_, rel) => `from ${JSON.stringify(pathToFileURL(join(dir, rel)).href)}`),
    );
    const rebuilt = runModule(`${CANONICAL}
      const { default: model } = await import(${JSON.stringify(pathToFileURL(check).href)});
      console.log(JSON.stringify({ hash: hash(model) }));
    `);
    if (rebuilt.hash !== original.hash) return skip('the precomputed model differs from the original');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { file, dir, contents };
}

async function buildServer() {
  const { build } = await import('esbuild');
  const validator = await precompiledOpportunityValidator(build);
  const lexicon = precomputedLexicon();
  rmSync(out, { recursive: true, force: true });
  await build({
    plugins: [
      {
        name: 'precomputed-lexicon',
        setup(b) {
          if (!lexicon) return;
          b.onLoad({ filter: /[\\/]preTagger[\\/]model[\\/]index\.js$/ }, (args) =>
            args.path === lexicon.file
              ? { contents: lexicon.contents, loader: 'js', resolveDir: lexicon.dir }
              : undefined,
          );
        },
      },
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
    // The threads' scripts (src/documents/office-thread.ts, src/store/pglite-thread.ts) sit beside the chunks.
    entryPoints: {
      main: 'src/cli/main.ts',
      'office-worker': 'src/documents/office-worker.ts',
      'pglite-worker': 'src/store/pglite-worker.ts',
    },
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
