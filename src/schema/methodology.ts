import { type Static, type TNumber, Type } from 'typebox';
import { CONFIDENCE_LEVELS, EVIDENCE_STRENGTHS } from '../methodology/index.ts';
import { Enum, Strict } from './common.ts';
import { EvidenceKind, EvidenceStrength } from './evidence.ts';
import { Stage } from './idea.ts';
import { DimensionSpec } from './workspace.ts';

const Origin = Enum(['method', 'vetted'], 'method: named by the method Vetted follows; vetted: our own wording');

const TemplateField = Strict({ id: Type.String(), label: Type.String(), prompt: Type.String(), origin: Origin });

/** A number for each of `keys`: the method's factor tables. */
const Factors = <K extends string>(keys: readonly K[]) =>
  Strict(Object.fromEntries(keys.map((k) => [k, Type.Number()])) as Record<K, TNumber>);

/** GET /api/methodology: the method as data (src/methodology), and whether this server offers AI suggestions. */
export const Methodology = Strict({
  version: Type.String(),
  stages: Type.Array(
    Strict({
      id: Stage,
      name: Type.String(),
      origin: Origin,
      purpose: Type.String(),
      exitCriteria: Type.Array(Type.String()),
    }),
  ),
  dimensions: Type.Array(DimensionSpec),
  frameFields: Type.Array(TemplateField),
  statementFields: Type.Array(TemplateField),
  evidenceKinds: Type.Array(EvidenceKind),
  evidenceStrengths: Type.Array(EvidenceStrength),
  evidenceFactors: Factors([...EVIDENCE_STRENGTHS, 'none']),
  confidenceFactors: Factors(CONFIDENCE_LEVELS),
  aiSuggestions: Type.Boolean({ description: 'A language model is configured: AI suggestions can be asked for' }),
});
export type Methodology = Static<typeof Methodology>;
