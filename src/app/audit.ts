import { and, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { csvCell } from '../domain/csv.ts';
import type { AuditEntry } from '../schema/index.ts';
import { auditEntries, workspaces } from '../store/schema.ts';
import { type AppContext, iso, newId, nowOf } from './context.ts';

/** What one write leaves in the audit log (src/api/audit.ts decides when to write one). */
export interface AuditRecord {
  workspaceId: string | null;
  userId: string | null;
  memberId: string | null;
  actor: string;
  action: string;
  target: string;
  status: number;
  before: unknown;
  after: unknown;
}

export async function recordAudit(ctx: AppContext, entry: AuditRecord) {
  await ctx.store.db.insert(auditEntries).values({ id: newId(), at: nowOf(ctx), ...entry });
}

/**
 * Newest first, a page at a time: `before` is the last id of the previous page (ids are UUIDv7, so they
 * sort by time). `workspaceId` null: the install's own entries (workspaces created, sign-in settings).
 */
export async function listAudit(
  ctx: AppContext,
  workspaceId: string | null,
  limit: number,
  before?: string,
): Promise<{ items: AuditEntry[]; next: string | null }> {
  const where: SQL[] = [workspaceId ? eq(auditEntries.workspaceId, workspaceId) : isNull(auditEntries.workspaceId)];
  if (before) where.push(lt(auditEntries.id, before));
  const rows = await ctx.store.db
    .select({ e: auditEntries, slug: workspaces.slug })
    .from(auditEntries)
    .leftJoin(workspaces, eq(workspaces.id, auditEntries.workspaceId))
    .where(and(...where))
    .orderBy(desc(auditEntries.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ e, slug }) => ({
    id: e.id,
    at: iso(e.at),
    workspace: slug,
    actor: e.actor,
    memberId: e.memberId,
    action: e.action,
    target: e.target,
    status: e.status,
    before: e.before ?? null,
    after: e.after ?? null,
  }));
  return { items, next: rows.length > limit ? items[items.length - 1]!.id : null };
}

const CSV_COLUMNS = ['at', 'workspace', 'actor', 'action', 'target', 'status', 'before', 'after'] as const;
export const auditCsv = (items: AuditEntry[]) =>
  `${CSV_COLUMNS.join(',')}\n${items.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')).join('\n')}\n`;
