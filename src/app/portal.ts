import { eq } from 'drizzle-orm';
import type { PortalInfo, PortalReceipt, PortalState, PortalSubmission } from '../schema/index.ts';
import { settings, workspaces } from '../store/schema.ts';
import { hashSecret, newSecret, sameSecret } from './auth/secrets.ts';
import { readSetting, writeSetting } from './auth/settings.ts';
import { type AppContext, iso, nowOf } from './context.ts';
import { AppError } from './errors.ts';
import { createIdea } from './ideas.ts';
import { findWorkspace } from './workspaces.ts';

/**
 * A workspace's submission portal: a link an owner hands out (an intranet page, a poster's QR code) through
 * which people without an account submit ideas, always anonymously, and follow them by receipt code. The
 * link's secret is kept as a hash in the settings table; a new link replaces the old one.
 */
const keyOf = (workspaceId: string) => `portal:${workspaceId}`;
interface Stored {
  hash: string;
  since: string;
}

export async function portalState(ctx: AppContext, slug: string): Promise<PortalState> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const stored = await readSetting<Stored>(ctx.store.db, keyOf(ws.id));
  return { enabled: !!stored, since: stored?.since ?? null };
}

export async function openPortal(ctx: AppContext, slug: string): Promise<{ code: string }> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const code = newSecret();
  const now = nowOf(ctx);
  await writeSetting(ctx.store.db, keyOf(ws.id), { hash: hashSecret(code), since: iso(now) }, now);
  return { code };
}

export async function closePortal(ctx: AppContext, slug: string) {
  const ws = await findWorkspace(ctx.store.db, slug);
  await ctx.store.db.delete(settings).where(eq(settings.key, keyOf(ws.id)));
}

const noPortal = () =>
  new AppError(404, 'Portal not found', 'This submission link does not work (any more): ask for the current one.');

/** The workspace a portal code opens. */
async function portalWorkspace(ctx: AppContext, code: string) {
  const hash = hashSecret(code.trim());
  const rows = await ctx.store.db.select().from(settings);
  const entry = rows.find(
    (r) => r.key.startsWith('portal:') && sameSecret((r.value as Stored | null)?.hash ?? '', hash),
  );
  if (!entry) throw noPortal();
  const [ws] = await ctx.store.db
    .select()
    .from(workspaces)
    .where(eq(workspaces.id, entry.key.slice('portal:'.length)));
  if (!ws) throw noPortal();
  return ws;
}

export async function portalInfo(ctx: AppContext, code: string): Promise<PortalInfo> {
  const ws = await portalWorkspace(ctx, code);
  return { workspace: { name: ws.name } };
}

/** An anonymous idea through the portal; the answer names nothing of the workspace's other ideas. */
export async function submitThroughPortal(ctx: AppContext, input: PortalSubmission): Promise<PortalReceipt> {
  const ws = await portalWorkspace(ctx, input.code);
  const { idea, receiptCode } = await createIdea(
    ctx,
    ws.slug,
    { title: input.title, ...(input.description ? { description: input.description } : {}), anonymous: true },
    null,
    'web',
  );
  return { number: idea.number, title: idea.title, receiptCode: receiptCode! };
}
