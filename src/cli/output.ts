/** Output for people (tables, short lines) or, with --json, exactly what the API returned. */

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

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

export const print = (s: string) => process.stdout.write(`${s}\n`);
export const json = (v: unknown) => print(JSON.stringify(v, null, 2));
