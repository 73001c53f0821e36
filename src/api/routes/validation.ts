import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { addAssumption, getAssumptionMap, updateAssumption } from '../../app/validation/assumptions.ts';
import {
  challengeIdea,
  challengerRules,
  dismissFinding,
  getRecommendation,
  restoreFinding,
} from '../../app/validation/challenge.ts';
import { addCompetitor, updateCompetitor } from '../../app/validation/competitors.ts';
import { addExperiment, recordResult, startExperiment, updateExperiment } from '../../app/validation/experiments.ts';
import {
  AssumptionCreate,
  AssumptionMapEntry,
  AssumptionUpdate,
  ChallengeResponse,
  CompetitorFields,
  CompetitorUpdate,
  DateOnly,
  Dismissal,
  DismissalInput,
  DismissalRestore,
  ExperimentCreate,
  ExperimentResult,
  ExperimentUpdate,
  Recommendation,
  RuleInfo,
  StoredAssumption,
  StoredCompetitor,
  StoredExperiment,
  Strict,
  Version,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed } from './common.ts';
import { PartParams, partRoutes } from './parts.ts';

/** Assumptions, experiments with pre-registered criteria, competitors, the recommendation and the challenger. */
export function validationRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const base = '/workspaces/:ws/ideas/:idea';
  const tags = ['validation'];

  partRoutes(api, ctx, {
    name: 'assumptions',
    tag: 'validation',
    word: 'an assumption',
    stored: StoredAssumption,
    listSummary: 'Assumptions, in the order they were listed',
    create: {
      summary: 'List an assumption: risk (estimable), uncertainty (learnable only by testing) or silent (never said)',
      body: AssumptionCreate,
      run: (c, p, body, actor) => addAssumption(c, p.ws, p.idea, body, actor),
    },
    update: {
      summary: 'Change an assumption',
      body: AssumptionUpdate,
      run: (c, p, body, actor) => updateAssumption(c, p.ws, p.idea, p.id, body, actor),
    },
  });
  partRoutes(api, ctx, {
    name: 'experiments',
    tag: 'validation',
    word: 'an experiment',
    stored: StoredExperiment,
    listSummary: 'Experiments with their test cards, locked criteria and results',
    create: {
      summary:
        'Write a test card: hypothesis, falsifier, method, metric, success and kill thresholds, sample, deadline',
      body: ExperimentCreate,
      run: (c, p, body, actor) => addExperiment(c, p.ws, p.idea, body, actor),
    },
    update: {
      summary: 'Change a test card; once started, criteria changes need a reason and are flagged as moved goalposts',
      body: ExperimentUpdate,
      run: (c, p, body, actor) => updateExperiment(c, p.ws, p.idea, p.id, body, actor),
    },
  });
  partRoutes(api, ctx, {
    name: 'competitors',
    tag: 'documents',
    word: 'a competitor',
    stored: StoredCompetitor,
    listSummary: 'Competitors and alternatives, including "do nothing", with capability ratings',
    create: {
      summary:
        'Add a competitor or alternative: name, kind (direct, indirect, substitute), strengths, weaknesses, price, capabilities',
      body: CompetitorFields,
      run: (c, p, body, actor) => addCompetitor(c, p.ws, p.idea, body, actor),
    },
    update: {
      summary: 'Change a competitor',
      body: CompetitorUpdate,
      run: (c, p, body, actor) => updateCompetitor(c, p.ws, p.idea, p.id, body, actor),
    },
  });

  app.get(
    `${base}/assumption-map`,
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'The assumption map: riskiest first (important and least evidenced)',
        params: IdeaParams,
        response: { 200: Type.Array(AssumptionMapEntry), ...problems },
      },
    },
    async (req) => getAssumptionMap(ctx, req.params.ws, req.params.idea),
  );
  app.post(
    `${base}/experiments/:id/start`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: 'Start the experiment: its criteria are locked as registered',
        params: PartParams,
        body: Strict({ version: Version }),
        response: { 200: StoredExperiment, ...problems },
      },
    },
    async (req) => startExperiment(ctx, req.params.ws, req.params.idea, req.params.id, req.body.version, req.actor),
  );
  app.post(
    `${base}/experiments/:id/result`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: 'Record the observed value and sample, and the learning card ("we observed …; therefore we will …")',
        params: PartParams,
        body: ExperimentResult,
        response: { 200: StoredExperiment, ...problems },
      },
    },
    async (req) => recordResult(ctx, req.params.ws, req.params.idea, req.params.id, req.body, req.actor),
  );
  app.get(
    `${base}/recommendation`,
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary:
          'Pursue, iterate, pivot, park or kill, from the pre-registered criteria, with the reasons and experiments behind it',
        params: IdeaParams,
        response: { 200: Recommendation, ...problems },
      },
    },
    async (req) => getRecommendation(ctx, req.params.ws, req.params.idea),
  );

  app.get(
    `${base}/challenge`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['challenger'],
        summary:
          "The challenger's findings, most severe first, with the next question; ?asOf=YYYY-MM-DD judges as of that day; ?ai=true adds AI suggestions apart",
        params: IdeaParams,
        querystring: Strict({
          ai: Type.Optional(Type.Boolean({ default: false })),
          asOf: Type.Optional(DateOnly),
        }),
        response: { 200: ChallengeResponse, ...problems },
      },
    },
    async (req) =>
      challengeIdea(ctx, req.params.ws, req.params.idea, {
        ai: req.query.ai ?? false,
        ...(req.query.asOf ? { asOf: req.query.asOf } : {}),
      }),
  );
  app.post(
    `${base}/challenge/dismissals`,
    {
      config: { policy: policy.decide },
      schema: {
        tags: ['challenger'],
        summary: 'Dismiss a finding (a rule, or one subject of it) with a reason; the dismissal is recorded',
        params: IdeaParams,
        body: DismissalInput,
        response: { 201: Dismissal, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return dismissFinding(ctx, req.params.ws, req.params.idea, req.body, req.actor);
    },
  );
  app.post(
    `${base}/challenge/dismissals/restore`,
    {
      config: { policy: policy.decide },
      schema: {
        tags: ['challenger'],
        summary: 'Restore a dismissed finding: it counts again; the dismissal stays on record as restored',
        params: IdeaParams,
        body: DismissalRestore,
        response: { 200: Dismissal, ...problems },
      },
    },
    async (req) => restoreFinding(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );
  app.get(
    '/challenger/rules',
    {
      config: { policy: policy.public },
      schema: {
        tags: ['challenger'],
        summary: "The challenger's rules: id, kind, severity, what each looks for",
        response: { 200: Type.Array(RuleInfo) },
      },
    },
    async () => challengerRules(),
  );
}
