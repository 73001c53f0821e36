/** Output for people (tables, short lines) or, with --json, exactly what the API returned. */
import { AsyncLocalStorage } from 'node:async_hooks';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Where a command writes: the process's streams, or a test's buffers. */
export interface Io {
  stdout: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };
  stderr: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };
}

const processIo: Io = { stdout: process.stdout, stderr: process.stderr };
// Per call of main(), so several in-process runs (tests) never write into each other's buffers.
const current = new AsyncLocalStorage<Io>();
export const io = (): Io => current.getStore() ?? processIo;
export const withIo = <T>(value: Io, fn: () => Promise<T>): Promise<T> => current.run(value, fn);

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' '));
  const widths = columns.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => text(r[c]).length))));
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => fit(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...rows.map((r) => line(columns.map((c) => text(r[c]))))].join(
    '\n',
  );
}

export interface ProblemBody {
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** The API's problem, in the same words, without the JSON. */
export function describeProblem(status: number, body: unknown): string {
  const p = (body && typeof body === 'object' ? body : {}) as ProblemBody;
  const head = p.detail ?? p.title ?? `Request failed with status ${status}.`;
  const fields = (p.errors ?? []).slice(0, 50).map((e) => `  ${e.path || '/'}: ${e.message}`);
  const more = (p.errors?.length ?? 0) > 50 ? [`  … and ${p.errors!.length - 50} more`] : [];
  return [head, ...fields, ...more].join('\n');
}

export const write = (s: string | Uint8Array) => void io().stdout.write(s);
export const print = (s: string) => write(`${s}\n`);
export const json = (v: unknown) => print(JSON.stringify(v, null, 2));
/** Notes for people (progress, where a file goes) that scripts reading stdout must not see. */
export const note = (s: string | Uint8Array) => void io().stderr.write(s);
