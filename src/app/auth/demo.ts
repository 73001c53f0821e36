import { and, asc, eq } from 'drizzle-orm';
import { members, users, workspaces } from '../../store/schema.ts';
import { type AppContext, newId, nowOf } from '../context.ts';
import { notFound } from '../errors.ts';
import { normalEmail, setupRequired, type UserRow } from './accounts.ts';

/** The sample portfolio's workspace (src/sample/portfolio.json). */
export const SAMPLE_SLUG = 'tollvane-product';

/** The sample can be entered without an account while the install has no owner account of its own. */
export async function demoAvailable(ctx: AppContext): Promise<boolean> {
  if (!(await setupRequired(ctx.store.db))) return false;
  const [ws] = await ctx.store.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, SAMPLE_SLUG));
  return !!ws;
}

/**
 * The account a newcomer uses in the sample: its first owner's, made on first use, with no password (it
 * cannot be signed into from anywhere else, and creating the install's real owner ends its sessions).
 */
export async function demoUser(ctx: AppContext): Promise<UserRow> {
  return ctx.store.db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ m: members })
      .from(members)
      .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
      .where(and(eq(workspaces.slug, SAMPLE_SLUG), eq(members.role, 'owner')))
      .orderBy(asc(members.createdAt), asc(members.name))
      .limit(1);
    if (!owner) throw notFound('The sample portfolio');
    const m = owner.m;
    if (m.userId) {
      const [u] = await tx.select().from(users).where(eq(users.id, m.userId));
      if (u) return u;
    }
    const email = normalEmail(m.email ?? `${m.id}@sample.invalid`);
    const [existing] = await tx.select().from(users).where(eq(users.email, email));
    const user =
      existing ??
      (
        await tx
          .insert(users)
          .values({ id: newId(), email, name: m.name, createdAt: nowOf(ctx) })
          .returning()
      )[0]!;
    await tx.update(members).set({ userId: user.id }).where(eq(members.id, m.id));
    return user;
  });
}
