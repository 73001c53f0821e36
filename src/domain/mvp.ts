import {
  MOSCOW,
  MOSCOW_NAMES,
  type Moscow,
  MVP_METHOD_VERSION,
  MVP_STEPS,
  type MvpStepId,
  STORY_CRITERIA,
  storyPriority,
} from '../methodology/index.ts';
import type { MvpData, MvpReadout, MvpStepProgress, MvpStoryReadout, UserStory } from '../schema/index.ts';

/** What the MVP steps link to outside their own data: the frame, competitors, sizing, success metrics. */
export interface MvpLinks {
  framed: boolean;
  competitors: number;
  sized: boolean;
  /** The names of the idea's own success metrics. */
  successMetrics: readonly string[];
  /** The refs of the idea's assumptions (A1…, or #n for one without a ref). */
  assumptions: readonly string[];
}

const said = (s: string | undefined): boolean => s !== undefined && s.trim() !== '';

/** The user-story sentence: "As <class>, I want …, so that …". */
export const storySentence = (s: Pick<UserStory, 'iWant' | 'soThat'>, userClassName: string | null): string =>
  `As ${userClassName ?? 'a user'}, I want ${s.iWant.trim().replace(/[.]$/, '')}, so that ${s.soThat.trim().replace(/[.]$/, '')}.`;

export const isScored = (s: UserStory): s is UserStory & Record<(typeof STORY_CRITERIA)[number], number> =>
  STORY_CRITERIA.every((c) => s[c] !== undefined);

/** The stories in a cut, in the order the team wrote them. */
export const storiesIn = (mvp: MvpData | null | undefined, cut: Moscow): UserStory[] =>
  (mvp?.stories ?? []).filter((s) => s.moscow === cut);

/** What each step still lacks; a step with nothing missing is done. No step depends on another being done. */
function missingFor(id: MvpStepId, mvp: MvpData, links: MvpLinks): string[] {
  const m: string[] = [];
  switch (id) {
    case 'context':
      if (!said(mvp.context?.headline)) m.push('a short headline');
      if (!said(mvp.context?.problem)) m.push('the problem');
      if (!said(mvp.context?.market) && !said(mvp.context?.keyPlayers)) m.push('the market or its key players');
      break;
    case 'users': {
      const classes = mvp.userClasses ?? [];
      if (!classes.length) m.push('at least one user class');
      for (const c of classes) if (!said(c.successCriteria)) m.push(`success criteria for ${c.name}`);
      break;
    }
    case 'market':
      if (!links.competitors) m.push('the alternatives and competitors');
      if (!links.sized) m.push('the market size');
      if (!said(mvp.whyNow)) m.push('why now');
      break;
    case 'concept':
      if (!said(mvp.concept?.valueProposition)) m.push('the value proposition');
      if (!said(mvp.concept?.formFactor)) m.push('the form factor');
      if (!mvp.concept?.happyPath?.length) m.push('the happy path');
      if (!said(mvp.concept?.statement)) m.push('the one-sentence statement');
      break;
    case 'backlog':
      if (!mvp.stories?.length) m.push('the user stories');
      break;
    case 'mvp': {
      const stories = mvp.stories ?? [];
      if (!stories.length) m.push('stories to score and cut');
      const unscored = stories.filter((s) => !isScored(s)).length;
      if (unscored) m.push(`scores for ${unscored} ${unscored === 1 ? 'story' : 'stories'}`);
      const uncut = stories.filter((s) => !s.moscow).length;
      if (uncut) m.push(`the cut for ${uncut} ${uncut === 1 ? 'story' : 'stories'}`);
      if (stories.length && !stories.some((s) => s.moscow === 'must')) m.push('at least one must-have story');
      const bare = storiesIn(mvp, 'must').filter((s) => !s.acceptance?.length).length;
      if (bare) m.push(`acceptance criteria for ${bare} MVP ${bare === 1 ? 'story' : 'stories'}`);
      if (!mvp.outOfScope?.length) m.push('the out-of-scope list');
      // A link checked when saved can still break later, when the assumption is removed: say so here.
      for (const s of stories)
        if (s.tests && !links.assumptions.includes(s.tests))
          m.push(`${s.ref} tests ${s.tests}, which the idea no longer has`);
      break;
    }
    case 'success': {
      const metrics = mvp.metrics ?? [];
      if (!metrics.length) m.push('at least one MVP success metric');
      if (metrics.length && !metrics.some((x) => x.successMetric && links.successMetrics.includes(x.successMetric)))
        m.push(links.successMetrics.length ? "a tie to the idea's success metric" : "the idea's success metric");
      if (metrics.length && !metrics.some((x) => x.pmfSignal)) m.push('a tie to a product-market fit signal');
      for (const x of metrics)
        if (x.successMetric && !links.successMetrics.includes(x.successMetric))
          m.push(`"${x.metric}" feeds "${x.successMetric}", which is no longer a success metric of the idea`);
      break;
    }
  }
  return m;
}

