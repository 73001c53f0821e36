import { asc, eq, inArray } from 'drizzle-orm';
import { findMentions, parseMarkdown, toHtml } from '../domain/markdown.ts';
import type { Comment, CommentCreate } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { comments, members } from '../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { actorRequired } from './errors.ts';
import { findIdea } from './ideas.ts';
import { activeMembers, excerpt, follow, notify } from './inbox.ts';
import { findWorkspace } from './workspaces.ts';

type CommentRow = typeof comments.$inferSelect;

/** Comments with their authors' and mentioned members' names, rendered from the Markdown as written. */
async function present(db: Db, rows: CommentRow[]): Promise<Comment[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.authorId, ...r.mentions]))];
  const people = ids.length
    ? await db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids))
    : [];
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const mentions = r.mentions.filter((id) => nameOf.has(id)).map((id) => ({ id, name: nameOf.get(id)! }));
    return {
      id: r.id,
      ideaId: r.ideaId,
      author: { id: r.authorId, name: nameOf.get(r.authorId) ?? '' },
      body: r.body,
      html: toHtml(
        parseMarkdown(
          r.body,
          mentions.map((m) => m.name),
        ),
      ),
      mentions,
      createdAt: iso(r.createdAt),
    };
  });
}

export async function listComments(ctx: AppContext, slug: string, ref: string): Promise<Comment[]> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  const rows = await db
    .select()
    .from(comments)
    .where(eq(comments.ideaId, idea.id))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return present(db, rows);
}

/**
 * A comment, its mentions resolved against the workspace's members, and the news of it, in one
 * transaction: the author and everyone mentioned follow the idea from now on; mentioned members get a
 * "mention" in their inbox, the idea's other followers a "comment".
 */
export async function addComment(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: CommentCreate,
  actor: Actor | null,
): Promise<Comment> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const mentioned = findMentions(input.body, await activeMembers(tx, ws.id)).map((m) => m.id);
    const now = nowOf(ctx);
    const [row] = await tx
      .insert(comments)
      .values({
        id: newId(),
        workspaceId: ws.id,
        ideaId: idea.id,
        authorId: actor.id,
        body: input.body,
        mentions: mentioned,
        createdAt: now,
      })
      .returning();
    await notify(
      tx,
      {
        workspaceId: ws.id,
        ideaId: idea.id,
        kind: 'comment',
        actor,
        subjectId: row!.id,
        summary: excerpt(input.body),
        at: now,
      },
      { memberIds: mentioned, kind: 'mention' },
    );
    await follow(tx, idea.id, [actor.id, ...mentioned]);
    return (await present(tx, [row!]))[0]!;
  });
}
