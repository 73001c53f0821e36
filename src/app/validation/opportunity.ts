import type { Opportunity } from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import { findIdea, type IdeaRow } from '../ideas.ts';
import { opportunitiesOf } from '../portfolio/export.ts';
import { findWorkspace, type WorkspaceRow } from '../workspaces.ts';

/** Everything known about one idea, in the form the domain's rules read. */
export async function opportunityOf(db: Db, ws: WorkspaceRow | string, idea: IdeaRow | string): Promise<Opportunity> {
  const workspace = typeof ws === 'string' ? await findWorkspace(db, ws) : ws;
  const row = typeof idea === 'string' ? (await findIdea(db, workspace, idea)).idea : idea;
  return (await opportunitiesOf(db, workspace, [row]))[0]!;
}