export function mvpProgress(mvp: MvpData | null | undefined, links: MvpLinks): MvpStepProgress[] {
  const data = mvp ?? {};
  return MVP_STEPS.map((s) => {
    const missing = missingFor(s.id, data, links);
    return { id: s.id, number: s.number, name: s.name, done: missing.length === 0, missing };
  });
}

/** The backlog for reading: every story with its sentence and priority, highest priority first. */
export function readStories(mvp: MvpData | null | undefined): MvpStoryReadout[] {
  const names = new Map((mvp?.userClasses ?? []).map((c) => [c.ref, c.name]));
  const rows = (mvp?.stories ?? []).map((s, index) => {
    const name = names.get(s.userClass) ?? null;
    return {
      index,
      row: {
        ref: s.ref,
        text: storySentence(s, name),
        userClassName: name,
        priority: isScored(s) ? Math.round(storyPriority(s) * 100) / 100 : null,
        moscow: s.moscow ?? null,
      },
    };
  });
  // Stable: equal or missing priorities keep the order the team wrote them in.
  rows.sort((a, b) => (b.row.priority ?? -1) - (a.row.priority ?? -1) || a.index - b.index);
  return rows.map((r) => r.row);
}

export function mvpReadout(mvp: MvpData | null | undefined, links: MvpLinks): MvpReadout {
  const steps = mvpProgress(mvp, links);
  const headline = mvp?.context?.headline?.trim();
  return {
    method: MVP_METHOD_VERSION,
    steps,
    done: steps.filter((s) => s.done).length,
    headline: headline ? headline : null,
    stories: readStories(mvp),
    competitors: links.competitors,
    sized: links.sized,
    framed: links.framed,
  };
}

export interface MvpProblem {
  path: string;
  message: string;
}

/**
 * What makes an MVP definition inconsistent: a ref used twice, a story of a user class that does not exist,
 * a story testing an assumption the idea does not have, a metric tied to a success metric it does not have.
 * All of them are reported at once, so one correction fixes the whole file.
 */
export function mvpProblems(
  mvp: MvpData,
  assumptionRefs: ReadonlySet<string>,
  successMetrics: readonly string[],
): MvpProblem[] {
  const problems: MvpProblem[] = [];
  const classes = new Set<string>();
  for (const [i, c] of (mvp.userClasses ?? []).entries()) {
    if (classes.has(c.ref)) problems.push({ path: `/mvp/userClasses/${i}/ref`, message: `${c.ref} is used twice.` });
    classes.add(c.ref);
  }
  const stories = new Set<string>();
  for (const [i, s] of (mvp.stories ?? []).entries()) {
    if (stories.has(s.ref)) problems.push({ path: `/mvp/stories/${i}/ref`, message: `${s.ref} is used twice.` });
    stories.add(s.ref);
    if (!classes.has(s.userClass))
      problems.push({
        path: `/mvp/stories/${i}/userClass`,
        message: `${s.ref}: there is no user class ${s.userClass}.`,
      });
    if (s.tests !== undefined && !assumptionRefs.has(s.tests))
      problems.push({ path: `/mvp/stories/${i}/tests`, message: `${s.ref}: the idea has no assumption ${s.tests}.` });
  }
  for (const [i, x] of (mvp.metrics ?? []).entries()) {
    if (x.successMetric !== undefined && !successMetrics.includes(x.successMetric))
      problems.push({
        path: `/mvp/metrics/${i}/successMetric`,
        message: `The idea has no success metric named "${x.successMetric}".`,
      });
  }
  return problems;
}

/** The MoSCoW cut in the order of the release plan, each with its stories. */
export const releasePlan = (mvp: MvpData | null | undefined): { cut: Moscow; name: string; stories: UserStory[] }[] =>
  MOSCOW.map((cut) => ({ cut, name: MOSCOW_NAMES[cut], stories: storiesIn(mvp, cut) })).filter((r) => r.stories.length);
