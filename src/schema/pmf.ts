import { type Static, Type } from 'typebox';
import { PMF_GUARD_IDS, PMF_GUARD_STATUSES, PMF_LEVELS, PMF_SIGNAL_IDS, PMF_STATUSES } from '../methodology/index.ts';
import { Count, DateOnly, Enum, Measure, Nullable, Strict, Text, Version } from './common.ts';

/** Sean Ellis survey answers counted: "How would you feel if you could no longer use the product?" */
export const SeanEllisSurvey = Strict({
  veryDisappointed: Count(),
  somewhatDisappointed: Count(),
  notDisappointed: Count(),
  notApplicable: Type.Optional(Count(0, { description: 'No longer use it: left out of the share' })),
  source: Type.Optional(Text(300)),
  collectedOn: Type.Optional(DateOnly),
});
export type SeanEllisSurvey = Static<typeof SeanEllisSurvey>;

/** One signup cohort: its size and how many of it were still active on given days. */
export const RetentionCohort = Strict({
  cohort: Text(40, 1, { description: 'e.g. 2026-09; cohorts are read in the order given, oldest first' }),
  size: Count(1),
  retained: Type.Array(Strict({ day: Type.Integer({ minimum: 1, maximum: 3650 }), users: Count() }), {
    maxItems: 60,
  }),
});
export type RetentionCohort = Static<typeof RetentionCohort>;

/** What product-market fit is read from, as far as measured; the economics signal reads the economics. */
export const PmfData = Strict({
  survey: Type.Optional(SeanEllisSurvey),
  cohorts: Type.Optional(Type.Array(RetentionCohort, { maxItems: 120 })),
  organic: Type.Optional(
    Strict({ organicNewUsers: Count(), totalNewUsers: Count(1), period: Type.Optional(Text(40)) }),
  ),
  supportTickets: Type.Optional(
    Type.Array(Strict({ period: Text(40, 1), ticketsPerUser: Measure({ minimum: 0 }) }), {
      maxItems: 60,
      description: 'Oldest first',
    }),
  ),
  onboarding: Type.Optional(Strict({ completed: Count(), started: Count(1) })),
});
export type PmfData = Static<typeof PmfData>;

export const PMF_IMPORT_KINDS = ['sean-ellis', 'cohorts'] as const;

/** A CSV export to read into an idea's PMF data: it replaces the survey or the cohort table. */
export const PmfImport = Strict({
  version: Version,
  kind: Enum(PMF_IMPORT_KINDS, 'sean-ellis: one answer a row; cohorts: cohort,size,d1,d7,d30… a cohort a row'),
  csv: Text(4_000_000, 1, { description: "The file's text, UTF-8" }),
  source: Type.Optional(Text(300)),
});
export type PmfImport = Static<typeof PmfImport>;

export const PmfSignal = Strict({
  id: Enum(PMF_SIGNAL_IDS),
  name: Type.String(),
  status: Enum(PMF_STATUSES),
  evidence: Type.String(),
  sample: Nullable(Type.Integer({ description: 'Answers, users or customers the signal rests on' })),
});
export type PmfSignal = Static<typeof PmfSignal>;

export const PmfGuard = Strict({
  id: Enum(PMF_GUARD_IDS),
  name: Type.String(),
  status: Enum(PMF_GUARD_STATUSES),
  evidence: Type.String(),
});
export type PmfGuard = Static<typeof PmfGuard>;

export const PmfReadout = Strict({
  signals: Type.Array(PmfSignal),
  guards: Type.Array(PmfGuard),
  level: Enum(PMF_LEVELS),
  levelWords: Type.String(),
  readyToScale: Type.Boolean(),
  holdingBack: Nullable(Strict({ id: Type.String(), name: Type.String(), question: Type.String() })),
  scaleQuestion: Type.String(),
  survey: Nullable(
    Strict({
      n: Type.Integer(),
      veryDisappointed: Type.Integer(),
      share: Type.Number(),
      low: Type.Number({ description: '95 % Wilson interval' }),
      high: Type.Number(),
    }),
  ),
  cohorts: Type.Array(
    Strict({
      cohort: Type.String(),
      size: Type.Integer(),
      d30: Nullable(Type.Number()),
      curve: Type.Array(Strict({ day: Type.Integer(), share: Type.Number() })),
    }),
  ),
  retention: Strict({
    trend: Nullable(Enum(['rising', 'flat', 'falling'] as const)),
    flattening: Nullable(Type.Boolean()),
  }),
});
export type PmfReadout = Static<typeof PmfReadout>;
