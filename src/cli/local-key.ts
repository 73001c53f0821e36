import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { localKeyPathFor } from '../store/paths.ts';

/**
 * `vetted serve` on the embedded database writes a fresh local key beside its lock, readable by the
 * machine's user only; a CLI that finds the server through the lock sends it, so local use needs no sign-in
 * (src/api/identity.ts). Removed (and its file replaced, never followed through a link) at every start.
 */
export function writeLocalKey(dataDir: string): { key: string; remove(): void } {
  const path = localKeyPathFor(dataDir);
  const key = randomBytes(32).toString('base64url');
  rmSync(path, { force: true });
  writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  return { key, remove: () => rmSync(path, { force: true }) };
}

export function readLocalKey(dataDir: string): string | undefined {
  try {
    return readFileSync(localKeyPathFor(dataDir), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
