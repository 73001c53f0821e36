import type { CompetitorFields, CompetitorUpdate } from '../../schema/index.ts';
import type { Actor, AppContext } from '../context.ts';
import { addPart, changePart } from './parts.ts';

/** Competitors and alternatives of one idea (including "do nothing"), as the competitive analysis reads them. */
export const addCompetitor = (
  ctx: AppContext,
  slug: string,
  ref: string,
  input: CompetitorFields,
  actor: Actor | null,
) => addPart(ctx, slug, ref, 'competitors', input, actor);

export async function updateCompetitor(
  ctx: AppContext,
  slug: string,
  ref: string,
  id: string,
  input: CompetitorUpdate,
  actor: Actor | null,
) {
  const { version, ...changes } = input;
  return changePart<CompetitorFields>(ctx, slug, ref, 'competitors', id, version, actor, (current) => ({
    ...current,
    ...(changes as Partial<CompetitorFields>),
  }));
}
