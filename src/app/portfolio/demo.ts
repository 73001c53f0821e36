import type { AppContext } from '../context.ts';
import { listWorkspaces } from '../workspaces.ts';
import { ensureWorkspace } from './files.ts';
import { importOpportunities } from './import.ts';

/** Load the sample portfolio into its own workspace (once: a second call changes nothing). */
export async function loadDemo(ctx: AppContext, onProgress?: (done: number, total: number) => void) {
  // Loaded on demand: every CLI start would otherwise parse the sample file for nothing.
  const { loadSamplePortfolio } = await import('../../sample/index.ts');
  const sample = loadSamplePortfolio();
  if ((await listWorkspaces(ctx)).some((w) => w.slug === sample.workspace.slug)) {
    return { slug: sample.workspace.slug, created: false, imported: 0 };
  }
  const slug = await ensureWorkspace(ctx, sample.workspace, sample.members);
  const report = await importOpportunities(
    ctx,
    slug,
    { members: sample.members ?? [], opportunities: sample.opportunities },
    { onProgress },
  );
  return { slug, created: true, imported: report.imported };
}
