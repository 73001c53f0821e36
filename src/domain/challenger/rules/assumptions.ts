import { CHALLENGE_THRESHOLDS, CHALLENGE_WORDS, type EconomicsInput, STAGES } from '../../../methodology/index.ts';
import { formatMoney, formatShare } from '../../economics.ts';
import { type AssumptionRow, type Facts, type Hit, listWords, quote, type Rule, refs } from '../facts.ts';
import { mentions } from '../text.ts';

const { importantAssumption } = CHALLENGE_THRESHOLDS;
const stageName = (id: string) => STAGES.find((s) => s.id === id)?.name ?? id;
const named = (a: AssumptionRow) => `${a.ref} "${quote(a.a.statement, 80)}"`;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1).replace(/[.]$/, '');

const TEST_FOR_AREA: Record<string, string> = {
  desirability: 'a fake door or a concierge pilot',
  viability: 'a pre-sale or a price test',
  feasibility: 'a technical spike or a prototype on real data',
  usability: 'a prototype test with five target users',
  ethics: 'a review with the people accountable for it (legal, data protection, safety)',
};

/** Untested important assumptions, riskiest first. */
const untestedImportant = (f: Facts) =>
  f.assumptions
    .filter((a) => a.a.importance >= importantAssumption && !a.tested)
    .sort((p, q) => p.map.rank - q.map.rank);

/**
 * An economics input whose source is named is not a silent assumption. One marked as an assumption still is
 * unexamined: it is on the assumption map, and these findings stay until something examines it.
 */
const sourced = (f: Facts, input: EconomicsInput): boolean => f.opp.economics?.basis?.[input]?.kind === 'source';

/** Does anything the team wrote down (assumptions, experiments, evidence, economics notes) mention these words? */
const examinedWith = (f: Facts, words: readonly string[]) =>
  f.examined.map((t) => mentions(t, words)).find((m) => m !== null) ?? null;

