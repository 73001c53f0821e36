import {
  AREA_DIMENSIONS,
  CHALLENGE_THRESHOLDS,
  CONFIDENCE_FACTOR,
  type ConfidenceLevel,
  ECONOMICS_EVIDENCE_DIMENSION,
  EVIDENCE_FACTOR,
  EVIDENCE_STRENGTHS,
  type EvidenceStrength,
  SCORE_EVIDENCE_FLOOR,
  STRATEGY,
} from '../../../methodology/index.ts';
import { formatMoneyShort, formatShare } from '../../economics.ts';
import { strongest } from '../../scoring.ts';
import { type ExperimentRow, type Facts, type Hit, listWords, type Rule, refs, type ScoreRow } from '../facts.ts';

const rank = (s: EvidenceStrength | null) => (s === null ? -1 : EVIDENCE_STRENGTHS.indexOf(s));
const { highScore } = CHALLENGE_THRESHOLDS;

const byDimension = (f: Facts) => {
  const out = new Map<string, ScoreRow[]>();
  for (const s of f.scores) out.set(s.dimension, [...(out.get(s.dimension) ?? []), s]);
  return out;
};

const whoOf = (rows: readonly ScoreRow[]) => listWords([...new Set(rows.map((r) => r.assessor))]);
const scoresOf = (rows: readonly ScoreRow[]) =>
  listWords(rows.map((r) => String(r.score)).filter((v, i, all) => all.indexOf(v) === i));

/** Behaviour shown by passed experiments on desirability, usability, or unlinked ones: counts as evidence of demand. */
function demandFromExperiments(f: Facts): EvidenceStrength | null {
  const passed = f.experiments.filter(
    (x) =>
      x.evaluation.outcome === 'passed' &&
      (x.assumptions.length === 0 ||
        x.assumptions.some((a) => a.a.area === 'desirability' || a.a.area === 'usability')),
  );
  if (passed.some((x) => x.x.method === 'pre-sale')) return 'paying';
  if (passed.some((x) => !['interviews', 'survey'].includes(x.x.method))) return 'experiment';
  return null;
}

const lowestConfidence = (levels: readonly ConfidenceLevel[]): ConfidenceLevel =>
  levels.includes('low') ? 'low' : levels.includes('medium') ? 'medium' : 'high';

const NAMED: Record<EvidenceStrength, string> = {
  anecdote: 'anecdotes',
  interview: 'interviews',
  survey: 'a survey',
  experiment: 'an experiment showing behaviour',
  paying: 'paying behaviour',
};

const EXAMPLE: Record<EvidenceStrength, string> = {
  anecdote: 'notes from a few conversations',
  interview: 'five structured interviews with the segment',
  survey: 'a survey of the segment',
  experiment: 'a fake door, smoke test or concierge pilot',
  paying: 'a pre-sale or a signed letter of intent',
};

