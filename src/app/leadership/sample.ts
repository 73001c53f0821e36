import { and, eq } from 'drizzle-orm';
import { PULSE_STATEMENTS, TRAIT_IDS } from '../../methodology/index.ts';
import { SAMPLE_LEADERSHIP } from '../../sample/leadership.ts';
import type { TraitRatingInput } from '../../schema/index.ts';
import { members } from '../../store/schema.ts';
import type { Actor, AppContext } from '../context.ts';
import { findWorkspace } from '../workspaces.ts';
import { closeCycle, inviteRater, openCycle, putSelfRatings } from './cycles.ts';
import { createPlan, notePlan } from './plans.ts';
import { answerPulse, closePulse, openPulse } from './pulse.ts';
import { answerRequest, listRequests } from './requests.ts';
import { share } from './team.ts';

/**
 * The sample team's leadership cycle (src/sample/leadership.ts), written through the same use cases as
 * the API, so the sample obeys every rule the API does. Called by the sample load, in its transaction.
 */
export async function loadSampleLeadership(ctx: AppContext, slug: string) {
  const s = SAMPLE_LEADERSHIP;
  const ws = await findWorkspace(ctx.store.db, slug);
  const actor = async (name: string): Promise<Actor> => {
    const [m] = await ctx.store.db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(and(eq(members.workspaceId, ws.id), eq(members.name, name)));
    if (!m) throw new Error(`The sample has no member "${name}".`);
    return m;
  };
  const ratings = (scores: number[], examples: Partial<Record<string, string>> = {}): TraitRatingInput[] =>
    TRAIT_IDS.map((trait, i) => ({
      trait,
      score: scores[i]!,
      ...(examples[trait] ? { example: examples[trait] } : {}),
    }));

  const subject = await actor(s.subject);
  let cycle = await openCycle(ctx, slug, subject);
  cycle = await putSelfRatings(
    ctx,
    slug,
    cycle.id,
    { version: cycle.version, ratings: ratings(s.self, s.selfExamples) },
    subject,
  );
  for (const r of s.raters) {
    const rater = await actor(r.name);
    cycle = (
      await inviteRater(ctx, slug, cycle.id, { version: cycle.version, group: r.group, memberId: rater.id }, subject)
    ).cycle;
    const [request] = (await listRequests(ctx, slug, rater)).filter((q) => q.subject === subject.name);
    await answerRequest(
      ctx,
      slug,
      request!.id,
      { ratings: ratings(r.scores, r.examples), ...(r.consent ? { consent: true } : {}) },
      rater,
    );
  }
  await closeCycle(ctx, slug, cycle.id, cycle.version, subject);
  const plan = await createPlan(ctx, slug, { stage: s.stage }, subject);
  await notePlan(ctx, slug, { version: plan.version, text: s.planNote }, subject);
  await share(ctx, slug, (await actor(s.sharedWith)).id, subject);

  const opener = await actor(s.pulse.openedBy);
  const round = await openPulse(ctx, slug, opener);
  for (const a of s.pulse.answers) {
    const answers = Object.fromEntries(PULSE_STATEMENTS.map((st, i) => [st.id, a.scores[i]!]));
    await answerPulse(ctx, slug, round.id, { answers }, await actor(a.name));
  }
  await closePulse(ctx, slug, round.id, round.version, opener);
}
