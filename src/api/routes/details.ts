import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { getScore, listAssessments, putAssessment, scoreHistory } from '../../app/assessments.ts';
import type { AppContext } from '../../app/context.ts';
import { decide, listDecisions, mergeIdeas } from '../../app/decisions.ts';
import { addEvidence, linkEvidence, listIdeaEvidence, unlinkEvidence, updateEvidence } from '../../app/evidence.ts';
import { getFrame, putFrame } from '../../app/frames.ts';
import {
  Assessment,
  AssessmentPut,
  Decision,
  DecisionCreate,
  DecisionRecorded,
  Evidence,
  EvidenceCreate,
  EvidenceLinkPut,
  EvidenceUpdate,
  Frame,
  FramePut,
  Id,
  MergeRequest,
  MergeResult,
  ScoreChange,
  ScoreExplanation,
  Strict,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed } from './common.ts';

const EvidenceParams = Strict({ ...IdeaParams.properties, evidence: Id });

/** Everything hanging off one idea: frame, evidence, assessments, score, decisions, merge. */
export function ideaDetailRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const base = '/workspaces/:ws/ideas/:idea';

  app.get(
    `${base}/frame`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['frames'],
        summary: 'The problem frame',
        params: IdeaParams,
        response: { 200: Frame, ...problems },
      },
    },
    async (req) => getFrame(ctx, req.params.ws, req.params.idea),
  );
  app.put(
    `${base}/frame`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['frames'],
        summary: 'Write the problem frame as a whole (send version 0 or none the first time)',
        params: IdeaParams,
        body: FramePut,
        response: { 200: Frame, ...problems },
      },
    },
    async (req) => putFrame(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );

  app.get(
    `${base}/evidence`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['evidence'],
        summary: 'Evidence linked to the idea',
        params: IdeaParams,
        response: { 200: Type.Array(Evidence), ...problems },
      },
    },
    async (req) => listIdeaEvidence(ctx, req.params.ws, req.params.idea),
  );
  app.post(
    `${base}/evidence`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['evidence'],
        summary: 'Add evidence to the idea, optionally naming the dimensions it supports',
        params: IdeaParams,
        body: EvidenceCreate,
        response: { 201: Evidence, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addEvidence(ctx, req.params.ws, req.params.idea, req.body, req.actor);
    },
  );
  app.put(
    `${base}/evidence/:evidence`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['evidence'],
        summary: 'Link existing evidence to this idea (or change the dimensions it supports here)',
        params: EvidenceParams,
        body: EvidenceLinkPut,
        response: { 200: Evidence, ...problems },
      },
    },
    async (req) =>
      linkEvidence(ctx, req.params.ws, req.params.evidence, req.params.idea, req.body.dimensions, req.actor),
  );
  app.patch(
    `${base}/evidence/:evidence`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['evidence'],
        summary: 'Correct evidence linked to this idea (at its version); every idea it supports is scored again',
        params: EvidenceParams,
        body: EvidenceUpdate,
        response: { 200: Evidence, ...problems },
      },
    },
    async (req) => updateEvidence(ctx, req.params.ws, req.params.idea, req.params.evidence, req.body, req.actor),
  );
  app.delete(
    `${base}/evidence/:evidence`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['evidence'],
        summary: 'Unlink evidence from this idea',
        params: EvidenceParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await unlinkEvidence(ctx, req.params.ws, req.params.evidence, req.params.idea, req.actor);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/assessments`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['assessments'],
        summary: "Every assessor's scores",
        params: IdeaParams,
        response: { 200: Type.Array(Assessment), ...problems },
      },
    },
    async (req) => listAssessments(ctx, req.params.ws, req.params.idea),
  );
  app.put(
    `${base}/assessments/mine`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['assessments'],
        summary:
          'Score dimensions as the acting member (1-5, with confidence and evidence); changes are kept as history',
        params: IdeaParams,
        body: AssessmentPut,
        response: { 200: Assessment, ...problems },
      },
    },
    async (req) => putAssessment(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );
  app.get(
    `${base}/score`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['assessments'],
        summary: 'Composite and confidence-adjusted score, per-dimension spread, RICE/ICE, and how each was computed',
        params: IdeaParams,
        response: { 200: ScoreExplanation, ...problems },
      },
    },
    async (req) => getScore(ctx, req.params.ws, req.params.idea),
  );
  app.get(
    `${base}/score/history`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['assessments'],
        summary: 'Every score change, newest first',
        params: IdeaParams,
        response: { 200: Type.Array(ScoreChange), ...problems },
      },
    },
    async (req) => scoreHistory(ctx, req.params.ws, req.params.idea),
  );

  app.get(
    `${base}/decisions`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['decisions'],
        summary: 'Decisions on the idea with their reasons, oldest first',
        params: IdeaParams,
        response: { 200: Type.Array(Decision), ...problems },
      },
    },
    async (req) => listDecisions(ctx, req.params.ws, req.params.idea),
  );
  app.post(
    `${base}/decisions`,
    {
      config: { policy: policy.decide },
      schema: {
        tags: ['decisions'],
        summary: 'Decide at a stage gate: advance, park, kill or reopen, with the rationale and the criteria checked',
        params: IdeaParams,
        body: DecisionCreate,
        response: { 201: DecisionRecorded, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return decide(ctx, req.params.ws, req.params.idea, req.body, req.actor);
    },
  );
  app.post(
    `${base}/merge`,
    {
      config: { policy: policy.decide },
      schema: {
        tags: ['decisions'],
        summary: 'Merge this idea into another: evidence, assessments and followers carry over; recorded as a decision',
        params: IdeaParams,
        body: MergeRequest,
        response: { 200: MergeResult, ...problems },
      },
    },
    async (req) => mergeIdeas(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );
}
