import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CareerLadder,
  ConfidenceLevel,
  EvidenceKind,
  EvidenceStrength,
  OutcomeId,
  RaterGroupId,
  StageId,
  TraitId,
} from '../methodology/index.ts';
import type {
  AssumptionFields,
  CapabilityRatings,
  CompetitorFields,
  CriterionCheck,
  DecisionRecommendation,
  DevelopmentPlanRecord,
  DimensionSpec,
  DocumentTemplateFile,
  EconomicsFields,
  ExperimentFields,
  FrameFields,
  IceInputs,
  IdeaFilters,
  IdeaStatement,
  InboxKind,
  KillCriterion,
  LaunchPlan,
  MvpData,
  PmfData,
  RiceInputs,
  Role,
  Scores,
  SuccessMetric,
  Weights,
} from '../schema/index.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** null: the method's default dimensions. */
  dimensions: jsonb('dimensions').$type<DimensionSpec[] | null>(),
  weights: jsonb('weights').$type<Weights>().notNull().default({}),
  /** The workspace's document template file (section order, titles, optional sections); null: defaults. */
  documentTemplates: jsonb('document_templates').$type<DocumentTemplateFile>(),
  ideaCounter: integer('idea_counter').notNull().default(0),
  /**
   * Bumped by triggers on `ideas` whenever an idea's searchable text (title, description, merged or not,
   * workspace) changes, in the writing transaction: the similar-ideas index of every process compares it
   * with its own (src/app/similar.ts). Not the row's `version`, which guards edits of the workspace.
   */
  textVersion: integer('text_version').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role').notNull().$type<Role>(),
    /** The account that signs in as this member; null for members no one has signed in as yet (imported, sample). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Removed from the workspace: no access, but their assessments, decisions and evidence keep their name. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('members_workspace_name').on(t.workspaceId, t.name),
    uniqueIndex('members_workspace_user').on(t.workspaceId, t.userId),
    index('members_user').on(t.userId),
  ],
);

export const ideas = pgTable(
  'ideas',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    stage: text('stage').notNull().$type<StageId>(),
    /** The stage an idea was parked from, so reopening can return it there. */
    parkedFrom: text('parked_from').$type<StageId>(),
    channel: text('channel').notNull().$type<'web' | 'api' | 'cli' | 'import'>(),
    anonymous: boolean('anonymous').notNull().default(false),
    /** Always null for anonymous ideas: no trace of who submitted them is kept. */
    submitterId: uuid('submitter_id').references(() => members.id, { onDelete: 'set null' }),
    statement: jsonb('statement').$type<IdeaStatement>(),
    rice: jsonb('rice').$type<RiceInputs>(),
    ice: jsonb('ice').$type<IceInputs>(),
    /** The idea's own success metrics and kill criteria (opportunity format v2). */
    successMetrics: jsonb('success_metrics').$type<SuccessMetric[]>().notNull().default([]),
    killCriteria: jsonb('kill_criteria').$type<KillCriterion[]>().notNull().default([]),
    economics: jsonb('economics').$type<EconomicsFields>(),
    /** Product-market fit measurements: survey counts, cohorts, organic share, guards (issue 14). */
    pmf: jsonb('pmf').$type<PmfData>(),
    /** The MVP definition in seven steps: context, user classes, stories and their cut, success (issue 14). */
    mvp: jsonb('mvp').$type<MvpData>(),
    /** Our own product's capability ratings (0..5), beside the competitors' on the positioning chart. */
    capabilities: jsonb('capabilities').$type<CapabilityRatings>(),
    /** The ask, the team and the go-to-market plan (issue 14, point 7). */
    launchPlan: jsonb('launch_plan').$type<LaunchPlan>(),
    mergedIntoId: uuid('merged_into_id'),
    /** Archived (soft-deleted): out of lists, boards and similar ideas until restored; nothing is lost. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedBy: uuid('archived_by'),
    /** Denormalised from assessments in the same transaction, so lists sort by score without recomputing. */
    scoreComposite: real('score_composite'),
    scoreAdjusted: real('score_adjusted'),
    scoreCoverage: real('score_coverage').notNull().default(0),
    scoreAssessors: integer('score_assessors').notNull().default(0),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('ideas_workspace_number').on(t.workspaceId, t.number),
    // Shaped like the list's sorts (nulls last, number as tie-break) so a first page is an index scan.
    index('ideas_workspace_composite').on(t.workspaceId, t.scoreComposite.desc().nullsLast(), t.number.desc()),
    index('ideas_workspace_adjusted').on(t.workspaceId, t.scoreAdjusted.desc().nullsLast(), t.number.desc()),
    index('ideas_workspace_updated').on(t.workspaceId, t.updatedAt.desc(), t.number.desc()),
    index('ideas_tags').using('gin', t.tags),
    index('ideas_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
    // The similar-ideas search document, spelt exactly as findSimilar spells it so that `%>` can use it.
    index('ideas_text_trgm').using('gin', sql`(${t.title} || ' ' || left(${t.description}, 300)) gin_trgm_ops`),
    // Merges are rare: the list's total subtracts them from the workspace's idea counter instead of counting.
    index('ideas_workspace_merged').on(t.workspaceId).where(sql`${t.mergedIntoId} is not null`),
    // Archived ideas are rare too, and subtracted from the same total.
    index('ideas_workspace_archived').on(t.workspaceId).where(sql`${t.archivedAt} is not null`),
  ],
);

