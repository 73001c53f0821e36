import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { addAssumption, getAssumptionMap, updateAssumption } from '../../app/validation/assumptions.ts';
import { challengeIdea, challengerRules, dismissFinding, getRecommendation } from '../../app/validation/challenge.ts';
import { addCompetitor, updateCompetitor } from '../../app/validation/competitors.ts';
import { addExperiment, recordResult, startExperiment, updateExperiment } from '../../app/validation/experiments.ts';
import { deletePart, listParts } from '../../app/validation/parts.ts';
import {
  AssumptionCreate,
  AssumptionMapEntry,
  AssumptionUpdate,
  ChallengeResponse,
  CompetitorFields,
  CompetitorUpdate,
  Dismissal,
  DismissalInput,
  ExperimentCreate,
  ExperimentResult,
  ExperimentUpdate,
  Id,
  Recommendation,
  RuleInfo,
  StoredAssumption,
  StoredCompetitor,
  StoredExperiment,
  Strict,
  Version,
} from '../../schema/index.ts';
import { actorOf } from '../actor.ts';
import { IdeaParams, problems, typed } from './common.ts';

const PartParams = Strict({ ...IdeaParams.properties, id: Id });

/** Assumptions, experiments with pre-registered criteria, the recommendation and the challenger. */
export function validationRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const base = '/workspaces/:ws/ideas/:idea';
  const tags = ['validation'];
  const actor = (req: { params: { ws: string } } & Parameters<typeof actorOf>[1]) => actorOf(ctx, req, req.params.ws);

  app.get(
    `${base}/assumptions`,
    {
      schema: {
        tags,
        summary: 'Assumptions, in the order they were listed',
        params: IdeaParams,
        response: { 200: Type.Array(StoredAssumption), ...problems },
      },
    },
    async (req) => listParts(ctx, req.params.ws, req.params.idea, 'assumptions') as never,
  );
  app.post(
    `${base}/assumptions`,
    {
      schema: {
        tags,
        summary: 'List an assumption: risk (estimable), uncertainty (learnable only by testing) or silent (never said)',
        params: IdeaParams,
        body: AssumptionCreate,
        response: { 201: StoredAssumption, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addAssumption(ctx, req.params.ws, req.params.idea, req.body, await actor(req)) as never;
    },
  );
  app.patch(
    `${base}/assumptions/:id`,
    {
      schema: {
        tags,
        summary: 'Change an assumption',
        params: PartParams,
        body: AssumptionUpdate,
        response: { 200: StoredAssumption, ...problems },
      },
    },
    async (req) =>
      updateAssumption(ctx, req.params.ws, req.params.idea, req.params.id, req.body, await actor(req)) as never,
  );
  app.delete(
    `${base}/assumptions/:id`,
    {
      schema: {
        tags,
        summary: 'Remove an assumption',
        params: PartParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deletePart(ctx, req.params.ws, req.params.idea, 'assumptions', req.params.id, await actor(req));
      return reply.status(204).send(null);
    },
  );
  app.get(
    `${base}/assumption-map`,
    {
      schema: {
        tags,
        summary: 'The assumption map: riskiest first (important and least evidenced)',
        params: IdeaParams,
        response: { 200: Type.Array(AssumptionMapEntry), ...problems },
      },
    },
    async (req) => getAssumptionMap(ctx, req.params.ws, req.params.idea),
  );

  app.get(
    `${base}/experiments`,
    {
      schema: {
        tags,
        summary: 'Experiments with their test cards, locked criteria and results',
        params: IdeaParams,
        response: { 200: Type.Array(StoredExperiment), ...problems },
      },
    },
    async (req) => listParts(ctx, req.params.ws, req.params.idea, 'experiments') as never,
  );
  app.post(
    `${base}/experiments`,
    {
      schema: {
        tags,
        summary:
          'Write a test card: hypothesis, falsifier, method, metric, success and kill thresholds, sample, deadline',
        params: IdeaParams,
        body: ExperimentCreate,
        response: { 201: StoredExperiment, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addExperiment(ctx, req.params.ws, req.params.idea, req.body, await actor(req)) as never;
    },
  );
  app.patch(
    `${base}/experiments/:id`,
    {
      schema: {
        tags,
        summary: 'Change a test card; once started, criteria changes need a reason and are flagged as moved goalposts',
        params: PartParams,
        body: ExperimentUpdate,
        response: { 200: StoredExperiment, ...problems },
      },
    },
    async (req) =>
      updateExperiment(ctx, req.params.ws, req.params.idea, req.params.id, req.body, await actor(req)) as never,
  );
  app.post(
    `${base}/experiments/:id/start`,
    {
      schema: {
        tags,
        summary: 'Start the experiment: its criteria are locked as registered',
        params: PartParams,
        body: Strict({ version: Version }),
        response: { 200: StoredExperiment, ...problems },
      },
    },
    async (req) =>
      startExperiment(ctx, req.params.ws, req.params.idea, req.params.id, req.body.version, await actor(req)) as never,
  );
  app.post(
    `${base}/experiments/:id/result`,
    {
      schema: {
        tags,
        summary: 'Record the observed value and sample, and the learning card ("we observed …; therefore we will …")',
        params: PartParams,
        body: ExperimentResult,
        response: { 200: StoredExperiment, ...problems },
      },
    },
    async (req) =>
      recordResult(ctx, req.params.ws, req.params.idea, req.params.id, req.body, await actor(req)) as never,
  );
  app.delete(
    `${base}/experiments/:id`,
    {
      schema: {
        tags,
        summary: 'Remove an experiment',
        params: PartParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deletePart(ctx, req.params.ws, req.params.idea, 'experiments', req.params.id, await actor(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/competitors`,
    {
      schema: {
        tags: ['documents'],
        summary: 'Competitors and alternatives, including "do nothing", with capability ratings',
        params: IdeaParams,
        response: { 200: Type.Array(StoredCompetitor), ...problems },
      },
    },
    async (req) => listParts(ctx, req.params.ws, req.params.idea, 'competitors') as never,
  );
  app.post(
    `${base}/competitors`,
    {
      schema: {
        tags: ['documents'],
        summary:
          'Add a competitor or alternative: name, kind (direct, indirect, substitute), strengths, weaknesses, price, capabilities',
        params: IdeaParams,
        body: CompetitorFields,
        response: { 201: StoredCompetitor, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addCompetitor(ctx, req.params.ws, req.params.idea, req.body, await actor(req)) as never;
    },
  );
  app.patch(
    `${base}/competitors/:id`,
    {
      schema: {
        tags: ['documents'],
        summary: 'Change a competitor',
        params: PartParams,
        body: CompetitorUpdate,
        response: { 200: StoredCompetitor, ...problems },
      },
    },
    async (req) =>
      updateCompetitor(ctx, req.params.ws, req.params.idea, req.params.id, req.body, await actor(req)) as never,
  );
  app.delete(
    `${base}/competitors/:id`,
    {
      schema: {
        tags: ['documents'],
        summary: 'Remove a competitor',
        params: PartParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deletePart(ctx, req.params.ws, req.params.idea, 'competitors', req.params.id, await actor(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/recommendation`,
    {
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
      schema: {
        tags: ['challenger'],
        summary:
          "The challenger's findings, most severe first, with the next question; ?ai=true adds AI suggestions apart",
        params: IdeaParams,
        querystring: Strict({ ai: Type.Optional(Type.Boolean({ default: false })) }),
        response: { 200: ChallengeResponse, ...problems },
      },
    },
    async (req) => challengeIdea(ctx, req.params.ws, req.params.idea, { ai: req.query.ai ?? false }),
  );
  app.post(
    `${base}/challenge/dismissals`,
    {
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
      return dismissFinding(ctx, req.params.ws, req.params.idea, req.body, await actor(req));
    },
  );
  app.get(
    '/challenger/rules',
    {
      schema: {
        tags: ['challenger'],
        summary: "The challenger's rules: id, kind, severity, what each looks for",
        response: { 200: Type.Array(RuleInfo) },
      },
    },
    async () => challengerRules(),
  );
}
