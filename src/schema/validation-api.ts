import { type Static, Type } from 'typebox';
import { AssumptionFields } from './assumption.ts';
import { ChallengeReport, DismissalInput, Enrichment } from './challenge.ts';
import { Count, Id, Measure, Strict, Timestamp, Version } from './common.ts';
import { CompetitorFields } from './competitor.ts';
import { CriteriaChangeRequest, ExperimentFields, LearningCard } from './experiment.ts';

/** What the API adds to a record stored as one document: identity, version and times. */
const stored = { id: Id, version: Version, createdAt: Timestamp, updatedAt: Timestamp };

export const StoredAssumption = Strict({ ...AssumptionFields.properties, ref: Type.String(), ...stored });
export type StoredAssumption = Static<typeof StoredAssumption>;
export const AssumptionCreate = AssumptionFields;
export const AssumptionUpdate = Strict({
  ...Type.Partial(Type.Omit(AssumptionFields, ['ref'])).properties,
  version: Version,
});
export type AssumptionUpdate = Static<typeof AssumptionUpdate>;

/** Fields the server keeps: when it started, the registered criteria and every change made after. */
const MANAGED = ['startedOn', 'locked', 'criteriaChanges', 'goalpostsMoved'] as const;
export const StoredExperiment = Strict({ ...ExperimentFields.properties, ref: Type.String(), ...stored });
export type StoredExperiment = Static<typeof StoredExperiment>;
export const ExperimentCreate = Strict({
  ...Type.Omit(ExperimentFields, [...MANAGED, 'status', 'observed', 'sample', 'learning', 'learningCard']).properties,
});
export type ExperimentCreate = Static<typeof ExperimentCreate>;
export const ExperimentUpdate = Strict({
  ...CriteriaChangeRequest.properties,
  because: Type.Optional(ExperimentFields.properties.because),
  method: Type.Optional(ExperimentFields.properties.method),
  tests: Type.Optional(ExperimentFields.properties.tests),
  version: Version,
});
export type ExperimentUpdate = Static<typeof ExperimentUpdate>;
export const ExperimentResult = Strict({
  version: Version,
  observed: Measure(),
  sample: Count(),
  learningCard: Type.Optional(LearningCard),
  complete: Type.Optional(Type.Boolean({ default: true, description: 'false records an interim reading' })),
});
export type ExperimentResult = Static<typeof ExperimentResult>;

export const StoredCompetitor = Strict({ ...CompetitorFields.properties, ...stored });
export type StoredCompetitor = Static<typeof StoredCompetitor>;
export const CompetitorUpdate = Strict({ ...Type.Partial(CompetitorFields).properties, version: Version });
export type CompetitorUpdate = Static<typeof CompetitorUpdate>;

export const ChallengeResponse = Strict({
  report: ChallengeReport,
  ai: Type.Optional(Enrichment),
});
export type ChallengeResponse = Static<typeof ChallengeResponse>;

/** Which dismissal to take back: the rule, and the subject when the dismissal named one. */
export const DismissalRestore = Strict({
  ruleId: DismissalInput.properties.ruleId,
  subject: DismissalInput.properties.subject,
});
export type DismissalRestore = Static<typeof DismissalRestore>;
