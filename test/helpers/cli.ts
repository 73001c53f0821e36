import { type Client, localClient } from '../../src/cli/client.ts';
import { main } from '../../src/cli/main.ts';
import { testStore } from './store.ts';

/** What one `vetted …` run gave: its exit code and everything it wrote. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface InProcessCli {
  client: Client;
  /** Runs `vetted ARGS…` in this process through main(argv), as the command runs, with its output captured. */
  vetted(...args: string[]): Promise<CliRun>;
  /** Closes the database and puts back the environment variables it cleared. */
  close(): Promise<void>;
}

/** The variables that would send the command elsewhere (another workspace, member, server or database). */
const ENVIRONMENT = ['VETTED_WORKSPACE', 'VETTED_ACTOR', 'VETTED_SERVER', 'DATABASE_URL'] as const;

/** The `vetted` command against a fresh test database in this process (test/helpers/store.ts). */
export async function inProcessCli(): Promise<InProcessCli> {
  const saved = ENVIRONMENT.map((k) => [k, process.env[k]] as const);
  for (const k of ENVIRONMENT) process.env[k] = '';
  const client = await localClient({ store: await testStore() });
  const vetted = async (...args: string[]): Promise<CliRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) => ({
      write: (chunk: string | Uint8Array) =>
        into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()) > 0,
    });
    const code = await main(args, { stdout: sink(out), stderr: sink(err), client });
    return { code, out: out.join(''), err: err.join('') };
  };
  return {
    client,
    vetted,
    close: async () => {
      await client.close();
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
