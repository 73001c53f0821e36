/**
 * The API's shapes, taken from the shared TypeBox schemas (type-only: nothing of them reaches the bundle).
 * Only the envelopes the API declares inline, and the method's data (GET /api/methodology has no response
 * schema), are composed here from those types.
 */
import type { Static } from 'typebox';
import type {
  DimensionDefinition,
  DocumentFormat,
  DocumentKind,
  EVIDENCE_FACTOR,
  EVIDENCE_KINDS,
  EVIDENCE_STRENGTHS,
  StageDefinition,
  TemplateField,
} from '../../methodology/index.ts';
import type { Decision, Finding, Idea, Page } from '../../schema/index.ts';

export type {
  Assessment,
  AssessmentPut,
  AssumptionFields,
  AssumptionMapEntry,
  ChallengeResponse,
  Decision,
  DecisionCreate,
  DimensionResult,
  DimensionScore,
  DimensionSpec,
  Dismissal,
  DismissalInput,
  DismissedFinding,
  Enrichment,
  Evidence,
  EvidenceCreate,
  ExperimentCreate,
  ExperimentResult,
  Finding,
  Frame,
  FrameFields,
  FramePut,
  Idea,
  IdeaCreate,
  IdeaCreated,
  IdeaListQuery,
  IdeaUpdate,
  Member,
  MergeRequest,
  Problem,
  Recommendation,
  ScoreExplanation,
  SimilarIdea,
  StoredAssumption,
  StoredExperiment,
  Workspace,
} from '../../schema/index.ts';

export type { DocumentFormat, DocumentKind };
export type Severity = Finding['severity'];

/** GET …/documents: the kinds an idea can become, in which formats. */
export interface DocumentOffer {
  kind: DocumentKind;
  formats: DocumentFormat[];
  url: string;
}

export type StageId = Idea['stage'];
export type Outcome = Decision['outcome'];
export type IdeaPage = Static<ReturnType<typeof Page<typeof Idea>>>;

/** POST /api/receipts/lookup (declared inline in the route, from these same schemas). */
export interface ReceiptLookup {
  idea: Idea;
  mergedInto: { id: string; number: number; title: string; stage: StageId } | null;
  decisions: Decision[];
}

/** GET /api/methodology: the method as data. */
export interface Methodology {
  version: string;
  stages: StageDefinition[];
  dimensions: DimensionDefinition[];
  frameFields: TemplateField[];
  statementFields: TemplateField[];
  evidenceKinds: (typeof EVIDENCE_KINDS)[number][];
  evidenceStrengths: (typeof EVIDENCE_STRENGTHS)[number][];
  evidenceFactors: typeof EVIDENCE_FACTOR;
  confidenceFactors: Record<'low' | 'medium' | 'high', number>;
}