export const assumptionRules: Rule[] = [
  {
    id: 'untested-riskiest-assumption.riskiest-untested',
    check(f) {
      const top = untestedImportant(f)[0];
      if (!top) return [];
      const others = untestedImportant(f).length - 1;
      const evidence = top.map.strongestEvidence ? `only ${top.map.strongestEvidence} evidence` : 'no evidence';
      return [
        {
          subject: top.ref,
          severity:
            f.stage === 'discovery'
              ? 'low'
              : f.stage === 'validation' || f.stage === 'parked'
                ? 'high'
                : f.stage === 'killed'
                  ? 'low'
                  : 'critical',
          vars: {
            assumption: named(top),
            importance: top.a.importance,
            area: top.a.area,
            evidence,
            example: TEST_FOR_AREA[top.a.area] ?? 'the cheapest test that could fail',
          },
          references: [refs.assumption(top), ...top.experiments.map((x) => refs.experiment(x))],
          data: { assumption: top.ref, importance: top.a.importance, rank: top.map.rank, otherUntested: others },
        },
      ];
    },
  },
  {
    id: 'untested-riskiest-assumption.testing-safe-bets',
    check(f) {
      const started = f.experiments.filter((x) => x.x.status !== 'planned' && x.assumptions.length > 0);
      if (started.length === 0) return [];
      const testedMax = Math.max(...started.flatMap((x) => x.assumptions.map((a) => a.a.importance)));
      const top = untestedImportant(f)[0];
      if (!top || top.a.importance <= testedMax) return [];
      return [
        {
          subject: top.ref,
          vars: {
            experiments: listWords(started.map((x) => x.ref)),
            testedMax,
            assumption: named(top),
            importance: top.a.importance,
          },
          references: [refs.assumption(top), ...started.map((x) => refs.experiment(x))],
          data: { assumption: top.ref, importance: top.a.importance, testedMax },
        },
      ];
    },
  },
  {
    id: 'untested-riskiest-assumption.advanced-past-untested',
    check(f) {
      const decisions = (f.opp.decisions ?? [])
        .map((d, index) => ({ d, index }))
        .filter(({ d }) => d.outcome === 'advance' && (d.toStage === 'realization' || d.toStage === 'launched'));
      const last = decisions[decisions.length - 1];
      const top = untestedImportant(f)[0];
      if (!last || !top) return [];
      const { d, index } = last;
      const when = d.decidedAt ? ` on ${d.decidedAt.slice(0, 10)}` : '';
      return [
        {
          subject: `decision-${index + 1}`,
          vars: {
            toStage: stageName(d.toStage),
            decided: `${when}${d.decidedBy ? ` by ${d.decidedBy}` : ''}`,
            assumption: named(top),
            importance: top.a.importance,
          },
          references: [refs.decision(index), refs.assumption(top)],
          data: { decision: index + 1, toStage: d.toStage, assumption: top.ref },
        },
      ];
    },
  },
  {
    id: 'untested-riskiest-assumption.no-assumptions-recorded',
    check(f) {
      if (!['validation', 'realization', 'launched'].includes(f.stage) || f.assumptions.length > 0) return [];
      return [
        {
          subject: 'assumptions',
          severity: f.stage === 'validation' ? 'high' : 'critical',
          vars: { stage: stageName(f.stage) },
          references: [refs.idea('stage')],
          data: { stage: f.stage, assumptions: 0 },
        },
      ];
    },
  },
  {
    id: 'silent-assumption-unexamined.recorded-silent-untested',
    check(f) {
      const hits: Hit[] = [];
      for (const a of f.assumptions) {
        if (a.a.kind !== 'silent') continue;
        const evidence = (a.a.evidence ?? []).filter((r) => f.evidenceByRef.has(r));
        if (evidence.length > 0 || a.experiments.length > 0) continue;
        hits.push({
          subject: a.ref,
          severity: a.a.importance >= importantAssumption ? 'high' : 'medium',
          vars: { assumption: named(a), importance: a.a.importance, statement: lowerFirst(a.a.statement) },
          references: [refs.assumption(a)],
          data: { assumption: a.ref, importance: a.a.importance },
        });
      }
      return hits;
    },
  },
  {
    id: 'silent-assumption-unexamined.switching-assumed',
    check(f) {
      const competitors = f.opp.competitors ?? [];
      if (competitors.length === 0) return [];
      if (examinedWith(f, CHALLENGE_WORDS.switchingWords)) return [];
      const names = competitors.map((c) => c.name);
      // An assumption or a test that names a listed alternative is reasoning about moving people off it.
      const stated = [
        ...f.assumptions.map((a) => a.a.statement),
        ...f.experiments.flatMap((x) => [x.x.hypothesis, x.x.wrongWhen ?? '']),
      ].some((t) => names.some((n) => n.length > 2 && t.toLowerCase().includes(n.toLowerCase())));
      if (stated) return [];
      return [
        {
          subject: 'switching',
          // "Do nothing" is not something a person drops: the first named alternative stands for them all.
          vars: {
            alternatives: listWords(names),
            first: names.find((n) => !/^\s*(do nothing|nothing|status quo)\b/i.test(n)) ?? 'what they do today',
          },
          references: competitors.map((c, i) => refs.competitor(c.name, i)),
          data: { competitors: competitors.length },
        },
      ];
    },
  },
  {
    id: 'silent-assumption-unexamined.channel-assumed',
    check(f) {
      const e = f.opp.economics;
      if (!e?.cac || e.cac <= 0 || sourced(f, 'cac')) return [];
      if (examinedWith(f, CHALLENGE_WORDS.channelWords)) return [];
      return [
        {
          subject: 'economics.cac',
          vars: { cac: formatMoney(e.cac, e.currency) },
          references: [refs.economics('cac')],
          data: { cac: e.cac },
        },
      ];
    },
  },
  {
    id: 'silent-assumption-unexamined.margin-assumed',
    check(f) {
      const e = f.opp.economics;
      if (e?.grossMargin === undefined || sourced(f, 'grossMargin')) return [];
      if (examinedWith(f, CHALLENGE_WORDS.marginWords)) return [];
      return [
        {
          subject: 'economics.grossMargin',
          vars: { margin: formatShare(e.grossMargin) },
          references: [refs.economics('grossMargin')],
          data: { grossMargin: e.grossMargin },
        },
      ];
    },
  },
  {
    id: 'silent-assumption-unexamined.willingness-to-pay-assumed',
    check(f) {
      const e = f.opp.economics;
      if (!e?.arpuMonthly || e.arpuMonthly <= 0 || sourced(f, 'arpuMonthly')) return [];
      const paid = f.evidence.some((r) => r.e.strength === 'paying' || r.e.kind === 'revenue-signal');
      const priceTest = f.experiments.some(
        (x) => x.x.status !== 'planned' && ['pre-sale', 'fake-door', 'smoke-test'].includes(x.x.method),
      );
      const stated = f.assumptions.some((a) => mentions(a.a.statement, CHALLENGE_WORDS.payWords));
      if (paid || priceTest || stated) return [];
      return [
        {
          subject: 'economics.arpuMonthly',
          vars: { arpu: formatMoney(e.arpuMonthly, e.currency) },
          references: [refs.economics('arpuMonthly')],
          data: { arpuMonthly: e.arpuMonthly },
        },
      ];
    },
  },
  {
    id: 'silent-assumption-unexamined.retention-assumed',
    check(f) {
      const e = f.opp.economics;
      if (e?.monthlyChurn === undefined || e.monthlyChurn > CHALLENGE_THRESHOLDS.lowMonthlyChurn) return [];
      if (sourced(f, 'monthlyChurn')) return [];
      if (examinedWith(f, CHALLENGE_WORDS.retentionWords)) return [];
      return [
        {
          subject: 'economics.monthlyChurn',
          vars: {
            churn: formatShare(e.monthlyChurn),
            lifetime: e.monthlyChurn > 0 ? Math.round(1 / e.monthlyChurn) : 'an unlimited number of',
          },
          references: [refs.economics('monthlyChurn')],
          data: { monthlyChurn: e.monthlyChurn },
        },
      ];
    },
  },
];
