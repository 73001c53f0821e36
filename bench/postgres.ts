// A PostgreSQL database for the benchmarks: a fresh database on the server named by DATABASE_URL, else a
// throwaway server of our own (the same steps as scripts/with-postgres.sh, on a port of the 54350+ range so
// that it does not collide with the test runs'). Dropped or stopped again by close().
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchPostgres {
  url: string;
  /** Where the server came from, for the report. */
  origin: string;
  close(): Promise<void>;
}

function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(a) - Number(b));
  const last = versions.at(-1);
  return last ? join(root, last, 'bin') : null;
}

const isRoot = () => process.getuid?.() === 0;
// initdb and postgres refuse to run as root.
const asPostgres = (cmd: string, args: string[]) =>
  isRoot()
    ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
    : execFileSync(cmd, args, { stdio: 'pipe' });

async function ownServer(): Promise<{ admin: string; origin: string; stop: () => void } | null> {
  const bin = pgBin();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'vetted-bench-pg-'));
  if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
  asPostgres(join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const base = Number(process.env.VETTED_BENCH_PG_PORT ?? 54350);
  for (let port = base; port < base + 10; port++) {
    try {
      asPostgres(join(bin, 'pg_ctl'), [
        '-D',
        dir,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
        'start',
      ]);
    } catch {
      continue; // port taken by someone else's server: try the next one
    }
    const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
    return {
      admin: `postgres://postgres@127.0.0.1:${port}/postgres`,
      origin: `${version}, own server on 127.0.0.1:${port}`,
      stop: () => {
        try {
          asPostgres(join(bin, 'pg_ctl'), ['-D', dir, '-m', 'fast', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  return null;
}

/** A fresh database, or null (with the reason printed) when there is no PostgreSQL to use. */
export async function benchPostgres(): Promise<BenchPostgres | null> {
  const given = process.env.DATABASE_URL;
  let server: Awaited<ReturnType<typeof ownServer>>;
  try {
    server = given ? { admin: given, origin: 'DATABASE_URL', stop: () => {} } : await ownServer();
  } catch (error) {
    console.log(`(PostgreSQL could not be started: ${(error as Error).message.split('\n')[0]})`);
    return null;
  }
  if (!server) {
    console.log('(PostgreSQL is not installed: `apt-get install postgresql`, or set DATABASE_URL)');
    return null;
  }
  const name = `vetted_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: server.admin });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.admin);
  url.pathname = `/${name}`;
  const stop = server.stop;
  return {
    url: url.toString(),
    origin: server.origin === 'DATABASE_URL' ? `PostgreSQL ${version} from DATABASE_URL` : server.origin,
    close: async () => {
      const c = new pg.Client({ connectionString: server.admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      stop();
    },
  };
}
