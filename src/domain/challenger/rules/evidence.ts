import { CHALLENGE_THRESHOLDS, CHALLENGE_WORDS, STAGES } from '../../../methodology/index.ts';
import { type EvidenceRow, type Hit, listWords, pieces, quote, type Rule, refs } from '../facts.ts';
import { hasFigure, hearsay, mentions } from '../text.ts';

const BEHAVIOURAL = new Set(['experiment', 'paying']);
const PAST_DISCOVERY = new Set(['validation', 'realization', 'launched']);
const describe = (e: EvidenceRow) => `${e.ref} "${quote(e.e.summary, 60)}" (${e.e.source}, ${e.e.observedOn})`;

export const evidenceRules: Rule[] = [
  {
    id: 'anecdotal-demand.anecdotes-only',
    check(f) {
      if (f.evidence.length === 0 || !f.evidence.every((e) => e.e.strength === 'anecdote')) return [];
      return [
        {
          subject: 'evidence',
          vars: { pieces: pieces(f.evidence.length), list: listWords(f.evidence.map(describe), 3) },
          references: f.evidence.map(refs.evidence),
          data: { evidence: f.evidence.length, strongest: 'anecdote' },
        },
      ];
    },
  },
  {
    id: 'anecdotal-demand.no-behavioural-signal',
    check(f) {
      if (!PAST_DISCOVERY.has(f.stage) || f.evidence.length === 0) return [];
      if (f.evidence.some((e) => BEHAVIOURAL.has(e.e.strength))) return [];
      const observedBehaviour = f.experiments.some(
        (x) => x.x.observed !== undefined && !['interviews', 'survey'].includes(x.x.method),
      );
      if (observedBehaviour) return [];
      const strengths = [...new Set(f.evidence.map((e) => e.e.strength))];
      return [
        {
          subject: 'evidence',
          severity: f.stage === 'validation' ? 'high' : 'critical',
          vars: {
            stage: STAGES.find((s) => s.id === f.stage)?.name ?? f.stage,
            pieces: pieces(f.evidence.length).replace(/^./, (c) => c.toLowerCase()),
            strengths: listWords(strengths),
          },
          references: [refs.idea('stage'), ...f.evidence.map(refs.evidence)],
          data: { stage: f.stage, evidence: f.evidence.length, behavioural: 0 },
        },
      ];
    },
  },
  {
    id: 'anecdotal-demand.second-hand-only',
    check(f) {
      if (f.evidence.length === 0) return [];
      const secondHand = f.evidence.filter(
        (e) =>
          (e.e.kind === 'quote' || e.e.kind === 'interview-note') &&
          mentions(e.e.source, CHALLENGE_WORDS.internalSources) !== null,
      );
      if (secondHand.length !== f.evidence.length) return [];
      const who = f.opp.frame?.who ?? f.opp.idea.statement?.users;
      return [
        {
          subject: 'evidence',
          vars: {
            list: listWords(
              secondHand.map((e) => `${e.ref} from "${e.e.source}"`),
              3,
            ),
            hint: who ? `the ${quote(who.charAt(0).toLowerCase() + who.slice(1), 70)}` : 'the customers they mention',
          },
          references: secondHand.map(refs.evidence),
          data: { evidence: secondHand.length, secondHand: secondHand.length },
        },
      ];
    },
  },
  {
    id: 'anecdotal-demand.hearsay-pain-evidence',
    check(f) {
      const text = f.opp.frame?.painEvidence;
      if (!text || hasFigure(text)) return [];
      const phrase = hearsay(text);
      if (!phrase) return [];
      if (f.evidence.some((e) => e.e.strength !== 'anecdote')) return [];
      return [
        {
          subject: 'frame.painEvidence',
          vars: { quote: quote(text, 120), why: `"${phrase}" states a belief or hearsay` },
          references: [refs.frame('painEvidence')],
          data: { phrase },
        },
      ];
    },
  },
  {
    id: 'stale-evidence.supporting-evidence-stale',
    check(f) {
      if (f.evidence.length > 0 && f.evidence.every((e) => e.stale)) return []; // the all-stale finding says it
      const hits: Hit[] = [];
      for (const dimension of f.dimensions) {
        const rows = f.scores.filter((s) => s.dimension === dimension && s.score >= 3);
        if (rows.length === 0) continue;
        const support = f.support(dimension);
        if (support.length === 0 || !support.every((e) => e.stale)) continue;
        const oldest = support.reduce((a, b) => (a.e.observedOn < b.e.observedOn ? a : b));
        hits.push({
          subject: dimension,
          vars: {
            dimension: f.dimensionName(dimension),
            scores: listWords([...new Set(rows.map((r) => String(r.score)))]),
            limit: CHALLENGE_THRESHOLDS.staleAfterDays,
            list: listWords(support.map((e) => `${e.ref} (${e.e.observedOn})`)),
            oldest: oldest.e.observedOn,
          },
          references: [refs.dimension(dimension, rows[0]!.path), ...support.map(refs.evidence)],
          data: { dimension, newestAgeDays: Math.min(...support.map((e) => e.ageDays)) },
        });
      }
      return hits;
    },
  },
  {
    id: 'stale-evidence.all-evidence-stale',
    check(f) {
      if (f.evidence.length === 0 || !f.evidence.every((e) => e.stale)) return [];
      const newest = f.evidence.reduce((a, b) => (a.e.observedOn > b.e.observedOn ? a : b));
      return [
        {
          subject: 'evidence',
          vars: {
            pieces: pieces(f.evidence.length),
            limit: CHALLENGE_THRESHOLDS.staleAfterDays,
            newest: newest.e.observedOn,
            age: newest.ageDays,
          },
          references: f.evidence.map(refs.evidence),
          data: { evidence: f.evidence.length, newestAgeDays: newest.ageDays },
        },
      ];
    },
  },
  {
    id: 'single-source-evidence.one-source',
    check(f) {
      if (f.evidence.length === 0) return [];
      const sources = new Set(f.evidence.map((e) => e.source));
      if (sources.size !== 1) return [];
      const first = f.evidence[0]!;
      return [
        {
          subject: 'evidence',
          severity: f.evidence.length >= 2 ? 'high' : 'medium',
          vars: {
            pieces: pieces(f.evidence.length).replace(/ are$/, ' come').replace(/ is$/, ' comes'),
            source: first.e.source,
            list: listWords(f.evidence.map((e) => e.ref)),
          },
          references: f.evidence.map(refs.evidence),
          data: { evidence: f.evidence.length, sources: 1, source: first.source },
        },
      ];
    },
  },
  {
    id: 'single-source-evidence.dimension-rests-on-one-source',
    check(f) {
      if (new Set(f.evidence.map((e) => e.source)).size < 2) return []; // the one-source finding says it
      const hits: Hit[] = [];
      for (const dimension of f.dimensions) {
        const rows = f.scores.filter((s) => s.dimension === dimension && s.score >= CHALLENGE_THRESHOLDS.highScore);
        if (rows.length === 0) continue;
        const support = f.support(dimension);
        if (support.length < 2 || new Set(support.map((e) => e.source)).size !== 1) continue;
        const max = Math.max(...rows.map((r) => r.score));
        hits.push({
          subject: dimension,
          vars: {
            dimension: f.dimensionName(dimension),
            scores: listWords([...new Set(rows.map((r) => String(r.score)))]),
            score: max,
            count: support.length,
            source: support[0]!.e.source,
          },
          references: [refs.dimension(dimension, rows[0]!.path), ...support.map(refs.evidence)],
          data: { dimension, evidence: support.length, source: support[0]!.source },
        });
      }
      return hits;
    },
  },
];
