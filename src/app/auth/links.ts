import { and, asc, eq, gt, isNull, like, sql } from 'drizzle-orm';
import type { Invite, LinkInfo, LinkUse, Member, Role } from '../../schema/index.ts';
import { members, oneTimeLinks, users, workspaces } from '../../store/schema.ts';
import { type AppContext, iso, newId, nowOf } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { findWorkspace, presentMember } from '../workspaces.ts';
import { freeName, normalEmail, type UserRow } from './accounts.ts';
import { hashPassword } from './passwords.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { endAllSessions } from './sessions.ts';

const HOUR = 3_600_000;
export const INVITE_HOURS = 7 * 24;
export const RESET_HOURS = 24;

type LinkRow = typeof oneTimeLinks.$inferSelect;

const deadLink = () =>
  new AppError(
    404,
    'Link not valid',
    'This link does not work (any more): it was used already, revoked, or it expired. Ask for a new one.',
  );

/** An invitation's id in lists: the start of its hash, enough to tell invitations apart and revoke one. */
const inviteId = (hash: string) => hash.slice(0, 12);

export async function createInvite(ctx: AppContext, slug: string, role: Role, hours: number, by: string | null) {
  const ws = await findWorkspace(ctx.store.db, slug);
  const code = newSecret();
  const now = nowOf(ctx);
  const expiresAt = new Date(now.getTime() + hours * HOUR);
  await ctx.store.db.insert(oneTimeLinks).values({
    hash: hashSecret(code),
    kind: 'invite',
    workspaceId: ws.id,
    role,
    createdBy: by,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt: iso(expiresAt) };
}

export async function listInvites(ctx: AppContext, slug: string): Promise<Invite[]> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const rows = await ctx.store.db
    .select()
    .from(oneTimeLinks)
    .where(
      and(
        eq(oneTimeLinks.workspaceId, ws.id),
        eq(oneTimeLinks.kind, 'invite'),
        isNull(oneTimeLinks.usedAt),
        gt(oneTimeLinks.expiresAt, nowOf(ctx)),
      ),
    )
    .orderBy(asc(oneTimeLinks.createdAt));
  return rows.map((r) => ({
    id: inviteId(r.hash),
    role: r.role!,
    createdAt: iso(r.createdAt),
    expiresAt: iso(r.expiresAt),
  }));
}

export async function revokeInvite(ctx: AppContext, slug: string, id: string) {
  const ws = await findWorkspace(ctx.store.db, slug);
  const gone = await ctx.store.db
    .delete(oneTimeLinks)
    .where(
      and(
        eq(oneTimeLinks.workspaceId, ws.id),
        eq(oneTimeLinks.kind, 'invite'),
        like(oneTimeLinks.hash, `${id.replace(/[^0-9a-f]/g, '')}%`),
      ),
    )
    .returning();
  if (gone.length !== 1) throw notFound(`Invitation ${id}`);
}

async function liveLink(ctx: AppContext, code: string): Promise<LinkRow> {
  const [row] = await ctx.store.db
    .select()
    .from(oneTimeLinks)
    .where(eq(oneTimeLinks.hash, hashSecret(code.trim())));
  if (!row || row.usedAt || row.expiresAt <= nowOf(ctx)) throw deadLink();
  return row;
}

export async function linkInfo(ctx: AppContext, code: string): Promise<LinkInfo> {
  const row = await liveLink(ctx, code);
  const [ws] = row.workspaceId
    ? await ctx.store.db.select().from(workspaces).where(eq(workspaces.id, row.workspaceId))
    : [];
  const [u] = row.userId ? await ctx.store.db.select().from(users).where(eq(users.id, row.userId)) : [];
  return {
    kind: row.kind,
    workspace: ws ? { slug: ws.slug, name: ws.name } : null,
    role: row.role,
    email: u?.email ?? null,
    expiresAt: iso(row.expiresAt),
  };
}

/**
 * Takes a link for use, once: of two people opening the same link at the same moment, one gets it. Runs in
 * the caller's transaction, so a failure after it (a taken email) leaves the link unused.
 */
async function claim(tx: AppContext['store']['db'], ctx: AppContext, code: string, kind: LinkRow['kind']) {
  const now = nowOf(ctx);
  const [row] = await tx
    .update(oneTimeLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeLinks.hash, hashSecret(code.trim())),
        eq(oneTimeLinks.kind, kind),
        isNull(oneTimeLinks.usedAt),
        gt(oneTimeLinks.expiresAt, now),
      ),
    )
    .returning();
  if (!row) throw deadLink();
  return row;
}

/**
 * Joins the invitation's workspace with its role: as the signed-in account, or as a new account made from
 * `input` (name, email, password). Someone already a member keeps the role they have: an old invitation
 * must not quietly change anyone's role.
 */
