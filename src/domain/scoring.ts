import {
  CONFIDENCE_FACTOR,
  type ConfidenceLevel,
  EVIDENCE_FACTOR,
  EVIDENCE_STRENGTHS,
  type EvidenceStrength,
  SCORE_MIN,
} from '../methodology/index.ts';
import type { DimensionResult, DimensionSpec, IceInputs, RiceInputs, ScoreExplanation } from '../schema/index.ts';

/** One assessor's score on one dimension, with the strongest evidence linked to it (if any). */
export interface ScoreInput {
  assessorId: string;
  dimension: string;
  score: number;
  confidence: ConfidenceLevel;
  evidenceStrengths: EvidenceStrength[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function strongest(strengths: readonly EvidenceStrength[]): EvidenceStrength | null {
  let best = -1;
  for (const s of strengths) best = Math.max(best, EVIDENCE_STRENGTHS.indexOf(s));
  return best < 0 ? null : EVIDENCE_STRENGTHS[best]!;
}

/** The lowest confidence among assessors: a composite is only as sure as its least sure contributor. */
function lowestConfidence(levels: ConfidenceLevel[]): ConfidenceLevel {
  if (levels.includes('low')) return 'low';
  if (levels.includes('medium')) return 'medium';
  return 'high';
}

export function rice(inputs: RiceInputs | null | undefined): number | null {
  if (!inputs || inputs.effort <= 0) return null;
  return round((inputs.reach * inputs.impact * inputs.confidence) / inputs.effort, 1);
}

export function ice(inputs: IceInputs | null | undefined): number | null {
  if (!inputs) return null;
  return inputs.impact * inputs.confidence * inputs.ease;
}

/**
 * The composite score of one idea. Absolute by construction: it reads only this idea's scores and the
 * workspace's dimensions and weights, never other ideas. The adjusted variant pulls each dimension's mean
 * towards the floor by the strength of its evidence and the assessors' confidence, and counts unscored
 * dimensions at the floor, so an unproven idea cannot outrank a proven one on enthusiasm alone.
 */
export function explainScore(
  dimensions: readonly DimensionSpec[],
  inputs: readonly ScoreInput[],
  extra: { rice?: RiceInputs | null; ice?: IceInputs | null } = {},
): ScoreExplanation {
  const assessors = new Set(inputs.map((i) => i.assessorId));
  const results: DimensionResult[] = dimensions.map((d) => {
    const mine = inputs.filter((i) => i.dimension === d.id);
    const scores = mine.map((i) => i.score);
    if (scores.length === 0) {
      return {
        id: d.id,
        name: d.name,
        weight: d.weight,
        scores,
        mean: null,
        min: null,
        max: null,
        spread: null,
        evidenceStrength: null,
        evidenceFactor: EVIDENCE_FACTOR.none,
        confidenceFactor: CONFIDENCE_FACTOR.low,
        adjusted: SCORE_MIN,
      };
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    const evidence = strongest(mine.flatMap((i) => i.evidenceStrengths));
    const evidenceFactor = EVIDENCE_FACTOR[evidence ?? 'none'];
    const confidenceFactor = CONFIDENCE_FACTOR[lowestConfidence(mine.map((i) => i.confidence))];
    return {
      id: d.id,
      name: d.name,
      weight: d.weight,
      scores,
      mean: round(mean),
      min,
      max,
      spread: max - min,
      evidenceStrength: evidence,
      evidenceFactor,
      confidenceFactor,
      adjusted: round(SCORE_MIN + (mean - SCORE_MIN) * evidenceFactor * confidenceFactor),
    };
  });

  const scored = results.filter((r) => r.mean !== null);
  const totalWeight = results.reduce((a, r) => a + r.weight, 0);
  const scoredWeight = scored.reduce((a, r) => a + r.weight, 0);
  const composite = scoredWeight > 0 ? round(scored.reduce((a, r) => a + r.weight * r.mean!, 0) / scoredWeight) : null;
  const adjusted =
    scored.length > 0 && totalWeight > 0
      ? round(results.reduce((a, r) => a + r.weight * r.adjusted, 0) / totalWeight)
      : null;
  const coverage = dimensions.length ? round(scored.length / dimensions.length) : 0;

  const explanation: string[] = [];
  if (composite === null) {
    explanation.push('Not scored yet: no assessor has scored any dimension.');
  } else {
    explanation.push(
      `Composite ${composite} of 5: the weighted mean of ${scored.length} scored dimension(s) out of ${dimensions.length}, ` +
        `from ${assessors.size} assessor(s); weights ${scored.map((r) => `${r.name} ×${r.weight}`).join(', ')}.`,
    );
    explanation.push(
      `Confidence-adjusted ${adjusted} of 5: each dimension keeps a share of its height above 1 given by its strongest ` +
        'evidence (none 50 %, anecdote 60 %, interview 75 %, survey 85 %, experiment 95 %, paying 100 %) and the lowest ' +
        'assessor confidence (low 80 %, medium 90 %, high 100 %); unscored dimensions count as 1.',
    );
    for (const r of results) {
      if (r.mean === null) explanation.push(`${r.name}: not scored, counted as 1 in the adjusted score.`);
      else if (r.evidenceStrength === null)
        explanation.push(`${r.name}: ${r.mean} with no evidence linked, discounted to ${r.adjusted}.`);
      if (r.spread !== null && r.spread >= 2) {
        explanation.push(`${r.name}: assessors disagree (scores ${r.min} to ${r.max}); talk before trusting the mean.`);
      }
    }
  }
  const riceValue = rice(extra.rice);
  const iceValue = ice(extra.ice);
  if (riceValue !== null) explanation.push(`RICE ${riceValue} = reach × impact × confidence ÷ effort.`);
  if (iceValue !== null) explanation.push(`ICE ${iceValue} = impact × confidence × ease.`);

  return {
    composite,
    adjusted,
    coverage,
    assessors: assessors.size,
    dimensions: results,
    rice: riceValue,
    ice: iceValue,
    explanation,
  };
}