/**
 * Which ideas' searchable text changed under which `text_version` of their workspace, written by the same
 * triggers: a stale similar-ideas index reloads only those. Pruned by the triggers to the last 1,000
 * versions; an index older than that rebuilds.
 */
export const ideaTextLog = pgTable(
  'idea_text_log',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    ideaId: uuid('idea_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.version, t.ideaId] })],
);

/** Only a hash of an anonymous submitter's receipt code is kept. */
export const receipts = pgTable('receipts', {
  hash: text('hash').primaryKey(),
  ideaId: uuid('idea_id')
    .notNull()
    .references(() => ideas.id, { onDelete: 'cascade' }),
});

export const followers = pgTable(
  'followers',
  {
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.memberId] })],
);

/**
 * A comment on an idea, in Markdown (rendered without raw HTML, links limited to http(s) and mailto:
 * src/domain/markdown.ts). `mentions` are the members its text names with @, resolved when it was written.
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [index('comments_idea').on(t.ideaId, t.createdAt)],
);

/**
 * What changed on an idea, one row per member to tell (its followers, who include its named submitter,
 * and anyone a comment mentions), written in the transaction of the change. Never for the member who made it.
 */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().$type<InboxKind>(),
    /** The member whose change it was. */
    actorId: uuid('actor_id'),
    /** The comment, decision or experiment the item is about. */
    subjectId: uuid('subject_id'),
    summary: text('summary').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('inbox_items_member').on(t.memberId, t.id.desc()),
    // The header's unread count on every page: only unread rows are in this index.
    index('inbox_items_unread').on(t.memberId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * "I have this problem too", from a colleague, with an optional line of context: anecdote-strength demand
 * evidence, counted and shown as a count. It never enters a score or a sort.
 */
export const demandSignals = pgTable(
  'demand_signals',
  {
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    context: text('context'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.memberId] })],
);

export const frames = pgTable('frames', {
  ideaId: uuid('idea_id')
    .primaryKey()
    .references(() => ideas.id, { onDelete: 'cascade' }),
  fields: jsonb('fields').$type<FrameFields>().notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: updatedAt(),
  version: version(),
});

export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().$type<EvidenceKind>(),
    summary: text('summary').notNull(),
    source: text('source').notNull(),
    observedOn: date('observed_on', { mode: 'string' }).notNull(),
    strength: text('strength').notNull().$type<EvidenceStrength>(),
    url: text('url'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('evidence_workspace').on(t.workspaceId)],
);

export const evidenceLinks = pgTable(
  'evidence_links',
  {
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    dimensions: text('dimensions').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.ideaId] }), index('evidence_links_idea').on(t.ideaId)],
);

export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    scores: jsonb('scores').$type<Scores>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('assessments_idea_assessor').on(t.ideaId, t.assessorId)],
);

