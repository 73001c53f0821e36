import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../store/database.ts';
import { sessions, users } from '../../store/schema.ts';
import { type AppContext, nowOf } from '../context.ts';
import type { UserRow } from './accounts.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** A session lasts 30 days from its last use; the last use is written at most hourly, not on every request. */
export const SESSION_DAYS = 30;
const DAY = 86_400_000;
const TOUCH_EVERY = 3_600_000;

export async function startSession(ctx: AppContext, userId: string) {
  const secret = newSecret();
  const csrf = newSecret();
  const now = nowOf(ctx);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
  await ctx.store.db
    .insert(sessions)
    .values({ hash: hashSecret(secret), userId, csrf, createdAt: now, lastSeenAt: now, expiresAt });
  return { secret, csrf, expiresAt };
}

export interface LiveSession {
  user: UserRow;
  csrf: string;
  hash: string;
}

export async function sessionFor(ctx: AppContext, secret: string, touch = true): Promise<LiveSession | null> {
  const hash = hashSecret(secret);
  const [row] = await ctx.store.db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.hash, hash));
  const now = nowOf(ctx);
  if (!row || row.s.expiresAt <= now) return null;
  // An anonymous submission leaves no trace, not even a moment of use (touch false).
  if (touch && now.getTime() - row.s.lastSeenAt.getTime() > TOUCH_EVERY) {
    await ctx.store.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY) })
      .where(eq(sessions.hash, hash));
  }
  return { user: row.u, csrf: row.s.csrf, hash };
}

export async function endSession(db: Db, hash: string) {
  await db.delete(sessions).where(eq(sessions.hash, hash));
}

/** Sign out everywhere: every session of the account, in every browser. Its API tokens are separate. */
export async function endAllSessions(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function pruneSessions(ctx: AppContext) {
  await ctx.store.db.delete(sessions).where(lt(sessions.expiresAt, nowOf(ctx)));
}
