import { CHALLENGE_THRESHOLDS } from '../../../methodology/index.ts';
import type { FindingReference } from '../../../schema/index.ts';
import { type Facts, type Hit, listWords, quote, type Rule, refs } from '../facts.ts';
import { absenceOf, genericUsers, hasFigure, nounsOf, segmentsOf } from '../text.ts';

const PROBLEM_FIELDS = [
  ['currentState', 'current state'],
  ['gap', 'gap'],
] as const;

/** The places that name the users: the frame's "who has it" and the idea statement's "for ...". */
function userFields(f: Facts): { text: string; label: string; ref: FindingReference; subject: string }[] {
  const out = [];
  const who = f.opp.frame?.who?.trim();
  if (who) out.push({ text: who, label: 'frame\'s "who has it"', ref: refs.frame('who'), subject: 'frame.who' });
  const users = f.opp.idea.statement?.users?.trim();
  if (users) {
    out.push({
      text: users,
      label: 'idea statement\'s "for ..."',
      ref: refs.idea('statement.users'),
      subject: 'idea.statement.users',
    });
  }
  return out;
}

/** Stages where the idea must state its success metric and kill criteria, and where they are asked for. */
export const REQUIRED_FROM: ReadonlySet<string> = new Set(['validation', 'realization', 'launched']);
const ASKED_IN: ReadonlySet<string> = new Set(['discovery']);

export const framingRules: Rule[] = [
  {
    id: 'solution-as-problem.absence-of-solution',
    check(f) {
      const hits: Hit[] = [];
      for (const [field, label] of PROBLEM_FIELDS) {
        const m = absenceOf(f.opp.frame?.[field]);
        if (!m) continue;
        hits.push({
          subject: `frame.${field}`,
          vars: { field: label, phrase: m.phrase, noun: m.noun },
          references: [refs.frame(field)],
          data: { field, phrase: m.phrase, noun: m.noun },
        });
      }
      return hits;
    },
  },
  {
    id: 'solution-as-problem.problem-restates-idea',
    check(f) {
      const object = f.opp.idea.statement?.object;
      const targets = nounsOf(object);
      if (!object || targets.size === 0) return [];
      const hits: Hit[] = [];
      for (const [field, label] of PROBLEM_FIELDS) {
        const text = f.opp.frame?.[field];
        if (absenceOf(text)) continue; // already named as a missing solution
        const m = absenceOf(text, targets);
        if (!m) continue;
        hits.push({
          subject: `frame.${field}`,
          vars: { object, field: label, phrase: m.phrase },
          references: [refs.frame(field), refs.idea('statement.object')],
          data: { field, phrase: m.phrase, object },
        });
      }
      return hits;
    },
  },
  {
    id: 'vague-user.missing',
    check(f) {
      if (userFields(f).length > 0) return [];
      return [
        {
          subject: 'users',
          vars: {},
          references: [refs.frame('who'), refs.idea('statement.users')],
          data: { who: null, users: null },
        },
      ];
    },
  },
  {
    id: 'vague-user.generic-segment',
    check(f) {
      const hits: Hit[] = [];
      for (const u of userFields(f)) {
        const g = genericUsers(u.text);
        if (!g) continue;
        hits.push({
          subject: u.subject,
          vars: { field: u.label, text: quote(u.text), why: g.why },
          references: [u.ref],
          data: { text: u.text },
        });
      }
      return hits;
    },
  },
  {
    id: 'vague-user.too-many-segments',
    check(f) {
      const hits: Hit[] = [];
      for (const u of userFields(f)) {
        const segments = segmentsOf(u.text);
        if (segments.length <= CHALLENGE_THRESHOLDS.maxSegments) continue;
        hits.push({
          subject: u.subject,
          vars: { field: u.label, count: segments.length, list: listWords(segments, 6) },
          references: [u.ref],
          data: { segments: segments.length },
        });
      }
      return hits;
    },
  },
  {
    id: 'no-success-metric.no-measurable-outcome',
    check(f) {
      // The idea's own success metrics come first; a gap metric with a target (files before v2) is one too.
      if ((f.opp.idea.successMetrics ?? []).length > 0) return [];
      const frame = f.opp.frame;
      if (frame?.gapMetric) return [];
      const fields: [string, string | undefined, FindingReference][] = [
        ['the gap', frame?.gap, refs.frame('gap')],
        ['the ideal state', frame?.idealState, refs.frame('idealState')],
        ['the goal in the idea statement', f.opp.idea.statement?.goal, refs.idea('statement.goal')],
      ];
      const present = fields.filter(([, text]) => text?.trim());
      const withFigure = present.filter(([, text]) => hasFigure(text));
      const required = REQUIRED_FROM.has(f.stage);
      // Discovery only asks: a figure in the frame is a start there, a target is wanted before Validation.
      if (!required && withFigure.length > 0) return [];
      if (!ASKED_IN.has(f.stage) && !required) return [];
      const looked = withFigure.length
        ? `${listWords(withFigure.map(([label]) => label))} ${withFigure.length === 1 ? 'holds' : 'hold'} a figure, but a figure describing the problem is not a target, and the idea is in ${f.stage}, where a target is required`
        : present.length
          ? `${listWords(present.map(([label]) => label))} contain no figure: nothing says what number should move, from what, to what`
          : 'the frame and the idea statement are not written yet';
      return [
        {
          subject: 'outcome',
          severity: required ? 'high' : 'medium',
          vars: { looked },
          references: [refs.idea('successMetrics'), refs.frame('gapMetric'), ...present.map(([, , ref]) => ref)],
          data: { successMetrics: 0, gapMetric: null, required, figures: withFigure.length },
        },
      ];
    },
  },
];
