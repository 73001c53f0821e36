import { MOSCOW_NAMES, MOSCOW_RELEASES, PMF_SIGNALS } from '../../methodology/index.ts';
import type { MvpData, UserStory } from '../../schema/index.ts';
import { readStories, releasePlan, storySentence } from '../mvp.ts';
import type { Facts } from './facts.ts';
import type { Block, ListItem } from './model.ts';
import { formatNumber, has, listing, oneLine, shorten } from './text.ts';

/** The MVP definition as the documents read it (step data entered on the idea's MVP page). */
export const mvpOf = (f: Facts): MvpData | undefined => f.input.opportunity.mvp;

const classNames = (mvp: MvpData) => new Map((mvp.userClasses ?? []).map((c) => [c.ref, oneLine(c.name)]));

/** Step 4's happy path, in order; null when it has no steps. */
export function happyPathBlock(f: Facts, max?: number): Block | null {
  const steps = mvpOf(f)?.concept?.happyPath ?? [];
  if (!steps.length) return null;
  return {
    type: 'list',
    ordered: true,
    items: steps.map((s) => ({ text: max ? shorten(oneLine(s), max) : oneLine(s) })),
  };
}

/** The stories to build (must, should, could), by cut and then priority, with acceptance criteria. */
export function featuresTable(f: Facts): Block | null {
  const mvp = mvpOf(f);
  if (!mvp?.stories?.length) return null;
  const byRef = new Map(mvp.stories.map((s) => [s.ref, s]));
  const names = classNames(mvp);
  const order = ['must', 'should', 'could'] as const;
  const rows = order.flatMap((cut) =>
    readStories(mvp)
      .filter((r) => r.moscow === cut)
      .map((r) => {
        const s = byRef.get(r.ref)!;
        const acceptance = s.acceptance?.length ? s.acceptance.map(oneLine).join('; ') : 'not written yet';
        const tests = s.tests ? ` Tests ${s.tests}.` : '';
        return [MOSCOW_NAMES[cut], `${storySentence(s, names.get(s.userClass) ?? null)}${tests}`, acceptance];
      }),
  );
  if (!rows.length) return null;
  return {
    type: 'table',
    caption: 'From the MVP definition (step 6): the MoSCoW cut, highest priority first within each cut.',
    columns: ['Priority', 'User story', 'Acceptance criteria'],
    rows,
  };
}

/** Stories the team scored but has not cut yet: named, so the reader sees the cut is unfinished. */
export const uncutStories = (f: Facts): UserStory[] => (mvpOf(f)?.stories ?? []).filter((s) => !s.moscow);

/** Step 6's out-of-scope list with its reasons, and the stories cut as "won't have". */
export function nonGoalItems(f: Facts, max?: number): ListItem[] {
  const mvp = mvpOf(f);
  if (!mvp) return [];
  const cut = (t: string) => (max ? shorten(t, max) : t);
  const names = classNames(mvp);
  return [
    ...(mvp.outOfScope ?? []).map((o) => ({ label: oneLine(o.item), text: cut(oneLine(o.why)) })),
    ...(mvp.stories ?? [])
      .filter((s) => s.moscow === 'wont')
      .map((s) => ({ label: MOSCOW_NAMES.wont, text: cut(storySentence(s, names.get(s.userClass) ?? null)) })),
  ];
}

/** The release plan from the MoSCoW cut: which stories go in which release. */
export function releasePlanBlock(f: Facts): Block | null {
  const mvp = mvpOf(f);
  const plan = releasePlan(mvp).filter((r) => r.cut !== 'wont');
  if (!mvp || !plan.length) return null;
  const names = classNames(mvp);
  return {
    type: 'table',
    caption: 'From the MoSCoW cut of the MVP definition.',
    columns: ['Release', 'Stories'],
    rows: plan.map((r) => [
      MOSCOW_RELEASES[r.cut],
      listing(r.stories.map((s) => `${s.ref} ${oneLine(s.iWant)} (${names.get(s.userClass) ?? 'no user class'})`)),
    ]),
  };
}

/** Step 7: the MVP's success metrics with their thresholds and what each feeds. */
export function mvpMetricItems(f: Facts): ListItem[] {
  return (mvpOf(f)?.metrics ?? []).map((x) => {
    const ties = [
      x.successMetric ? `feeds the success metric "${oneLine(x.successMetric)}"` : '',
      x.pmfSignal
        ? `feeds the ${(PMF_SIGNALS.find((s) => s.id === x.pmfSignal)?.name ?? x.pmfSignal).toLowerCase()} signal`
        : '',
    ].filter(Boolean);
    const unit = has(x.unit) ? ` ${oneLine(x.unit!)}` : '';
    const side = x.higherIsBetter === false ? 'at most' : 'at least';
    return {
      label: 'MVP',
      text: `${oneLine(x.metric)} ${side} ${formatNumber(x.threshold)}${unit}${ties.length ? `; ${ties.join(', ')}` : ''}.`,
    };
  });
}
