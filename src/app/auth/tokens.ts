import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ApiToken, TokenCreate, TokenCreated } from '../../schema/index.ts';
import { apiTokens, users } from '../../store/schema.ts';
import { type AppContext, iso, newId, nowOf } from '../context.ts';
import { notFound } from '../errors.ts';
import type { UserRow } from './accounts.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** Personal tokens start with this, so a leaked one is recognisable (and can be searched for in code). */
export const TOKEN_PREFIX = 'vt_';
/** Last-used times are written at most once a minute per token: reading must not mean a write per request. */
const TOUCH_EVERY = 60_000;

type TokenRow = typeof apiTokens.$inferSelect;
const present = (t: TokenRow): ApiToken => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  createdAt: iso(t.createdAt),
  lastUsedAt: t.lastUsedAt ? iso(t.lastUsedAt) : null,
  revokedAt: t.revokedAt ? iso(t.revokedAt) : null,
});

export async function createToken(ctx: AppContext, userId: string, input: TokenCreate): Promise<TokenCreated> {
  const token = newSecret(TOKEN_PREFIX);
  const [row] = await ctx.store.db
    .insert(apiTokens)
    .values({
      id: newId(),
      userId,
      name: input.name,
      scope: input.scope,
      hash: hashSecret(token),
      createdAt: nowOf(ctx),
    })
    .returning();
  return { token, record: present(row!) };
}

export async function listTokens(ctx: AppContext, userId: string): Promise<ApiToken[]> {
  const rows = await ctx.store.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(present);
}

export async function revokeToken(ctx: AppContext, userId: string, id: string): Promise<ApiToken> {
  const [row] = await ctx.store.db
    .update(apiTokens)
    .set({ revokedAt: nowOf(ctx) })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  if (row) return present(row);
  const [revoked] = await ctx.store.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)));
  if (!revoked) throw notFound(`Token ${id}`);
  return present(revoked);
}

/** The account and scope a presented token stands for; null when it is unknown or revoked. */
export async function tokenFor(
  ctx: AppContext,
  token: string,
  touch = true,
): Promise<{ user: UserRow; scope: 'read' | 'write' } | null> {
  const [row] = await ctx.store.db
    .select({ t: apiTokens, u: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.hash, hashSecret(token)));
  if (!row || row.t.revokedAt) return null;
  const now = nowOf(ctx);
  if (touch && (!row.t.lastUsedAt || now.getTime() - row.t.lastUsedAt.getTime() > TOUCH_EVERY))
    await ctx.store.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.t.id));
  return { user: row.u, scope: row.t.scope };
}
