import { eq } from 'drizzle-orm';
import type { Db } from '../../store/database.ts';
import { ideas, workspaces } from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { ensureWorkspace } from './files.ts';
import { importOpportunities } from './import.ts';

/** Whether the sample workspace exists, and whether it has any idea in it. */
async function sampleState(db: Db, slug: string, lock = false) {
  const query = db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug));
  const [ws] = await (lock ? query.for('update') : query);
  if (!ws) return 'absent';
  const [idea] = await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.workspaceId, ws.id)).limit(1);
  return idea ? 'loaded' : 'empty';
}

/**
 * Load the sample portfolio into its own workspace (once: a second call changes nothing). `created` says
 * whether this call loaded it.
 */
export async function loadDemo(ctx: AppContext, onProgress?: (done: number, total: number) => void) {
  // Loaded on demand: every CLI start would otherwise parse the sample file for nothing.
  const { loadSamplePortfolio } = await import('../../sample/index.ts');
  const sample = loadSamplePortfolio();
  const slug = sample.workspace.slug;
  const none = { slug, created: false, imported: 0 };
  try {
    // The workspace and its ideas commit together: a kill between the two used to leave the workspace
    // empty, and from then on the sample counted as loaded.
    return await ctx.store.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      // Locked, so that two loads at once cannot both fill an empty sample workspace.
      const state = await sampleState(db, slug, true);
      if (state === 'loaded') return none;
      const inTx: AppContext = { ...ctx, store: { ...ctx.store, db } };
      // An empty one is what an interrupted load left behind before it was one transaction: fill it.
      if (state === 'absent') await ensureWorkspace(inTx, sample.workspace, sample.members);
      const report = await importOpportunities(
        inTx,
        slug,
        {
          members: sample.members ?? [],
          ...(sample.strategy ? { strategy: sample.strategy } : {}),
          opportunities: sample.opportunities,
        },
        { onProgress },
      );
      // The sample team's leadership cycle, so a fresh start shows that part too (src/sample/leadership.ts).
      const { loadSampleLeadership } = await import('../leadership/sample.ts');
      await loadSampleLeadership(inTx, slug);
      return { slug, created: true, imported: report.imported };
    });
  } catch (error) {
    // Another load created the workspace at the same time and won: the sample is there, which was the point.
    if ((await sampleState(ctx.store.db, slug)) === 'loaded') return none;
    throw error;
  }
}
