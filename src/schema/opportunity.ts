import { type Static, Type } from 'typebox';
import { Confidence, ScoreValue } from './assessment.ts';
import { AssumptionFields } from './assumption.ts';
import { DateOnly, Enum, Strict, Text, Timestamp, Title } from './common.ts';
import { CapabilityRatings, CompetitorFields } from './competitor.ts';
import { CriterionCheck, Outcome } from './decision.ts';
import { EconomicsFields } from './economics.ts';
import { DimensionIds, EvidenceFields } from './evidence.ts';
import { ExperimentFields } from './experiment.ts';
import { FrameFields } from './frame.ts';
import { Channel, IceInputs, IdeaStatement, KillCriteria, RiceInputs, Stage, SuccessMetrics, Tags } from './idea.ts';
import { LaunchPlan } from './launch-plan.ts';
import { MvpData } from './mvp.ts';
import { PmfData } from './pmf.ts';
import { LEGACY_ROLES, ROLES, Slug } from './workspace.ts';

/**
 * The opportunity file: one idea with everything known about it, as `import`, `export`, `challenge --file`
 * and the document generators read it. People are named (not ids) and evidence is linked by `ref`, so a file
 * can be written by hand. Documented in docs/opportunity-format.md.
 */
const Ref = Text(64, 1);
const PersonName = Text(120, 1);
const ObjectiveTitle = Text(160, 1, { pattern: '\\S' });

export const OpportunityEvidence = Strict({
  ref: Ref,
  ...EvidenceFields,
  dimensions: Type.Optional(DimensionIds),
});
export type OpportunityEvidence = Static<typeof OpportunityEvidence>;

export const OpportunityScore = Strict({
  score: ScoreValue,
  confidence: Confidence,
  note: Type.Optional(Text(2000)),
  evidence: Type.Optional(Type.Array(Ref, { maxItems: 50 })),
});

export const OpportunityAssessment = Strict({
  assessor: PersonName,
  scores: Type.Record(Type.String({ maxLength: 40 }), OpportunityScore),
});
export type OpportunityAssessment = Static<typeof OpportunityAssessment>;

export const OpportunityDecision = Strict({
  fromStage: Stage,
  toStage: Stage,
  outcome: Outcome,
  rationale: Text(5000, 1),
  decidedBy: Type.Optional(PersonName),
  criteria: Type.Optional(Type.Array(CriterionCheck, { maxItems: 30 })),
  reversible: Type.Boolean(),
  reviewOn: Type.Optional(DateOnly),
  decidedAt: Type.Optional(Timestamp),
});
export type OpportunityDecision = Static<typeof OpportunityDecision>;

export const OpportunityIdea = Strict({
  ref: Type.Optional(Ref),
  title: Title,
  description: Type.Optional(Text(10_000)),
  tags: Type.Optional(Tags),
  stage: Type.Optional(Stage),
  channel: Type.Optional(Channel),
  anonymous: Type.Optional(Type.Boolean()),
  submitter: Type.Optional(PersonName),
  statement: Type.Optional(IdeaStatement),
  rice: Type.Optional(RiceInputs),
  ice: Type.Optional(IceInputs),
  successMetrics: Type.Optional(SuccessMetrics),
  killCriteria: Type.Optional(KillCriteria),
  /** The titles of the workspace objectives it serves (its strategic fit). */
  objectives: Type.Optional(Type.Array(ObjectiveTitle, { maxItems: 10 })),
  createdAt: Type.Optional(Timestamp),
});
export type OpportunityIdea = Static<typeof OpportunityIdea>;

/** The format written; v2 added the idea's success metrics and kill criteria. v1 files read unchanged. */
export const OPPORTUNITY_FORMAT = 'vetted.opportunity/v2';
export const OPPORTUNITY_FORMATS = ['vetted.opportunity/v1', OPPORTUNITY_FORMAT] as const;
export const PORTFOLIO_FORMAT = 'vetted.portfolio/v1';

/** A team objective as files carry it: linked by title, its key metric's owner by name. */
export const OpportunityObjective = Strict({
  title: ObjectiveTitle,
  keyMetric: Text(200, 1, { pattern: '\\S' }),
  target: Type.Optional(Text(200)),
  /** The member who owns the key metric; a name no member has yet makes one, as for submitters. */
  owner: PersonName,
});
export type OpportunityObjective = Static<typeof OpportunityObjective>;

/**
 * The workspace's strategy, carried by a single opportunity file so that it stands on its own (the challenger
 * reads whether the workspace has objectives at all); a portfolio file carries it once, at the top.
 */
export const OpportunityStrategy = Strict({
  goals: Type.Optional(Type.Array(Text(300, 1, { pattern: '\\S' }), { maxItems: 10 })),
  northStar: Type.Optional(Text(200)),
  definition: Type.Optional(Text(1000)),
  objectives: Type.Array(OpportunityObjective, { maxItems: 50 }),
});
export type OpportunityStrategy = Static<typeof OpportunityStrategy>;

const opportunityParts = {
  idea: OpportunityIdea,
  frame: Type.Optional(FrameFields),
  evidence: Type.Optional(Type.Array(OpportunityEvidence, { maxItems: 1000 })),
  assessments: Type.Optional(Type.Array(OpportunityAssessment, { maxItems: 100 })),
  decisions: Type.Optional(Type.Array(OpportunityDecision, { maxItems: 500 })),
  assumptions: Type.Optional(Type.Array(AssumptionFields, { maxItems: 500 })),
  experiments: Type.Optional(Type.Array(ExperimentFields, { maxItems: 500 })),
  competitors: Type.Optional(Type.Array(CompetitorFields, { maxItems: 100 })),
  economics: Type.Optional(EconomicsFields),
  pmf: Type.Optional(PmfData),
  mvp: Type.Optional(MvpData),
  strategy: Type.Optional(OpportunityStrategy),
  /** Our own product rated on the competitors' capabilities, 0..5. */
  capabilities: Type.Optional(CapabilityRatings),
  launchPlan: Type.Optional(LaunchPlan),
};

export const Opportunity = Strict({
  format: Type.Optional(Enum(OPPORTUNITY_FORMATS, 'v2 (written today) or v1 (read unchanged)')),
  ...opportunityParts,
});
export type Opportunity = Static<typeof Opportunity>;

export const PortfolioMember = Strict({
  name: PersonName,
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  role: Type.Optional(
    Type.Enum([...ROLES, ...(Object.keys(LEGACY_ROLES) as (keyof typeof LEGACY_ROLES)[])], {
      description:
        'owner, leader, contributor or viewer (lead and member, from older files, read as leader and contributor)',
    }),
  ),
});

export type PortfolioMember = Static<typeof PortfolioMember>;

export const Portfolio = Strict({
  format: Type.Literal(PORTFOLIO_FORMAT),
  workspace: Strict({ slug: Slug, name: Text(120, 1) }),
  members: Type.Optional(Type.Array(PortfolioMember, { maxItems: 10_000 })),
  strategy: Type.Optional(OpportunityStrategy),
  opportunities: Type.Array(Opportunity, { maxItems: 100_000 }),
});
export type Portfolio = Static<typeof Portfolio>;
