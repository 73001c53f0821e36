import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

// Kept apart from database.ts so a CLI that only needs to find a running server's lock file does not load
// PGlite, drizzle and pg.

export function defaultDataDir(): string {
  if (process.env.VETTED_DATA_DIR) return resolve(process.env.VETTED_DATA_DIR);
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'vetted');
}

export const lockPathFor = (dataDir: string) => join(dataDir, 'vetted.lock');

/**
 * The local key of the `vetted serve` holding this data directory: a secret that lets the machine's own
 * user (the CLI beside it) act as any member, as it could by opening the database itself. Mode 0600.
 */
export const localKeyPathFor = (dataDir: string) => join(dataDir, 'local-key');
