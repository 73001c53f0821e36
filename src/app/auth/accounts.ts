import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Membership, Setup, User } from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import { members, sessions, users, workspaces } from '../../store/schema.ts';
import { type AppContext, newId, nowOf } from '../context.ts';
import { AppError } from '../errors.ts';
import { createWorkspace } from '../workspaces.ts';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.ts';

export type UserRow = typeof users.$inferSelect;

export const presentUser = (u: UserRow): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  hasPassword: u.passwordHash !== null,
});

export const normalEmail = (email: string) => email.trim().toLowerCase();

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [u] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalEmail(email)));
  return u;
}

/** First run is due until someone holds an account with a password (the demo's account has none). */
export async function setupRequired(db: Db): Promise<boolean> {
  const [u] = await db.select({ id: users.id }).from(users).where(isNotNull(users.passwordHash)).limit(1);
  return !u;
}

export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .select({ slug: workspaces.slug, name: workspaces.name, memberId: members.id, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, userId), isNull(members.removedAt)))
    .orderBy(asc(workspaces.name));
  return rows.map((r) => ({ workspace: { slug: r.slug, name: r.name }, memberId: r.memberId, role: r.role }));
}

/** The memberships a member reference names (trusted proxy mode): by member id, or by email in any case. */
export async function membershipsByRef(db: Db, ref: string): Promise<Membership[]> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const rows = await db
    .select({ slug: workspaces.slug, name: workspaces.name, memberId: members.id, role: members.role })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(
      and(
        byId ? eq(members.id, ref) : sql`lower(${members.email}) = ${ref.trim().toLowerCase()}`,
        isNull(members.removedAt),
      ),
    )
    .orderBy(asc(workspaces.name));
  return rows.map((r) => ({ workspace: { slug: r.slug, name: r.name }, memberId: r.memberId, role: r.role }));
}

const wrongCredentials = () =>
  new AppError(401, 'Sign-in failed', 'That email and password do not match an account. Check both and try again.');

/** The account an email and password open; the same answer, in the same time, whichever of the two is wrong. */
export async function signIn(db: Db, email: string, password: string): Promise<UserRow> {
  const u = await userByEmail(db, email);
  if (!u?.passwordHash) {
    await verifyNothing(password);
    throw wrongCredentials();
  }
  if (!(await verifyPassword(password, u.passwordHash))) throw wrongCredentials();
  return u;
}

/**
 * First run: the owner account, and the first workspace unless the install has some already (loaded with
 * the CLI, or the sample): then the account becomes an owner of each of them, as whoever set the install up.
 * Password-less accounts (the sample's, entered on loopback) lose their sessions: the install has an owner now.
 */
export async function setUp(ctx: AppContext, input: Setup): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  const created = await ctx.store.db.transaction(async (tx) => {
    if (!(await setupRequired(tx)))
      throw new AppError(409, 'Already set up', 'This install has an owner already: sign in instead.');
    const email = normalEmail(input.email);
    const now = nowOf(ctx);
    const [taken] = await tx.select().from(users).where(eq(users.email, email));
    const user = taken
      ? (await tx.update(users).set({ passwordHash, name: input.name }).where(eq(users.id, taken.id)).returning())[0]!
      : (
          await tx
            .insert(users)
            .values({ id: newId(), email, name: input.name, passwordHash, createdAt: now })
            .returning()
        )[0]!;
    await tx.delete(sessions).where(sql`${sessions.userId} in (select id from users where password_hash is null)`);
    const existing = await tx.select().from(workspaces);
    for (const ws of existing) await joinAsOwner(tx, ws.id, user, now);
    return { user, needsWorkspace: existing.every((w) => w.slug !== input.workspace.slug) };
  });
  if (created.needsWorkspace) {
    await createWorkspace(ctx, input.workspace, {
      name: input.name,
      email: created.user.email,
      userId: created.user.id,
    });
  }
  return created.user;
}

async function joinAsOwner(db: Db, workspaceId: string, user: UserRow, now: Date) {
  const [mine] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.userId, user.id)));
  if (mine) {
    await db
      .update(members)
      .set({ role: 'owner', version: mine.version + 1 })
      .where(eq(members.id, mine.id));
    return;
  }
  const [sameEmail] = await db
    .select()
    .from(members)
    .where(
      and(eq(members.workspaceId, workspaceId), isNull(members.userId), sql`lower(${members.email}) = ${user.email}`),
    );
  if (sameEmail) {
    await db
      .update(members)
      .set({ userId: user.id, role: 'owner', version: sameEmail.version + 1 })
      .where(eq(members.id, sameEmail.id));
    return;
  }
  await db.insert(members).values({
    id: newId(),
    workspaceId,
    name: await freeName(db, workspaceId, user.name),
    email: user.email,
    role: 'owner',
    userId: user.id,
    createdAt: now,
  });
}

/** Member names are unique in a workspace: a second "Ada" becomes "Ada (ada@example.com)". */
export async function freeName(db: Db, workspaceId: string, name: string, email?: string): Promise<string> {
  const rows = await db.select({ name: members.name }).from(members).where(eq(members.workspaceId, workspaceId));
  const taken = new Set(rows.map((r) => r.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  const withEmail = email ? `${name} (${email})` : name;
  if (!taken.has(withEmail.toLowerCase())) return withEmail;
  for (let i = 2; ; i++) if (!taken.has(`${name} ${i}`.toLowerCase())) return `${name} ${i}`;
}

export async function changePassword(ctx: AppContext, userId: string, current: string, password: string) {
  const u = await findUser(ctx.store.db, userId);
  if (!u) throw new AppError(401, 'Signed out', 'Your account no longer exists.');
  if (u.passwordHash && !(await verifyPassword(current, u.passwordHash)))
    throw new AppError(400, 'Invalid input', 'The current password is not right.', [
      { path: '/current', message: 'is not your current password' },
    ]);
  const passwordHash = await hashPassword(password);
  await ctx.store.db
    .update(users)
    .set({ passwordHash, version: u.version + 1 })
    .where(eq(users.id, u.id));
}
