import { eq } from 'drizzle-orm';
import type { Opportunity, OpportunityObjective, OpportunityStrategy } from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import * as t from '../../store/schema.ts';
import { newId } from '../context.ts';
import type { WorkspaceRow } from '../workspaces.ts';
import type { RowError } from './validate.ts';

/**
 * Objectives in files: a portfolio names the workspace's strategy once, a single opportunity file carries it
 * too, and ideas link to objectives by title. Import creates the objectives a workspace does not have yet
 * (by title) and fills the goals and North Star only when the workspace has none: a file never overwrites
 * the strategy people set in the app.
 */
const key = (title: string) => title.trim().toLowerCase();

/** Every objective the files define, the first definition of a title winning. */
export function objectivesIn(strategy: OpportunityStrategy | undefined, valid: Opportunity[]): OpportunityObjective[] {
  const seen = new Map<string, OpportunityObjective>();
  for (const o of [...(strategy?.objectives ?? []), ...valid.flatMap((v) => v.strategy?.objectives ?? [])])
    if (!seen.has(key(o.title))) seen.set(key(o.title), o);
  return [...seen.values()];
}

/** An idea may only link to an objective the workspace has or the file defines. */
export async function linkErrors(
  db: Db,
  ws: WorkspaceRow,
  defined: OpportunityObjective[],
  rows: { row: number; value: Opportunity }[],
): Promise<RowError[]> {
  if (!rows.some((r) => r.value.idea.objectives?.length)) return [];
  const existing = await db
    .select({ title: t.objectives.title })
    .from(t.objectives)
    .where(eq(t.objectives.workspaceId, ws.id));
  const known = new Set([...existing.map((o) => key(o.title)), ...defined.map((o) => key(o.title))]);
  return rows.flatMap(({ row, value }) =>
    (value.idea.objectives ?? []).flatMap((title, k) =>
      known.has(key(title))
        ? []
        : [
            {
              row,
              path: `/idea/objectives/${k}`,
              message: `No objective titled "${title}" in the workspace or the file.`,
            },
          ],
    ),
  );
}

/** Write the strategy and the missing objectives; answers each objective's id by title, for the links. */
export async function writeStrategy(
  db: Db,
  ws: WorkspaceRow,
  strategy: OpportunityStrategy | undefined,
  defined: OpportunityObjective[],
  person: (name: string | undefined) => string | null,
  now: Date,
): Promise<(title: string) => string | undefined> {
  if (strategy && (strategy.goals?.length || strategy.northStar || strategy.definition)) {
    await db
      .insert(t.strategies)
      .values({
        workspaceId: ws.id,
        goals: strategy.goals ?? [],
        northStar: strategy.northStar ?? '',
        definition: strategy.definition ?? '',
        updatedAt: now,
      })
      .onConflictDoNothing();
  }
  const existing = await db.select().from(t.objectives).where(eq(t.objectives.workspaceId, ws.id));
  const have = new Set(existing.map((o) => key(o.title)));
  const fresh = defined
    .filter((o) => !have.has(key(o.title)))
    .map((o) => ({
      id: newId(),
      workspaceId: ws.id,
      title: o.title.trim(),
      keyMetric: o.keyMetric.trim(),
      target: o.target?.trim() || null,
      ownerId: person(o.owner)!,
      createdAt: now,
      updatedAt: now,
    }));
  if (fresh.length) await db.insert(t.objectives).values(fresh);
  const ids = new Map([...existing, ...fresh].map((o) => [key(o.title), o.id]));
  return (title) => ids.get(key(title));
}
