import { DIMENSIONS } from '../methodology/index.ts';
import type { DimensionSpec, Weights } from '../schema/index.ts';
import { ok, type Result, refuse } from './result.ts';

export const defaultDimensions = (): DimensionSpec[] =>
  DIMENSIONS.map((d) => ({ ...d, anchors: [...d.anchors], questions: [...d.questions] }));

/** Apply a reweighting to the current dimensions; an unknown id is refused rather than ignored. */
export function reweight(dimensions: readonly DimensionSpec[], weights: Weights): Result<DimensionSpec[]> {
  const unknown = Object.keys(weights).filter((id) => !dimensions.some((d) => d.id === id));
  if (unknown.length) return refuse(`Unknown dimension id(s): ${unknown.join(', ')}.`);
  return ok(dimensions.map((d) => ({ ...d, weight: weights[d.id] ?? d.weight })));
}

export function validateDimensions(dimensions: readonly DimensionSpec[]): Result<DimensionSpec[]> {
  const ids = dimensions.map((d) => d.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return refuse(`Dimension id "${dup}" appears twice.`);
  if (!dimensions.some((d) => d.weight > 0)) return refuse('At least one dimension needs a weight above 0.');
  return ok([...dimensions]);
}
