import type { ConfidenceLevel, EvidenceStrength } from './evidence.ts';

/**
 * How the confidence-adjusted score discounts a dimension score. Vetted's own calibration: a score backed
 * by paying behaviour and held with high confidence keeps its full height above the floor (1); a score
 * with no evidence keeps half of it. Unscored dimensions count at the floor.
 */
export const EVIDENCE_FACTOR: Record<EvidenceStrength | 'none', number> = {
  none: 0.5,
  anecdote: 0.6,
  interview: 0.75,
  survey: 0.85,
  experiment: 0.95,
  paying: 1,
};

export const CONFIDENCE_FACTOR: Record<ConfidenceLevel, number> = { low: 0.8, medium: 0.9, high: 1 };

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** RICE impact is conventionally chosen from this scale. */
export const RICE_IMPACT_SCALE = [0.25, 0.5, 1, 2, 3] as const;
