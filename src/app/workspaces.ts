import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { defaultDimensions, reweight, validateDimensions } from '../domain/dimensions.ts';
import type {
  DimensionSpec,
  Member,
  MemberCreate,
  MemberUpdate,
  Workspace,
  WorkspaceCreate,
  WorkspaceUpdate,
} from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { members, workspaces } from '../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { AppError, actorRequired, conflict, invalid, notFound } from './errors.ts';
import { recomputeWorkspaceScores } from './scores.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;
type MemberRow = typeof members.$inferSelect;

export function dimensionsOf(ws: WorkspaceRow): DimensionSpec[] {
  const base = ws.dimensions ?? defaultDimensions();
  return base.map((d) => ({ ...d, weight: ws.weights[d.id] ?? d.weight }));
}

export const presentWorkspace = (ws: WorkspaceRow): Workspace => ({
  id: ws.id,
  slug: ws.slug,
  name: ws.name,
  dimensions: dimensionsOf(ws),
  customDimensions: ws.dimensions !== null,
  createdAt: iso(ws.createdAt),
  updatedAt: iso(ws.updatedAt),
  version: ws.version,
});

export const presentMember = (m: MemberRow): Member => ({
  id: m.id,
  workspaceId: m.workspaceId,
  name: m.name,
  email: m.email,
  role: m.role,
  createdAt: iso(m.createdAt),
  version: m.version,
});

export async function findWorkspace(db: Db, slug: string): Promise<WorkspaceRow> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  if (!ws) throw notFound(`Workspace "${slug}"`);
  return ws;
}

export async function listWorkspaces(ctx: AppContext): Promise<Workspace[]> {
  const rows = await ctx.store.db.select().from(workspaces).orderBy(asc(workspaces.name));
  return rows.map(presentWorkspace);
}

export async function createWorkspace(
  ctx: AppContext,
  input: WorkspaceCreate,
  owner: { name: string; email?: string; userId?: string } = { name: 'Owner' },
): Promise<{ workspace: Workspace; owner: Member }> {
  return ctx.store.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, input.slug));
    if (existing) throw new AppError(409, 'Already exists', `A workspace with slug "${input.slug}" already exists.`);
    const now = nowOf(ctx);
    const [ws] = await tx
      .insert(workspaces)
      .values({ id: newId(), slug: input.slug, name: input.name, createdAt: now, updatedAt: now })
      .returning();
    const [m] = await tx
      .insert(members)
      .values({
        id: newId(),
        workspaceId: ws!.id,
        name: owner.name,
        email: owner.email ?? null,
        role: 'owner',
        userId: owner.userId ?? null,
        createdAt: now,
      })
      .returning();
    return { workspace: presentWorkspace(ws!), owner: presentMember(m!) };
  });
}

export async function updateWorkspace(ctx: AppContext, slug: string, input: WorkspaceUpdate, actor: Actor | null) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    if (ws.version !== input.version) throw conflict(`Workspace "${slug}"`, ws.version);
    let dims = input.dimensions === undefined ? ws.dimensions : input.dimensions;
    let weights = ws.weights;
    if (input.dimensions !== undefined) {
      weights = {};
      if (dims) {
        const valid = validateDimensions(dims);
        if (!valid.ok) throw invalid(valid.reason, [{ path: '/dimensions', message: valid.reason }]);
      }
    }
    if (input.weights) {
      const result = reweight(dimensionsOf({ ...ws, dimensions: dims ?? null, weights }), input.weights);
      if (!result.ok) throw invalid(result.reason, [{ path: '/weights', message: result.reason }]);
      // The same rule as for replaced dimensions: all weights at 0 would leave every composite undefined.
      const valid = validateDimensions(result.value);
      if (!valid.ok) throw invalid(valid.reason, [{ path: '/weights', message: valid.reason }]);
      weights = { ...weights, ...input.weights };
    }
    dims = dims ?? null;
    const [row] = await tx
      .update(workspaces)
      .set({
        name: input.name ?? ws.name,
        dimensions: dims,
        weights,
        updatedAt: nowOf(ctx),
        version: ws.version + 1,
      })
      .where(and(eq(workspaces.id, ws.id), eq(workspaces.version, ws.version)))
      .returning();
    if (!row) throw conflict(`Workspace "${slug}"`, ws.version + 1);
    // Weights and dimensions change what every composite means: recompute them in the same transaction.
    await recomputeWorkspaceScores(tx, row);
    return presentWorkspace(row);
  });
}

/** The workspace's members; their emails only for a caller who is a member too (`withEmails`). */
export async function listMembers(ctx: AppContext, slug: string, withEmails: boolean): Promise<Member[]> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const rows = await ctx.store.db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, ws.id), isNull(members.removedAt)))
    .orderBy(asc(members.name));
  return rows.map((m) => ({ ...presentMember(m), ...(withEmails ? {} : { email: null }) }));
}