export const scoreRules: Rule[] = [
  {
    id: 'unsupported-score.high-without-evidence',
    check(f) {
      const hits: Hit[] = [];
      for (const [dimension, rows] of byDimension(f)) {
        const high = rows.filter((r) => r.score >= highScore);
        if (high.length === 0 || f.support(dimension).length > 0) continue;
        if (dimension === ECONOMICS_EVIDENCE_DIMENSION && f.economicsSourced) continue;
        // An objective the idea serves is the evidence strategic fit asks for ("which objective does it serve?").
        if (dimension === STRATEGY.fitDimension && f.objectives.served.length > 0) continue;
        const name = f.dimensionName(dimension);
        const max = Math.max(...high.map((r) => r.score));
        hits.push({
          subject: dimension,
          severity: max === 5 || high.some((r) => r.confidence === 'high') ? 'high' : 'medium',
          vars: { who: whoOf(high), dimension: name, scores: scoresOf(high), score: max },
          references: [refs.dimension(dimension, high[0]!.path), ...high.map(refs.assessment)],
          data: { dimension, maxScore: max, evidence: 0 },
        });
      }
      return hits;
    },
  },
  {
    id: 'unsupported-score.stronger-than-evidence',
    check(f) {
      const hits: Hit[] = [];
      const fromTests = demandFromExperiments(f);
      for (const [dimension, rows] of byDimension(f)) {
        const floor = SCORE_EVIDENCE_FLOOR[dimension];
        if (!floor) continue;
        const support = f.support(dimension);
        const linked = strongest(support.map((e) => e.e.strength));
        const best = rank(fromTests) > rank(linked) ? fromTests : linked;
        const over = rows.filter((r) => {
          const needed = floor[r.score - 1] ?? null;
          if (needed === null) return false;
          // A high score with no evidence at all is the "high without evidence" rule's finding; a score with
          // evidence too weak for its anchor is optimism ("scores outrun evidence"). This rule: no evidence at all.
          if (best !== null || r.score >= highScore) return false;
          return rank(best) < rank(needed);
        });
        if (over.length === 0) continue;
        const worst = over.reduce((a, b) => (b.score > a.score ? b : a));
        const needed = floor[worst.score - 1] as EvidenceStrength;
        let supported = 1;
        for (let s = 1; s <= 5; s++)
          if (floor[s - 1] === null || rank(best) >= rank(floor[s - 1] as EvidenceStrength)) supported = s;
        const cited = support.map((e) => e.ref);
        hits.push({
          subject: dimension,
          severity: worst.score - supported >= 2 ? 'high' : 'medium',
          vars: {
            who: whoOf(over),
            dimension: f.dimensionName(dimension),
            score: worst.score,
            needed: NAMED[needed],
            strongest: best ? NAMED[best] : 'no evidence at all',
            evidenceCited: cited.length ? ` (${listWords(cited)})` : '',
            example: EXAMPLE[needed],
            supported: `${supported} until then`,
          },
          references: [
            refs.dimension(dimension, worst.path),
            ...over.map(refs.assessment),
            ...support.map(refs.evidence),
          ],
          data: { dimension, score: worst.score, needed, strongest: best, supported },
        });
      }
      return hits;
    },
  },
  {
    id: 'unsupported-score.cited-evidence-missing',
    check(f) {
      const hits: Hit[] = [];
      for (const [dimension, rows] of byDimension(f)) {
        const broken = rows.filter((r) => r.cited.some((c) => !f.evidenceByRef.has(c)));
        if (broken.length === 0) continue;
        const missing = [...new Set(broken.flatMap((r) => r.cited.filter((c) => !f.evidenceByRef.has(c))))];
        hits.push({
          subject: dimension,
          vars: { who: whoOf(broken), refs: listWords(missing), dimension: f.dimensionName(dimension) },
          references: [refs.dimension(dimension, broken[0]!.path), ...broken.map(refs.assessment)],
          data: { dimension, missing: missing.join(',') },
        });
      }
      return hits;
    },
  },
  {
    id: 'assessor-disagreement.dimension-spread',
    check(f) {
      const hits: Hit[] = [];
      for (const [dimension, rows] of byDimension(f)) {
        if (new Set(rows.map((r) => r.assessor)).size < 2) continue;
        const min = Math.min(...rows.map((r) => r.score));
        const max = Math.max(...rows.map((r) => r.score));
        if (max - min < CHALLENGE_THRESHOLDS.disagreementSpread) continue;
        const mean = Math.round((rows.reduce((a, r) => a + r.score, 0) / rows.length) * 10) / 10;
        hits.push({
          subject: dimension,
          severity: max - min >= CHALLENGE_THRESHOLDS.strongDisagreementSpread ? 'high' : 'medium',
          vars: {
            dimension: f.dimensionName(dimension),
            min,
            max,
            low: whoOf(rows.filter((r) => r.score === min)),
            high: whoOf(rows.filter((r) => r.score === max)),
            mean,
          },
          references: [refs.dimension(dimension, rows[0]!.path), ...rows.map(refs.assessment)],
          data: { dimension, min, max, spread: max - min },
        });
      }
      return hits;
    },
  },
  {
    id: 'assessor-disagreement.overall-split',
    check(f) {
      const hits: Hit[] = [];
      const assessors = f.opp.assessments ?? [];
      for (let i = 0; i < assessors.length; i++) {
        for (let j = i + 1; j < assessors.length; j++) {
          const a = assessors[i]!;
          const b = assessors[j]!;
          const common = Object.keys(a.scores).filter((d) => d in b.scores);
          if (common.length < 2) continue;
          const mean = (s: typeof a.scores) => common.reduce((t, d) => t + s[d]!.score, 0) / common.length;
          const ma = mean(a.scores);
          const mb = mean(b.scores);
          if (Math.abs(ma - mb) < CHALLENGE_THRESHOLDS.assessorMeanGap) continue;
          const r1 = (n: number) => Math.round(n * 10) / 10;
          hits.push({
            subject: `${a.assessor} / ${b.assessor}`,
            vars: { a: a.assessor, b: b.assessor, meanA: r1(ma), meanB: r1(mb), count: common.length },
            references: [
              { type: 'assessment', id: a.assessor, path: `/assessments/${i}` },
              { type: 'assessment', id: b.assessor, path: `/assessments/${j}` },
            ],
            data: { meanA: r1(ma), meanB: r1(mb), dimensions: common.length },
          });
        }
      }
      return hits;
    },
  },
  {
    id: 'optimism-gap.scores-ignore-failed-test',
    check(f) {
      const hits: Hit[] = [];
      for (const x of f.experiments) {
        const missed =
          x.evaluation.outcome === 'failed' || (x.evaluation.outcome === 'mixed' && x.x.status === 'completed');
        if (!missed) continue;
        const dims = new Set(
          x.assumptions.length
            ? x.assumptions.flatMap((a) => AREA_DIMENSIONS[a.a.area] ?? [])
            : (AREA_DIMENSIONS.desirability ?? []),
        );
        const high = f.scores.filter((s) => dims.has(s.dimension) && s.score >= highScore);
        if (high.length === 0) continue;
        const dimsHigh = [...new Set(high.map((s) => s.dimension))];
        hits.push({
          subject: x.ref,
          severity: x.evaluation.outcome === 'failed' ? 'high' : 'medium',
          vars: {
            exp: x.ref,
            outcome: x.evaluation.outcome === 'failed' ? 'crossed its kill threshold' : 'missed its success threshold',
            observed: x.evaluation.observed ?? 'nothing',
            success: x.evaluation.successThreshold ?? 'none',
            who: whoOf(high),
            dimension: listWords(dimsHigh.map(f.dimensionName)),
            scores: scoresOf(high),
          },
          references: [refs.experiment(x), ...dimsHigh.map((d) => refs.dimension(d)), ...high.map(refs.assessment)],
          data: { experiment: x.ref, outcome: x.evaluation.outcome, observed: x.evaluation.observed },
        });
      }
      return hits;
    },
  },
  {
    id: 'optimism-gap.scores-outrun-evidence',
    check(f) {
      // Per scored dimension: the mean, and the height its evidence and the least sure assessor carry, as the
      // confidence-adjusted score computes it (1 + (mean - 1) × evidence share × confidence share).
      const fromTests = demandFromExperiments(f);
      const rows = [...byDimension(f)].map(([dimension, scores]) => {
        const mean = scores.reduce((a, r) => a + r.score, 0) / scores.length;
        const max = Math.max(...scores.map((r) => r.score));
        const linked = strongest(f.support(dimension).map((e) => e.e.strength));
        const floor = SCORE_EVIDENCE_FLOOR[dimension];
        const best = floor && rank(fromTests) > rank(linked) ? fromTests : linked;
        // Where the anchors name the evidence a score needs (certainty of demand), a score above it is optimism too.
        const anchor = floor?.[max - 1] ?? null;
        const belowAnchor = best !== null && anchor !== null && rank(best) < rank(anchor) ? anchor : null;
        const strength = best;
        const confidence = lowestConfidence(scores.map((r) => r.confidence as ConfidenceLevel));
        const evidenceShare = EVIDENCE_FACTOR[strength ?? 'none'];
        const confidenceShare = CONFIDENCE_FACTOR[confidence];
        const carried = 1 + (mean - 1) * evidenceShare * confidenceShare;
        return { dimension, mean, max, strength, confidence, evidenceShare, confidenceShare, carried, belowAnchor };
      });
      // A high score with no evidence at all is unsupported-score's; here, evidence that exists but is too weak.
      const over = rows.filter(
        (r) =>
          r.strength !== null &&
          (r.belowAnchor !== null ||
            (r.mean >= highScore && r.mean - r.carried >= CHALLENGE_THRESHOLDS.optimismGapPoints)),
      );
      if (over.length === 0) return [];
      const r2 = (n: number) => Math.round(n * 100) / 100;
      const pct = (n: number) => `${Math.round(n * 100)} %`;
      const composite = r2(rows.reduce((a, r) => a + r.mean, 0) / rows.length);
      const carried = r2(rows.reduce((a, r) => a + r.carried, 0) / rows.length);
      const worst = Math.max(...over.map((r) => r.mean - r.carried));
      const needed: EvidenceStrength = over.find((r) => r.belowAnchor)?.belowAnchor ?? 'experiment';
      return [
        {
          subject: 'scores',
          severity: worst >= 1.5 || over.some((r) => r.belowAnchor && r.max >= highScore) ? 'high' : 'medium',
          vars: {
            list: over
              .map(
                (r) =>
                  `${f.dimensionName(r.dimension)} is scored ${r2(r.mean)} on ${NAMED[r.strength!]} with ${r.confidence} confidence` +
                  (r.belowAnchor ? ` (its anchor for ${r.max} asks for ${NAMED[r.belowAnchor]})` : '') +
                  ': ' +
                  `1 + (${r2(r.mean)} − 1) × ${pct(r.evidenceShare)} × ${pct(r.confidenceShare)} = ${r2(r.carried)}, ` +
                  `${r2(r.mean - r.carried)} ${r.mean - r.carried === 1 ? 'point' : 'points'} of optimism`,
              )
              .join('; '),
            composite,
            carried,
            dimensions: listWords(over.map((r) => f.dimensionName(r.dimension))),
            example: EXAMPLE[needed],
          },
          references: over.flatMap((r) => [refs.dimension(r.dimension), ...f.support(r.dimension).map(refs.evidence)]),
          data: { dimensions: over.length, composite, carried, gap: r2(worst) },
        },
      ];
    },
  },
  {
    id: 'optimism-gap.demand-ahead-of-test',
    check(f) {
      const demand = 'certainty-of-demand';
      const high = f.scores.filter((s) => s.dimension === demand && s.score >= highScore);
      if (high.length === 0) return [];
      // Demand tests: experiments on desirability or usability assumptions, or on none (they test the offer).
      const tests = f.experiments.filter(
        (x) =>
          x.assumptions.length === 0 ||
          x.assumptions.some((a) => a.a.area === 'desirability' || a.a.area === 'usability'),
      );
      if (tests.length === 0 || tests.some((x) => x.evaluation.outcome === 'passed')) return [];
      const failed = tests.filter((x) => x.evaluation.outcome === 'failed' || x.evaluation.outcome === 'mixed');
      // A failed test with the scores still high is "scores ignore a failed test"; this rule is for the pending ones.
      if (failed.length > 0) return [];
      const behavioural = f.support(demand).some((e) => e.e.strength === 'experiment' || e.e.strength === 'paying');
      if (behavioural) return [];
      const best = strongest(f.support(demand).map((e) => e.e.strength));
      return [
        {
          subject: demand,
          vars: {
            who: whoOf(high),
            dimension: f.dimensionName(demand),
            scores: scoresOf(high),
            plural: tests.length === 1 ? '' : 's',
            tests: listWords(tests.map((x) => `${x.ref} (${x.evaluation.outcome})`)),
            state: tests.length === 1 ? 'has no result yet' : 'have no result yet',
            strongest: best ? NAMED[best] : 'nothing',
            first: tests[0]!.ref,
          },
          references: [
            refs.dimension(demand, high[0]!.path),
            ...high.map(refs.assessment),
            ...tests.map((x) => refs.experiment(x)),
          ],
          data: { dimension: demand, tests: tests.length, strongest: best },
        },
      ];
    },
  },
  {
    id: 'optimism-gap.prioritisation-confidence-without-evidence',
    check(f) {
      const { rice, ice } = f.opp.idea;
      const behavioural =
        f.evidence.some((e) => e.e.strength === 'experiment' || e.e.strength === 'paying') ||
        f.experiments.some((x: ExperimentRow) => x.evaluation.outcome === 'passed');
      if (behavioural) return [];
      const best = strongest(f.evidence.map((e) => e.e.strength));
      const suggested = best === null ? 0.2 : best === 'anecdote' ? 0.3 : 0.5;
      const hits: Hit[] = [];
      if (rice && rice.confidence >= CHALLENGE_THRESHOLDS.riceConfidenceHigh) {
        hits.push({
          subject: 'rice',
          vars: { method: 'RICE', value: rice.confidence, strongest: best ?? 'none', suggested },
          references: [refs.idea('rice.confidence')],
          data: { method: 'rice', confidence: rice.confidence, strongest: best },
        });
      }
      if (ice && ice.confidence >= CHALLENGE_THRESHOLDS.iceConfidenceHigh) {
        hits.push({
          subject: 'ice',
          vars: { method: 'ICE', value: ice.confidence, strongest: best ?? 'none', suggested: suggested * 10 },
          references: [refs.idea('ice.confidence')],
          data: { method: 'ice', confidence: ice.confidence, strongest: best },
        });
      }
      return hits;
    },
  },
  {
    id: 'optimism-gap.implausible-market-share',
    check(f) {
      const e = f.opp.economics;
      if (!e?.som) return [];
      const money = (n: number) => formatMoneyShort(n, e.currency);
      if (e.sam && e.sam > 0) {
        const share = e.som / e.sam;
        if (share <= CHALLENGE_THRESHOLDS.somShareOfSamMax) return [];
        return [
          {
            subject: 'som',
            severity: share >= 0.5 ? 'high' : 'medium',
            vars: { som: money(e.som), share: formatShare(share), base: 'SAM', baseValue: money(e.sam) },
            references: [refs.economics('som'), refs.economics('sam')],
            data: { som: e.som, sam: e.sam, share },
          },
        ];
      }
      if (e.tam && e.tam > 0) {
        const share = e.som / e.tam;
        if (share <= CHALLENGE_THRESHOLDS.somShareOfTamMax) return [];
        return [
          {
            subject: 'som',
            vars: { som: money(e.som), share: formatShare(share), base: 'TAM', baseValue: money(e.tam) },
            references: [refs.economics('som'), refs.economics('tam')],
            data: { som: e.som, tam: e.tam, share },
          },
        ];
      }
      return [];
    },
  },
];
