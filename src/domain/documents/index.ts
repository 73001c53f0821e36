import type { DocumentKind } from '../../methodology/index.ts';
import { buildCompetitiveAnalysis } from './competitive-analysis.ts';
import { buildDecisionBrief } from './decision-brief.ts';
import { buildFacts, type Facts } from './facts.ts';
import { type GateReading, readGate } from './gate.ts';
import type { DocumentInput, DocumentModel } from './model.ts';
import { buildOnePager } from './one-pager.ts';
import { buildPitchDeck } from './pitch-deck.ts';
import { buildPrFaq } from './pr-faq.ts';
import { buildPrd } from './prd.ts';

export type { GateCheck, GateReading, GateStatus } from './gate.ts';
export type * from './model.ts';
export { type ResolvedTemplate, resolveTemplate } from './template.ts';

const BUILDERS: Record<DocumentKind, (f: Facts) => DocumentModel> = {
  prd: buildPrd,
  'one-pager': buildOnePager,
  'pitch-deck': buildPitchDeck,
  'competitive-analysis': buildCompetitiveAnalysis,
  'decision-brief': buildDecisionBrief,
  'pr-faq': buildPrFaq,
};

/**
 * Build the format-neutral model of one document. Pure: the same input gives the same model, and only
 * `generatedAt` comes from outside the data.
 */
export function buildDocument(kind: DocumentKind, input: DocumentInput): DocumentModel {
  return BUILDERS[kind](buildFacts(input));
}

/** Build several kinds from one input, deriving the shared facts once. */
export function buildDocuments(kinds: readonly DocumentKind[], input: DocumentInput): DocumentModel[] {
  const facts = buildFacts(input);
  return kinds.map((k) => BUILDERS[k](facts));
}

/** Vetted's reading of the current stage's exit criteria (the decision brief's recommendation), for the API and UI. */
export const gateReading = (input: DocumentInput): GateReading => readGate(buildFacts(input));