export const scoreChanges = pgTable(
  'score_changes',
  {
    id: uuid('id').primaryKey(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    assessorId: uuid('assessor_id').notNull(),
    dimension: text('dimension').notNull(),
    fromScore: integer('from_score'),
    toScore: integer('to_score'),
    fromConfidence: text('from_confidence').$type<ConfidenceLevel>(),
    toConfidence: text('to_confidence').$type<ConfidenceLevel>(),
    reason: text('reason'),
    actorId: uuid('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('score_changes_idea').on(t.ideaId, t.at)],
);

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage').notNull().$type<StageId>(),
    toStage: text('to_stage').notNull().$type<StageId>(),
    outcome: text('outcome').notNull().$type<OutcomeId>(),
    rationale: text('rationale').notNull(),
    criteria: jsonb('criteria').$type<CriterionCheck[]>().notNull().default([]),
    reversible: boolean('reversible').notNull(),
    reviewOn: date('review_on', { mode: 'string' }),
    mergedIdeaId: uuid('merged_idea_id'),
    /** The recommendation in force when the decision was taken, and whether the decision followed it. */
    recommendation: jsonb('recommendation').$type<DecisionRecommendation>(),
    decidedBy: uuid('decided_by'),
    createdAt: createdAt(),
  },
  (t) => [index('decisions_idea').on(t.ideaId, t.createdAt)],
);

/** The validation loop's records keep their fields as one typed document each (schema: src/schema). */
const ideaPart = <T>(name: string) =>
  pgTable(
    name,
    {
      id: uuid('id').primaryKey(),
      ideaId: uuid('idea_id')
        .notNull()
        .references(() => ideas.id, { onDelete: 'cascade' }),
      position: integer('position').notNull().default(0),
      data: jsonb('data').$type<T>().notNull(),
      createdBy: uuid('created_by'),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
      version: version(),
      /** Removed (soft-deleted): left out everywhere, restorable; its ref is never given to another record. */
      deletedAt: timestamp('deleted_at', { withTimezone: true }),
    },
    (t) => [index(`${name}_idea`).on(t.ideaId, t.position)],
  );

export const assumptions = ideaPart<AssumptionFields>('assumptions');
export const experiments = ideaPart<ExperimentFields>('experiments');
export const competitors = ideaPart<CompetitorFields>('competitors');

/** A challenger finding someone dismissed, with the reason: kept, so the dismissal itself can be reviewed. */
export const dismissals = pgTable(
  'dismissals',
  {
    id: uuid('id').primaryKey(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    subject: text('subject'),
    reason: text('reason').notNull(),
    dismissedBy: uuid('dismissed_by'),
    createdAt: createdAt(),
    /** Restored: the finding counts again; the dismissal stays on record with who restored it and when. */
    restoredAt: timestamp('restored_at', { withTimezone: true }),
    restoredBy: uuid('restored_by'),
  },
  (t) => [index('dismissals_idea').on(t.ideaId)],
);

/**
 * A person who signs in. Their roles live on their memberships (members.user_id), one per workspace.
 * Emails are kept lower-case so that sign-in, invites and single sign-on find the same account.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** scrypt, in the self-describing form src/app/auth/passwords.ts writes; null: single sign-on only. */
  passwordHash: text('password_hash'),
  createdAt: createdAt(),
  version: version(),
});

/** Server-side sessions: the cookie holds a random secret, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    hash: text('hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Sent back in the X-CSRF-Token header of every cookie-authenticated write. */
    csrf: text('csrf').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Personal API tokens for the CLI and integrations: shown once, stored hashed, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scope: text('scope').notNull().$type<'read' | 'write'>(),
    hash: text('hash').notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/**
 * Links that work once: an invitation to a workspace with a role, or a password reset issued by an owner.
 * Only the hash of the link's secret is kept.
 */
export const oneTimeLinks = pgTable(
  'one_time_links',
  {
    hash: text('hash').primaryKey(),
    kind: text('kind').notNull().$type<'invite' | 'reset'>(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>(),
    /** The account a reset is for. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('one_time_links_workspace').on(t.workspaceId)],
);

/** Every write, by whom, on what, with a compact before and after. Anonymous submissions name no one. */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: uuid('id').primaryKey(),
    /** null: an install-wide action (a workspace created, sign-in settings changed). */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    memberId: uuid('member_id'),
    /** Who, in words, as they were when they acted (a display name, or "anonymous"). */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    status: integer('status').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_entries_workspace_at').on(t.workspaceId, t.at.desc())],
);

/** A member's own named list filters (src/schema/view.ts): each member sees and keeps only theirs. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<IdeaFilters>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('saved_views_member_name').on(t.workspaceId, t.memberId, t.name)],
);

/** Install-wide settings an owner changes in the app (single sign-on), by key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/**
 * Leadership growth (docs/leadership.md). A person's 360 cycles, who was asked to rate them, the ratings,
 * and their development plans. Privacy is in the shape as well as in the API: raters and ratings carry no
 * timestamps at all, so not even the database says in which order or when answers came in; `answered` is
 * only ever read for the rater's own list of requests, never shown to the person assessed.
 */
export const traitCycles = pgTable(
  'trait_cycles',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The person assessed; only they read the cycle. */
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    /** Closed: no more answers, and only now are others' ratings summarised (see src/app/leadership/cycles.ts). */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [index('trait_cycles_subject').on(t.subjectId, t.createdAt)],
);

export const traitRaters = pgTable(
  'trait_raters',
  {
    id: uuid('id').primaryKey(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => traitCycles.id, { onDelete: 'cascade' }),
    group: text('rater_group').notNull().$type<RaterGroupId>(),
    /** A member who answers signed in; null for a one-time link. */
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    /** A one-time link's hash (the link itself is shown once, to the person who invited). */
    linkHash: text('link_hash').unique(),
    /** Who a link was meant for, in the inviting person's words; seen only by them. */
    label: text('label'),
    /** A manager agreed, when answering, that their rating is shown as the manager's. */
    managerConsent: boolean('manager_consent').notNull().default(false),
    answered: boolean('answered').notNull().default(false),
  },
  (t) => [index('trait_raters_cycle').on(t.cycleId), index('trait_raters_member').on(t.memberId)],
);

export const traitRatings = pgTable(
  'trait_ratings',
  {
    raterId: uuid('rater_id')
      .notNull()
      .references(() => traitRaters.id, { onDelete: 'cascade' }),
    trait: text('trait').notNull().$type<TraitId>(),
    score: integer('score').notNull(),
    example: text('example'),
  },
  (t) => [primaryKey({ columns: [t.raterId, t.trait] })],
);

/** A person's development plans, newest last; the plan itself is the domain's record, kept whole. */
export const developmentPlans = pgTable(
  'development_plans',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    cycleId: uuid('cycle_id').references(() => traitCycles.id, { onDelete: 'set null' }),
    plan: jsonb('plan').$type<DevelopmentPlanRecord>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('development_plans_subject').on(t.subjectId, t.createdAt)],
);

/** A person shows their thresholded summary to a member they choose (their leader, a mentor); revocable. */
export const traitShares = pgTable(
  'trait_shares',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    viewerId: uuid('viewer_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.viewerId] }), index('trait_shares_viewer').on(t.viewerId)],
);

/** A psychological-safety pulse round of a workspace's team; shown only once closed, with enough answers. */
export const pulseRounds = pgTable(
  'pulse_rounds',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    openedBy: uuid('opened_by'),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [index('pulse_rounds_workspace').on(t.workspaceId, t.createdAt)],
);

/**
 * Pulse answers carry no respondent and no time; their id is random (v4), not time-ordered, so neither the
 * row nor its id says who answered or in which order. Who answered a round (to answer once) is kept apart,
 * in `pulse_respondents`, with nothing that links it to an answer.
 */
export const pulseAnswers = pgTable(
  'pulse_answers',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => pulseRounds.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
  },
  (t) => [index('pulse_answers_round').on(t.roundId)],
);

export const pulseRespondents = pgTable(
  'pulse_respondents',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => pulseRounds.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.memberId] })],
);