export async function createMember(ctx: AppContext, slug: string, input: MemberCreate): Promise<Member> {
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const existing = await tx.select().from(members).where(eq(members.workspaceId, ws.id));
    if (existing.some((m) => m.name.toLowerCase() === input.name.toLowerCase())) {
      throw new AppError(409, 'Already exists', `A member named "${input.name}" already exists in this workspace.`);
    }
    const [m] = await tx
      .insert(members)
      .values({
        id: newId(),
        workspaceId: ws.id,
        name: input.name,
        email: input.email ?? null,
        role: input.role ?? 'contributor',
        createdAt: nowOf(ctx),
      })
      .returning();
    return presentMember(m!);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The members a reference names: by id, or by email in any case. */
const named = (ref: string) => (UUID.test(ref) ? eq(members.id, ref) : sql`lower(${members.email}) = lower(${ref})`);

/**
 * The member a reference names in a workspace: by id, or by email (any case). Never by display name:
 * names are not unique across people and anyone can type one.
 */
export async function memberFor(db: Db, ws: WorkspaceRow, ref: string) {
  const [m] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, ws.id), named(ref), isNull(members.removedAt)))
    .limit(1);
  return m;
}

/**
 * A workspace and someone's membership in it (none: not a member), in one statement: every request to a
 * workspace's routes asks this before anything else (src/api/policies.ts), so it is one round trip, not two.
 * Who: an account (user id) or a reference (member id or email, as `memberFor` reads it).
 */
export async function workspaceWithMember(
  db: Db,
  slug: string,
  who: { userId: string } | { ref: string },
): Promise<{ ws: WorkspaceRow; member: MemberRow | undefined }> {
  const [row] = await db
    .select({ ws: workspaces, member: members })
    .from(workspaces)
    .leftJoin(
      members,
      and(
        eq(members.workspaceId, workspaces.id),
        'userId' in who ? eq(members.userId, who.userId) : named(who.ref),
        isNull(members.removedAt),
      ),
    )
    .where(eq(workspaces.slug, slug))
    .limit(1);
  if (!row) throw notFound(`Workspace "${slug}"`);
  return { ws: row.ws, member: row.member ?? undefined };
}

export async function workspaceCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workspaces);
  return row!.n;
}

/** Whether a reference (member id or email) names an owner of any workspace on this install. */
export async function isInstallAdmin(db: Db, ref: string): Promise<boolean> {
  const [m] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(named(ref), eq(members.role, 'owner'), isNull(members.removedAt)))
    .limit(1);
  return !!m;
}

const lastOwner = () =>
  new AppError(422, 'Not allowed', 'A workspace needs at least one owner: make someone else an owner first.');

async function ownersOf(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'owner'), isNull(members.removedAt)));
  return row!.n;
}

async function memberIn(db: Db, ws: WorkspaceRow, id: string): Promise<MemberRow> {
  const [m] = UUID.test(id)
    ? await db
        .select()
        .from(members)
        .where(and(eq(members.workspaceId, ws.id), eq(members.id, id), isNull(members.removedAt)))
    : [];
  if (!m) throw notFound(`Member ${id}`);
  return m;
}

/** Changes a member's role; the last owner cannot step down. */
export async function updateMember(ctx: AppContext, slug: string, id: string, input: MemberUpdate): Promise<Member> {
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const m = await memberIn(tx, ws, id);
    if (m.version !== input.version) throw conflict(`Member ${m.name}`, m.version);
    if (m.role === 'owner' && input.role !== 'owner' && (await ownersOf(tx, ws.id)) <= 1) throw lastOwner();
    const [row] = await tx
      .update(members)
      .set({ role: input.role, version: m.version + 1 })
      .where(and(eq(members.id, m.id), eq(members.version, m.version)))
      .returning();
    if (!row) throw conflict(`Member ${m.name}`, m.version + 1);
    return presentMember(row);
  });
}

/**
 * Removes a member from a workspace: their account loses access to it at once. What they did stays, under
 * their name (decisions, evidence and the audit log keep the member id).
 */
export async function removeMember(ctx: AppContext, slug: string, id: string): Promise<Member> {
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const m = await memberIn(tx, ws, id);
    if (m.role === 'owner' && (await ownersOf(tx, ws.id)) <= 1) throw lastOwner();
    const [row] = await tx
      .update(members)
      .set({ removedAt: nowOf(ctx), version: m.version + 1 })
      .where(eq(members.id, m.id))
      .returning();
    return presentMember(row!);
  });
}

export async function getMember(ctx: AppContext, slug: string, id: string): Promise<Member> {
  const ws = await findWorkspace(ctx.store.db, slug);
  return presentMember(await memberIn(ctx.store.db, ws, id));
}
