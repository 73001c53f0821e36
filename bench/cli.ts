/**
 * How fast the compiled `vetted` command starts, for the commands people type most: each as the median
 * wall time of several runs and as a multiple of `node -e 0` measured in the same run (so a busy machine
 * shows as a busy machine, not as a slow CLI).
 * Usage: node --import tsx bench/cli.ts [runs], or node --import tsx bench/run.ts cli [--runs N]
 * (or import { runCliBench } from bench/cli.ts)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'vetted.js');

export interface CliBenchResult {
  name: string;
  /** Median wall time, seconds. */
  seconds: number;
  /** The same divided by `node -e 0`'s median. */
  ratio: number;
  /** The goal for this command on this kind of machine, seconds. */
  target?: number;
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(args: string[], env: NodeJS.ProcessEnv, runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 120_000 });
    ms.push(performance.now() - started);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  }
  return median(ms) / 1000;
}

async function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (d) => {
      seen += String(d);
      const m = /running at (http:\/\/\S+)/.exec(seen);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`vetted serve exited ${code}: ${seen}`)));
  });
  return { child, url };
}

export async function runCliBench(runs = 5): Promise<CliBenchResult[]> {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const dir = mkdtempSync(join(tmpdir(), 'vetted-bench-cli-'));
  const env = {
    ...process.env,
    VETTED_DATA_DIR: join(dir, 'data'),
    VETTED_SERVER: '',
    VETTED_WORKSPACE: '',
    VETTED_ACTOR: '',
    DATABASE_URL: '',
  };
  try {
    // An embedded database with the sample portfolio (from the test template when there is one: no initdb).
    const template = process.env.VETTED_TEST_TEMPLATE;
    if (template) {
      const { openEmbeddedStore } = await import('../src/store/database.ts');
      await (await openEmbeddedStore(env.VETTED_DATA_DIR, new Blob([readFileSync(template)]))).close();
    }
    time([BIN, 'demo'], env, 1);
    const { loadSamplePortfolio } = await import('../src/sample/index.ts');
    const file = join(dir, 'opportunity.json');
    const weak = loadSamplePortfolio().opportunities.find((o) => o.idea.title.startsWith('Backhaul marketplace'))!;
    writeFileSync(file, JSON.stringify({ format: 'vetted.opportunity/v1', ...weak }));

    const node = time(['-e', '0'], env, runs);
    const row = (name: string, seconds: number, target?: number): CliBenchResult => ({
      name,
      seconds,
      ratio: seconds / node,
      ...(target ? { target } : {}),
    });
    const results = [
      row('node -e 0', node),
      row('vetted help', time([BIN, 'help'], env, runs), 0.3),
      row('vetted challenge --file x.json', time([BIN, 'challenge', '--file', file], env, runs), 0.8),
      row('vetted idea list (embedded database)', time([BIN, 'idea', 'list'], env, runs), 1.5),
    ];
    const { child, url } = await serve(env);
    try {
      time([BIN, 'idea', 'list'], env, 1); // the server's first answer warms its caches
      results.push(row(`vetted idea list (through ${url})`, time([BIN, 'idea', 'list'], env, runs), 0.4));
      results.push(
        row('vetted challenge 15 (through the server)', time([BIN, 'challenge', '15', '--json'], env, runs), 0.4),
      );
    } finally {
      child.kill();
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printCliBench(results: CliBenchResult[]) {
  console.log(
    `CLI start-up (median; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  for (const r of results) {
    const goal = r.target ? `  target ${r.target.toFixed(2)} s ${r.seconds <= r.target ? 'met' : 'MISSED'}` : '';
    console.log(`  ${r.name.padEnd(52)} ${r.seconds.toFixed(3)} s  x${r.ratio.toFixed(1)}${goal}`);
  }
}

// Run directly (`node --import tsx bench/cli.ts [runs]`), or as the cli section of bench/run.ts (`--runs N`),
// which imports this module and expects it to print its section.
const entry = process.argv[1] ?? '';
if (entry === import.meta.filename || entry.endsWith(join('bench', 'run.ts'))) {
  const flag = process.argv.indexOf('--runs');
  const runs = Number(
    flag >= 0 ? process.argv[flag + 1] : entry === import.meta.filename ? process.argv[2] : undefined,
  );
  printCliBench(await runCliBench(Number.isFinite(runs) && runs > 0 ? runs : 5));
}
