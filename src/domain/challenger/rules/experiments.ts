import { STAGES } from '../../../methodology/index.ts';
import type { ExperimentEvaluation } from '../../../schema/index.ts';
import { type Criteria, currentCriteria } from '../../experiments.ts';
import { type ExperimentRow, type Hit, listWords, quote, type Rule, refs } from '../facts.ts';
import { emptyFalsifier, hasFigure, hedgeIn, successClaim, vagueMetric } from '../text.ts';
import { REQUIRED_FROM } from './framing.ts';

const OUTCOME_WORDS: Record<ExperimentEvaluation['outcome'], string> = {
  'not-started': 'not started',
  'in-progress': 'still in progress',
  overdue: 'overdue without a result',
  'insufficient-sample': 'too small a sample to judge',
  'no-criteria': 'without criteria to judge it',
  mixed: 'a mixed result',
  passed: 'a pass',
  failed: 'a failure',
};

const each = (rows: readonly ExperimentRow[], fn: (x: ExperimentRow) => Hit | null): Hit[] =>
  rows.flatMap((x) => {
    const hit = fn(x);
    return hit ? [hit] : [];
  });

const criteriaWords = (c: Criteria) =>
  [
    `success ${c.successThreshold ?? 'none'}`,
    `kill ${c.killThreshold ?? 'none'}`,
    c.minSample !== undefined ? `minimum sample ${c.minSample}` : null,
    c.deadline ? `deadline ${c.deadline}` : null,
  ]
    .filter(Boolean)
    .join(', ');

/** Two metric names are the same metric when they read the same, ignoring case, punctuation and spacing. */
const normalMetric = (m: string) =>
  m
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
const sameMetric = (a: string, b: string) => normalMetric(a) === normalMetric(b);

const sampleWords = (x: ExperimentRow) => (x.x.sample !== undefined ? ` on a sample of ${x.x.sample}` : '');
const learningOf = (x: ExperimentRow) =>
  [x.x.learning, x.x.learningCard?.observed, x.x.learningCard?.therefore].filter((t) => t?.trim()).join('. ');

