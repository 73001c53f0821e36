import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The CLI's own settings: the servers `vetted login` signed into, each with its personal API token. The
 * file holds secrets, so it is written with mode 0600 in a 0700 folder, whole (a temporary file renamed
 * into place), and never printed.
 */
export interface CliConfig {
  /** The server commands use when neither --server nor VETTED_SERVER says otherwise. */
  server?: string;
  servers: Record<string, { token: string; tokenId: string; email: string }>;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VETTED_CONFIG) return env.VETTED_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'vetted', 'config.json');
}

export function readConfig(path = configPath()): CliConfig {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CliConfig>;
    return { ...(parsed.server ? { server: parsed.server } : {}), servers: parsed.servers ?? {} };
  } catch {
    return { servers: {} };
  }
}

export function writeConfig(config: CliConfig, path = configPath()) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** A server URL as the config keys it: no trailing slash. */
export const serverKey = (url: string) => url.trim().replace(/\/+$/, '');
