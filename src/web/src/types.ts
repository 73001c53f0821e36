/**
 * The API's shapes, taken from the shared TypeBox schemas (type-only: nothing of them reaches the bundle).
 * Only the method's data (GET /api/methodology has no response schema yet) is composed here.
 */
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
import type { Decision, Finding, Idea } from '../../schema/index.ts';

export type {
  ApiToken,
  Assessment,
  AssessmentPut,
  AssumptionFields,
  AssumptionMapEntry,
  AssumptionUpdate,
  AuditEntry,
  AuditPage,
  BulkDecided,
  BulkDecision,
  BulkTag,
  BulkTagged,
  ChallengeResponse,
  Comment,
  CommentCreate,
  CompetitorFields,
  CompetitorUpdate,
  Cycle,
  Decision,
  DecisionCreate,
  DecisionRecorded,
  DemandPut,
  DemandSummary,
  DimensionResult,
  DimensionScore,
  DimensionSpec,
  Dismissal,
  DismissalInput,
  DismissalRestore,
  DismissedFinding,
  DocumentOffer,
  DocumentTemplatesState,
  EconomicsFields,
  EconomicsReadout,
  Enrichment,
  Evidence,
  EvidenceCreate,
  EvidenceUpdate,
  ExperimentCreate,
  ExperimentResult,
  ExperimentUpdate,
  Finding,
  FollowState,
  Frame,
  FrameFields,
  FramePut,
  Idea,
  IdeaCreate,
  IdeaCreated,
  IdeaFilters,
  IdeaListQuery,
  IdeaPage,
  IdeaUpdate,
  ImportReport,
  InboxItem,
  InboxPage,
  InboxQuery,
  InboxRead,
  InboxUnread,
  Invite,
  InviteCreate,
  LaunchPlan,
  LinkInfo,
  LinkIssued,
  LinkRatingInfo,
  LinkUse,
  Member,
  Membership,
  MergeRequest,
  MergeResult,
  OidcSettings,
  OidcSettingsPut,
  OidcSettingsState,
  Plan,
  PlanCreate,
  PmfData,
  PmfImport,
  PmfReadout,
  PortalInfo,
  PortalLink,
  PortalReceipt,
  PortalState,
  PortalSubmission,
  Problem,
  RaterInvite,
  RaterInvited,
  RatingRequest,
  ReceiptLookup,
  Recommendation,
  Role,
  SavedView,
  SavedViewCreate,
  ScoreExplanation,
  SessionState,
  Setup,
  SimilarIdea,
  StoredAssumption,
  StoredCompetitor,
  StoredExperiment,
  TokenCreate,
  TokenCreated,
  TraitFramework,
  TraitInsights,
  TraitRatingInput,
  User,
  Workspace,
  WorkspaceCreated,
} from '../../schema/index.ts';

export type { DocumentFormat, DocumentKind };
export type Severity = Finding['severity'];

export type StageId = Idea['stage'];
export type Outcome = Decision['outcome'];

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
  /** A language model is configured on this server, so AI suggestions can be asked for. */
  aiSuggestions: boolean;
}
export type {
  LadderStanding,
  LadderState,
  ObservedEvidence,
  OneOnOne,
  OneOnOneCreate,
  OneOnOneUpdate,
  PulseOverview,
  PulseRound,
  Share,
  TeamView,
} from '../../schema/index.ts';