export async function acceptInvite(
  ctx: AppContext,
  input: LinkUse,
  signedIn: UserRow | null,
): Promise<{ user: UserRow; member: Member; created: boolean }> {
  if (!signedIn && (!input.name || !input.email || !input.password))
    throw invalid('To join, sign in first or give a name, an email and a password for your new account.', [
      ...(!input.name ? [{ path: '/name', message: 'is required for a new account' }] : []),
      ...(!input.email ? [{ path: '/email', message: 'is required for a new account' }] : []),
      ...(!input.password ? [{ path: '/password', message: 'is required for a new account' }] : []),
    ]);
  const passwordHash = signedIn ? null : await hashPassword(input.password!);
  return ctx.store.db.transaction(async (tx) => {
    const link = await claim(tx, ctx, input.code, 'invite');
    const now = nowOf(ctx);
    let user = signedIn;
    let created = false;
    if (!user) {
      const email = normalEmail(input.email!);
      const [taken] = await tx.select().from(users).where(eq(users.email, email));
      if (taken)
        throw new AppError(
          409,
          'Already exists',
          `An account with ${email} exists already: sign in, then open the link again.`,
        );
      user = (
        await tx
          .insert(users)
          .values({ id: newId(), email, name: input.name!, passwordHash, createdAt: now })
          .returning()
      )[0]!;
      created = true;
    }
    const [existing] = await tx
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, link.workspaceId!), eq(members.userId, user!.id)));
    if (existing && !existing.removedAt) return { user: user!, member: presentMember(existing), created };
    // A member added before they had an account (imported, the sample, the CLI) with this email: the account
    // becomes theirs, so their earlier work stays under one name, with the role the invitation gives.
    const [sameEmail] = existing
      ? []
      : await tx
          .select()
          .from(members)
          .where(
            and(
              eq(members.workspaceId, link.workspaceId!),
              isNull(members.userId),
              isNull(members.removedAt),
              sql`lower(${members.email}) = ${user!.email}`,
            ),
          );
    if (sameEmail) {
      const [linked] = await tx
        .update(members)
        .set({ userId: user!.id, role: link.role!, version: sameEmail.version + 1 })
        .where(eq(members.id, sameEmail.id))
        .returning();
      return { user: user!, member: presentMember(linked!), created };
    }
    if (existing) {
      // Removed once and invited again: the same member, so their earlier work stays theirs.
      const [back] = await tx
        .update(members)
        .set({ removedAt: null, role: link.role!, version: existing.version + 1 })
        .where(eq(members.id, existing.id))
        .returning();
      return { user: user!, member: presentMember(back!), created };
    }
    const [m] = await tx
      .insert(members)
      .values({
        id: newId(),
        workspaceId: link.workspaceId!,
        name: await freeName(tx, link.workspaceId!, user!.name, user!.email),
        email: user!.email,
        role: link.role!,
        userId: user!.id,
        createdAt: now,
      })
      .returning();
    return { user: user!, member: presentMember(m!), created };
  });
}

/**
 * A password reset link for a member's account, issued by an owner (no email server needed: the owner
 * passes it on). Only for accounts whose every workspace the issuer owns: owning one workspace must not
 * open the account of an owner of another.
 */
export async function issueReset(
  ctx: AppContext,
  slug: string,
  memberId: string,
  issuer: { userId: string | null; memberId: string },
) {
  const ws = await findWorkspace(ctx.store.db, slug);
  const [m] = await ctx.store.db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, ws.id), eq(members.id, memberId), isNull(members.removedAt)));
  if (!m) throw notFound(`Member ${memberId}`);
  if (!m.userId) throw new AppError(422, 'No account', `${m.name} has no account yet: send an invitation instead.`);
  const current = (userId: string) =>
    ctx.store.db
      .select()
      .from(members)
      .where(and(eq(members.userId, userId), isNull(members.removedAt)));
  const theirs = await current(m.userId);
  const mine = issuer.userId ? await current(issuer.userId) : [];
  const owned = new Set(mine.filter((x) => x.role === 'owner').map((x) => x.workspaceId));
  owned.add(ws.id);
  if (theirs.some((x) => !owned.has(x.workspaceId)))
    throw new AppError(
      403,
      'Not allowed',
      `${m.name} is also a member of workspaces you do not own: an owner of each of them, or ${m.name}, must reset it.`,
    );
  const code = newSecret();
  const now = nowOf(ctx);
  const expiresAt = new Date(now.getTime() + RESET_HOURS * HOUR);
  await ctx.store.db.insert(oneTimeLinks).values({
    hash: hashSecret(code),
    kind: 'reset',
    workspaceId: ws.id,
    userId: m.userId,
    createdBy: issuer.memberId,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt: iso(expiresAt) };
}

/** Sets a new password from a reset link and signs the account out everywhere. */
export async function resetPassword(ctx: AppContext, input: LinkUse): Promise<UserRow> {
  if (!input.password) throw invalid('Give the new password.', [{ path: '/password', message: 'is required' }]);
  const passwordHash = await hashPassword(input.password);
  return ctx.store.db.transaction(async (tx) => {
    const link = await claim(tx, ctx, input.code, 'reset');
    const [u] = await tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId!)).returning();
    await endAllSessions(tx, u!.id);
    return u!;
  });
}
