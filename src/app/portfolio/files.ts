import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { PORTFOLIO_FORMAT, Portfolio } from '../../schema/index.ts';
import { check } from '../../schema/validate.ts';
import type { AppContext } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { createWorkspace, listWorkspaces } from '../workspaces.ts';
import { opportunitiesFromCsv } from './csv.ts';
import type { ImportInput } from './import.ts';

/**
 * What a file holds, whatever its kind: a CSV of ideas, one opportunity, an array of them, or a whole
 * portfolio (which also names its workspace and members).
 */
export function parseImport(text: string, kind: 'csv' | 'json'): ImportInput & { workspace?: Portfolio['workspace'] } {
  if (kind === 'csv') return opportunitiesFromCsv(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(`The file is not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(data)) return { opportunities: data };
  if (data && typeof data === 'object' && (data as { format?: unknown }).format === PORTFOLIO_FORMAT) {
    const p = data as Portfolio;
    const head = check(Portfolio, { ...p, opportunities: [] });
    if (!head.ok) throw invalid('The portfolio file is not valid.', head.errors);
    return {
      workspace: p.workspace,
      members: p.members ?? [],
      ...(p.strategy ? { strategy: p.strategy } : {}),
      opportunities: p.opportunities,
    };
  }
  return { opportunities: [data] };
}

export async function readImportFile(path: string) {
  const kind = extname(path).toLowerCase() === '.csv' ? 'csv' : 'json';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError(
      400,
      'Cannot read file',
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  return parseImport(text, kind);
}

/** Make sure a portfolio's workspace exists before importing into it; returns its slug. */
export async function ensureWorkspace(
  ctx: AppContext,
  ws: Portfolio['workspace'],
  members: Portfolio['members'] = [],
): Promise<string> {
  const existing = await listWorkspaces(ctx);
  if (!existing.some((w) => w.slug === ws.slug)) {
    const owner = members.find((m) => m.role === 'owner') ?? { name: 'Owner' };
    await createWorkspace(ctx, ws, { name: owner.name, ...(owner.email ? { email: owner.email } : {}) });
  }
  return ws.slug;
}