export const experimentRules: Rule[] = [
  {
    id: 'no-success-metric.experiment-without-success-threshold',
    check: (f) =>
      each(f.experiments, (x) =>
        x.x.successThreshold !== undefined
          ? null
          : {
              subject: x.ref,
              severity: x.x.status === 'planned' ? 'medium' : 'high',
              vars: { exp: x.ref, status: x.x.status, metric: x.x.metric },
              references: [refs.experiment(x, 'successThreshold')],
              data: { experiment: x.ref, status: x.x.status },
            },
      ),
  },
  {
    id: 'no-success-metric.vague-metric',
    check: (f) =>
      each(f.experiments, (x) => {
        const word = vagueMetric(x.x.metric);
        if (!word) return null;
        return {
          subject: x.ref,
          vars: {
            exp: x.ref,
            metric: x.x.metric,
            word,
            example:
              x.x.method === 'fake-door' || x.x.method === 'smoke-test' ? 'click through' : 'come back and use it',
          },
          references: [refs.experiment(x, 'metric')],
          data: { experiment: x.ref, word },
        };
      }),
  },
  {
    id: 'no-kill-criteria.experiment-without-kill-threshold',
    check: (f) =>
      each(f.experiments, (x) => {
        if (x.x.killThreshold !== undefined) return null;
        const wrongWhen = x.x.wrongWhen?.trim();
        return {
          subject: x.ref,
          severity: wrongWhen && hasFigure(wrongWhen) ? 'low' : x.x.status === 'planned' ? 'medium' : 'high',
          vars: {
            exp: x.ref,
            status: x.x.status,
            metric: x.x.metric,
            falsifier: wrongWhen
              ? ` (the card only says it is wrong when "${quote(wrongWhen, 80)}")`
              : ' and no falsifier',
          },
          references: [refs.experiment(x, 'killThreshold')],
          data: { experiment: x.ref, status: x.x.status, wrongWhen: wrongWhen ?? null },
        };
      }),
  },
  {
    id: 'no-kill-criteria.unfalsifiable-hypothesis',
    check: (f) =>
      each(f.experiments, (x) => {
        const hedge = hedgeIn(x.x.hypothesis);
        const empty = emptyFalsifier(x.x.wrongWhen);
        if (!hedge && !empty) return null;
        const why = [
          hedge ? `the hypothesis "${quote(x.x.hypothesis, 80)}" is hedged with "${hedge}"` : null,
          empty ? `the falsifier is "${x.x.wrongWhen}"` : null,
        ]
          .filter(Boolean)
          .join(', and ');
        return {
          subject: x.ref,
          vars: { exp: x.ref, why },
          references: [refs.experiment(x, hedge ? 'hypothesis' : 'wrongWhen')],
          data: { experiment: x.ref, hedge, emptyFalsifier: empty },
        };
      }),
  },
  {
    id: 'no-kill-criteria.no-experiments-past-discovery',
    check(f) {
      if (!(f.stage === 'validation' || f.stage === 'realization') || f.experiments.length > 0) return [];
      // The idea's own kill criteria say when to stop; the missing tests are the riskiest-assumption rules' business.
      if ((f.opp.idea.killCriteria ?? []).length > 0) return [];
      const top = f.assumptions.slice().sort((a, b) => a.map.rank - b.map.rank)[0];
      return [
        {
          subject: 'experiments',
          severity: f.stage === 'realization' ? 'critical' : 'high',
          vars: {
            stage: STAGES.find((s) => s.id === f.stage)?.name ?? f.stage,
            riskiest: top ? ` (${top.ref}: "${quote(top.a.statement, 70)}")` : '',
          },
          references: [refs.idea('stage'), ...(top ? [refs.assumption(top)] : [])],
          data: { stage: f.stage, experiments: 0 },
        },
      ];
    },
  },
  {
    id: 'no-kill-criteria.idea-without-kill-criteria',
    check(f) {
      if (!REQUIRED_FROM.has(f.stage) || (f.opp.idea.killCriteria ?? []).length > 0) return [];
      if (f.experiments.length === 0) return []; // "no experiments past discovery" says it
      // A kill threshold kept as registered is a kill line; one loosened after the start is not.
      const intact = f.experiments.filter(
        (x) =>
          x.registered.killThreshold !== undefined &&
          !x.moves.some((m) => m.field === 'killThreshold' && m.direction === 'loosened'),
      );
      if (intact.length > 0) return [];
      const loosened = f.experiments.filter((x) =>
        x.moves.some((m) => m.field === 'killThreshold' && m.direction === 'loosened'),
      );
      const experiments = loosened.length
        ? `the kill threshold of ${listWords(loosened.map((x) => x.ref))} was loosened after the start, so it no longer says when to stop`
        : `none of its ${f.experiments.length} experiment(s) has a kill threshold either`;
      return [
        {
          subject: 'idea.killCriteria',
          severity: f.stage === 'validation' ? 'high' : 'critical',
          vars: { stage: STAGES.find((st) => st.id === f.stage)?.name ?? f.stage, experiments },
          references: [refs.idea('killCriteria'), ...loosened.map((x) => refs.experiment(x, 'killThreshold'))],
          data: { stage: f.stage, killCriteria: 0, loosened: loosened.length },
        },
      ];
    },
  },
  {
    id: 'no-kill-criteria.experiment-kill-looser-than-idea',
    check(f) {
      const hits: Hit[] = [];
      for (const k of f.opp.idea.killCriteria ?? []) {
        if (k.metric === undefined || k.threshold === undefined) continue;
        const hib = k.higherIsBetter ?? true;
        for (const x of f.experiments) {
          if (sameMetric(x.x.metric, k.metric) === false) continue;
          if ((x.x.higherIsBetter ?? true) !== hib) continue;
          const kill = x.x.killThreshold;
          if (kill === undefined) continue;
          const looser = hib ? kill < k.threshold : kill > k.threshold;
          if (!looser) continue;
          hits.push({
            subject: x.ref,
            vars: {
              metric: k.metric,
              side: hib ? 'at or below' : 'at or above',
              ideaThreshold: k.threshold,
              statement: quote(k.statement, 90),
              exp: x.ref,
              kill,
            },
            references: [refs.experiment(x, 'killThreshold'), refs.idea('killCriteria')],
            data: { experiment: x.ref, kill, ideaThreshold: k.threshold, higherIsBetter: hib },
          });
        }
      }
      return hits;
    },
  },
  {
    id: 'no-kill-criteria.thresholds-overlap',
    check: (f) =>
      each(f.experiments, (x) => {
        const { successThreshold: s, killThreshold: k } = x.x;
        if (s === undefined || k === undefined) return null;
        const hib = x.x.higherIsBetter ?? true;
        if (hib ? k < s : k > s) return null;
        return {
          subject: x.ref,
          vars: { exp: x.ref, success: s, kill: k, direction: hib ? 'higher is better' : 'lower is better' },
          references: [refs.experiment(x, 'killThreshold'), refs.experiment(x, 'successThreshold')],
          data: { experiment: x.ref, success: s, kill: k, higherIsBetter: hib },
        };
      }),
  },
  {
    id: 'moved-goalposts.criteria-changed-after-start',
    check: (f) =>
      each(f.experiments, (x) => {
        const recorded = x.x.criteriaChanges ?? [];
        if (x.moves.length === 0 && !x.x.goalpostsMoved && recorded.length === 0) return null;
        const changes = x.moves.length
          ? listWords(
              x.moves.map((m) => m.explanation.replace(/\.$/, '')),
              4,
            )
          : recorded.length
            ? listWords(recorded.map((c) => `${c.field} ${String(c.from)} → ${String(c.to)} on ${c.on}`))
            : 'it is flagged as moved goalposts, but what changed was not recorded';
        const reasons = [...new Set(recorded.map((c) => c.reason))];
        const loosened = x.moves.some((m) => m.direction === 'loosened');
        return {
          subject: x.ref,
          severity: loosened && x.x.status === 'completed' ? 'critical' : loosened ? 'high' : 'medium',
          vars: {
            exp: x.ref,
            started: x.x.startedOn ? ` on ${x.x.startedOn}` : '',
            changes: reasons.length ? `${changes} (reason given: "${quote(reasons.join('; '), 120)}")` : changes,
          },
          references: [refs.experiment(x, recorded.length ? 'criteriaChanges' : undefined)],
          data: {
            experiment: x.ref,
            moves: x.moves.length,
            loosened: x.moves.filter((m) => m.direction === 'loosened').length,
          },
        };
      }),
  },
  {
    id: 'moved-goalposts.passes-only-under-new-criteria',
    check: (f) =>
      each(f.experiments, (x) => {
        if (x.registeredSource === 'current') return null;
        if (x.current.outcome !== 'passed' || x.evaluation.outcome === 'passed') return null;
        return {
          subject: x.ref,
          vars: {
            exp: x.ref,
            observed: x.evaluation.observed ?? 'nothing',
            sample: sampleWords(x),
            current: criteriaWords(currentCriteria(x.x)),
            locked: criteriaWords(x.registered),
            lockedOutcome: OUTCOME_WORDS[x.evaluation.outcome],
          },
          references: [refs.experiment(x)],
          data: { experiment: x.ref, current: 'passed', registered: x.evaluation.outcome },
        };
      }),
  },
  {
    id: 'moved-goalposts.success-declared-below-threshold',
    check: (f) =>
      each(f.experiments, (x) => {
        const e = x.evaluation;
        if (e.successThreshold === null) return null;
        if (!['mixed', 'failed', 'insufficient-sample'].includes(e.outcome)) return null;
        const learning = learningOf(x);
        const claim = successClaim(learning);
        if (!claim) return null;
        return {
          subject: x.ref,
          severity: e.outcome === 'failed' ? 'critical' : 'high',
          vars: {
            exp: x.ref,
            observed: e.observed ?? 'nothing',
            sample: sampleWords(x),
            success: e.successThreshold,
            kill: e.killThreshold !== null ? ` and a kill threshold of ${e.killThreshold}` : '',
            outcome: OUTCOME_WORDS[e.outcome],
            quote: quote(learning, 120),
          },
          references: [refs.experiment(x, x.x.learningCard ? 'learningCard' : 'learning')],
          data: { experiment: x.ref, outcome: e.outcome, claim },
        };
      }),
  },
];