/** A workspace's career ladder (levels × traits), as data; none stored: the sample ladder. */
export const careerLadders = pgTable('career_ladders', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  ladder: jsonb('ladder').$type<CareerLadder>().notNull(),
  updatedAt: updatedAt(),
  version: version(),
});

/**
 * A 1:1 between a mentor and a mentee: notes and agreed actions, readable by the two of them only. Open
 * actions carry over into the next 1:1 of the same pair.
 */
export const oneOnOnes = pgTable(
  'one_on_ones',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    menteeId: uuid('mentee_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull().default(''),
    actions: jsonb('actions').$type<{ text: string; done: boolean }[]>().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index('one_on_ones_pair').on(t.mentorId, t.menteeId, t.heldOn)],
);

/** A person's opt-in to seeing behaviour observed in Vetted next to their traits (private to them). */
export const traitEvidenceOptIns = pgTable('trait_evidence_opt_ins', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
});

/**
 * Strategy (docs/strategy.md): a workspace's goals and its product's North Star metric, one record per
 * workspace, and the team objectives under it, each with a member who owns its key metric. Ideas link to
 * the objectives they serve; shared with every member of the workspace.
 */
export const strategies = pgTable('strategies', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  goals: text('goals').array().notNull().default(sql`'{}'::text[]`),
  northStar: text('north_star').notNull().default(''),
  /** What the North Star counts and how, in a sentence. */
  definition: text('definition').notNull().default(''),
  updatedBy: uuid('updated_by').references(() => members.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
  version: version(),
});

export const objectives = pgTable(
  'objectives',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    keyMetric: text('key_metric').notNull(),
    target: text('target'),
    /** The member who owns the key metric: named, so someone answers for it. */
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => members.id),
    createdAt: createdAt(),
    updatedBy: uuid('updated_by').references(() => members.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
    version: version(),
  },
  // Files link ideas to objectives by title, so a title is unique in its workspace.
  (t) => [uniqueIndex('objectives_workspace_title').on(t.workspaceId, t.title)],
);

export const ideaObjectives = pgTable(
  'idea_objectives',
  {
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    objectiveId: uuid('objective_id')
      .notNull()
      .references(() => objectives.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.objectiveId] }), index('idea_objectives_objective').on(t.objectiveId)],
);

/**
 * Read-only links to a workspace's roadmap for people without an account. Only the SHA-256 of the link's
 * secret is kept (src/app/auth/secrets.ts); a revoked link stays listed, with when it was revoked.
 */
export const roadmapShares = pgTable(
  'roadmap_shares',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('roadmap_shares_workspace').on(t.workspaceId)],
);
