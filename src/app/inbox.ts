import { and, count, desc, eq, inArray, isNull, lt, notInArray, type SQL } from 'drizzle-orm';
import { STAGES } from '../methodology/index.ts';
import type { InboxKind, InboxPage, InboxQuery, InboxRead, InboxUnread } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { followers, ideas, inboxItems, members } from '../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { actorRequired, invalid } from './errors.ts';
import { findWorkspace } from './workspaces.ts';

/**
 * The inbox: what changed on the ideas a member follows (their own submissions follow themselves from the
 * start; a mention or a comment makes them follow too), one row per member to tell, written in the same
 * transaction as the change, so an item exists exactly when its change does.
 */

export interface Notice {
  workspaceId: string;
  ideaId: string;
  kind: InboxKind;
  actor: Actor;
  subjectId: string | null;
  summary: string;
  at: Date;
}

/** One line for a list: whitespace folded, cut at a word near `max` characters. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

export const stageName = (id: string) => STAGES.find((s) => s.id === id)?.name ?? id;

/**
 * Tell the idea's followers (never the actor), and `direct` members with their own kind (a mention):
 * those get one item, the direct one, not both. Removed members are told nothing.
 */
export async function notify(tx: Db, notice: Notice, direct: { memberIds: string[]; kind: InboxKind } | null = null) {
  const directIds = new Set(direct?.memberIds ?? []);
  const rows = await tx
    .select({ id: followers.memberId })
    .from(followers)
    .innerJoin(members, eq(members.id, followers.memberId))
    .where(and(eq(followers.ideaId, notice.ideaId), isNull(members.removedAt)));
  const values = [
    ...[...directIds].map((memberId) => ({ memberId, kind: direct!.kind })),
    ...rows.filter((r) => !directIds.has(r.id)).map((r) => ({ memberId: r.id, kind: notice.kind })),
  ]
    .filter((v) => v.memberId !== notice.actor.id)
    .map((v) => ({
      id: newId(),
      workspaceId: notice.workspaceId,
      ideaId: notice.ideaId,
      actorId: notice.actor.id,
      subjectId: notice.subjectId,
      summary: notice.summary,
      createdAt: notice.at,
      ...v,
    }));
  if (values.length) await tx.insert(inboxItems).values(values);
}

/** Follow an idea (nothing happens when the member already does). */
export async function follow(tx: Db, ideaId: string, memberIds: string[]) {
  if (memberIds.length)
    await tx
      .insert(followers)
      .values(memberIds.map((memberId) => ({ ideaId, memberId })))
      .onConflictDoNothing();
}

async function unreadOf(db: Db, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(inboxItems)
    .where(and(eq(inboxItems.memberId, memberId), isNull(inboxItems.readAt)));
  return row?.n ?? 0;
}

export async function listInbox(ctx: AppContext, slug: string, q: InboxQuery, actor: Actor | null): Promise<InboxPage> {
  const db = ctx.store.db;
  await findWorkspace(db, slug);
  if (!actor) throw actorRequired();
  const limit = q.limit ?? 30;
  const where: SQL[] = [eq(inboxItems.memberId, actor.id)];
  if (q.unread) where.push(isNull(inboxItems.readAt));
  // Ids are UUIDv7: newest first by id, and `before` continues after the last one of a page.
  if (q.before) where.push(lt(inboxItems.id, q.before));
  const rows = await db
    .select({
      item: inboxItems,
      number: ideas.number,
      title: ideas.title,
      actorName: members.name,
    })
    .from(inboxItems)
    .innerJoin(ideas, eq(ideas.id, inboxItems.ideaId))
    .leftJoin(members, eq(members.id, inboxItems.actorId))
    .where(and(...where))
    .orderBy(desc(inboxItems.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ item, number, title, actorName }) => ({
    id: item.id,
    kind: item.kind,
    idea: { id: item.ideaId, number, title },
    actor: item.actorId && actorName ? { id: item.actorId, name: actorName } : null,
    summary: item.summary,
    createdAt: iso(item.createdAt),
    readAt: item.readAt ? iso(item.readAt) : null,
  }));
  return {
    items,
    unread: await unreadOf(db, actor.id),
    next: rows.length > limit ? items[items.length - 1]!.id : null,
  };
}

export async function inboxUnread(ctx: AppContext, slug: string, actor: Actor | null): Promise<InboxUnread> {
  await findWorkspace(ctx.store.db, slug);
  if (!actor) throw actorRequired();
  return { unread: await unreadOf(ctx.store.db, actor.id) };
}

/** Mark items read: the given ones (only the member's own; others' ids are ignored), or all of them. */
export async function markRead(
  ctx: AppContext,
  slug: string,
  input: InboxRead,
  actor: Actor | null,
): Promise<InboxUnread> {
  if (!actor) throw actorRequired();
  if (!input.all === !input.ids) {
    const message = 'Send either ids (the items to mark read) or all: true.';
    throw invalid(message, [{ path: input.all ? '/all' : '/ids', message }]);
  }
  return ctx.store.db.transaction(async (tx) => {
    await findWorkspace(tx, slug);
    const where = [eq(inboxItems.memberId, actor.id), isNull(inboxItems.readAt)];
    if (input.ids) where.push(inArray(inboxItems.id, input.ids));
    await tx
      .update(inboxItems)
      .set({ readAt: nowOf(ctx) })
      .where(and(...where));
    return { unread: await unreadOf(tx, actor.id) };
  });
}

/** Members who may be told: in the workspace and not removed. */
export async function activeMembers(db: Db, workspaceId: string, except: string[] = []) {
  const where = [eq(members.workspaceId, workspaceId), isNull(members.removedAt)];
  if (except.length) where.push(notInArray(members.id, except));
  return db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(...where));
}
