import { CHALLENGE_THRESHOLDS, CHALLENGE_WORDS, STAGES } from '../../../methodology/index.ts';
import { type EvidenceRow, type Hit, listWords, pieces, quote, type Rule, refs } from '../facts.ts';
import { hasFigure, hearsay, mentions, statedNotDone } from '../text.ts';

const BEHAVIOURAL = new Set(['experiment', 'paying']);
const PAST_DISCOVERY = new Set(['validation', 'realization', 'launched']);
/** Nothing fresh to lean on: some evidence is stale and the rest is stale or dated in the future. */
const noneFresh = (rows: readonly EvidenceRow[]) => rows.some((e) => e.stale) && rows.every((e) => e.stale || e.future);
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
      if (f.evidence.some((e) => BEHAVIOURAL.has(e.e.strength) && !statedNotDone(e.e.summary))) return [];
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
    id: 'anecdotal-demand.strength-contradicted-by-text',
    check(f) {
      const talk = f.evidence.flatMap((e) => {
        if (!BEHAVIOURAL.has(e.e.strength)) return [];
        const words = statedNotDone(e.e.summary);
        return words ? [{ e, words }] : [];
      });
      if (talk.length === 0) return [];
      return [
        {
          subject: 'evidence',
          vars: {
            list: listWords(
              talk.map(
                ({ e, words }) =>
                  `${e.ref} is labelled "${e.e.strength}" yet says "${words}" ("${quote(e.e.summary, 70)}")`,
              ),
              3,
            ),
            example: talk.some(({ e }) => e.e.strength === 'paying')
              ? 'a pre-sale or a deposit'
              : 'a fake door or a concierge pilot',
          },
          references: talk.map(({ e }) => refs.evidence(e)),
          data: { evidence: talk.length, words: talk.map((t) => t.words).join(',') },
        },
      ];
    },
  },
  {
    id: 'anecdotal-demand.second-hand-only',
    check(f) {
      if (f.evidence.length === 0) return [];
      // Every piece must be second-hand: stop at the first that is not (the text check costs a tagger pass).
      const isSecondHand = (e: EvidenceRow) =>
        (e.e.kind === 'quote' || e.e.kind === 'interview-note') &&
        mentions(e.e.source, CHALLENGE_WORDS.internalSources) !== null;
      if (!f.evidence.every(isSecondHand)) return [];
      const secondHand = f.evidence;
      const who = f.opp.frame?.who ?? f.opp.idea.statement?.users;
      return [
        {
          subject: 'evidence',
          vars: {
            list: listWords(
              secondHand.map((e) => `${e.ref} from "${e.e.source}"`),
              3,
            ),
            hint: who ? peopleNamed(who) : 'the customers they mention',
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
      if (noneFresh(f.evidence)) return []; // the all-stale finding says it
      const hits: Hit[] = [];
      for (const dimension of f.dimensions) {
        const rows = f.scores.filter((s) => s.dimension === dimension && s.score >= 3);
        if (rows.length === 0) continue;
        const support = f.support(dimension);
        if (!noneFresh(support)) continue;
        const oldest = support.filter((e) => e.stale).reduce((a, b) => (a.e.observedOn < b.e.observedOn ? a : b));
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
      if (!noneFresh(f.evidence)) return [];
      const newest = f.evidence.filter((e) => e.stale).reduce((a, b) => (a.e.observedOn > b.e.observedOn ? a : b));
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
    id: 'stale-evidence.future-dated',
    check(f) {
      const future = f.evidence.filter((e) => e.future);
      if (future.length === 0) return [];
      return [
        {
          subject: 'evidence',
          vars: {
            list: listWords(future.map((e) => `${e.ref} (${e.e.observedOn})`)),
            verb: future.length === 1 ? 'is' : 'are',
            pronoun: future.length === 1 ? 'it is' : 'they are',
            asOf: f.asOf,
          },
          references: future.map(refs.evidence),
          data: { evidence: future.length, asOf: f.asOf },
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

/**
 * The people a frame names, to stand in a sentence ("Talk to {hint} directly"): without its final stop, and
 * with "the" only where it reads ("the dispatchers at mid-size carriers", but "everyone who uses X").
 */
function peopleNamed(who: string): string {
  const text = quote(who.charAt(0).toLowerCase() + who.slice(1), 70).replace(/[.!;:,\s]+$/u, '');
  return /^(the|a|an|all|every|everyone|everybody|anyone|our|their|those|these|some|any|each|people)\b/i.test(text)
    ? text
    : `the ${text}`;
}
