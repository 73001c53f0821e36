import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  createOneOnOne,
  getLadder,
  listOneOnOnes,
  myStanding,
  putLadder,
  updateOneOnOne,
} from '../../app/leadership/coaching.ts';
import {
  closeCycle,
  getCycle,
  insights,
  inviteRater,
  listCycles,
  openCycle,
  putSelfRatings,
} from '../../app/leadership/cycles.ts';
import { observedEvidence, setObservedOptIn } from '../../app/leadership/observed.ts';
import { createPlan, currentPlan, notePlan } from '../../app/leadership/plans.ts';
import { answerPulse, closePulse, openPulse, pulseOverview } from '../../app/leadership/pulse.ts';
import { answerLink, answerRequest, linkInfo, listRequests } from '../../app/leadership/requests.ts';
import { listShares, share, teamView, unshare } from '../../app/leadership/team.ts';
import * as M from '../../methodology/index.ts';
import {
  Cycle,
  Id,
  LadderPut,
  LadderStanding,
  LadderState,
  LinkCode,
  LinkRatingAnswer,
  LinkRatingInfo,
  ObservedEvidence,
  ObservedEvidenceOptIn,
  OneOnOne,
  OneOnOneCreate,
  OneOnOneUpdate,
  Plan,
  PlanCreate,
  PlanNote,
  PulseAnswer,
  PulseOverview,
  PulseRound,
  RaterInvite,
  RaterInvited,
  RatingAnswer,
  RatingRequest,
  SelfRatingsPut,
  Share,
  ShareCreate,
  Strict,
  TeamView,
  TraitFramework,
  TraitInsights,
  WithVersion,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { rateLimited } from '../security.ts';
import { problems, typed, WsParams } from './common.ts';
import { linkUrl } from './members.ts';

const CycleParams = Strict({ ...WsParams.properties, cycle: Id });
const RequestParams = Strict({ ...WsParams.properties, request: Id });
const MemberParams = Strict({ ...WsParams.properties, member: Id });
const RoundParams = Strict({ ...WsParams.properties, round: Id });
const OneOnOneParams = Strict({ ...WsParams.properties, id: Id });

/**
 * Leadership growth (docs/leadership.md). Every workspace route here is `personal`: it serves the acting
 * member's own data and nobody else's, whatever their role, so an owner reads only their own; there is no
 * route that lists another person's answers, cycles or plan. Reads are never cached; writes leave a private
 * audit entry (who and where, no content), and a rater's answer leaves none, so its time is recorded nowhere.
 */
export function leadershipRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['leadership'];
  const mine = { policy: policy.personal, readCache: 'never' } as const;
  const myWrite = { policy: policy.personal, audit: 'private' } as const;

  app.get(
    '/traits/framework',
    {
      config: { policy: policy.public },
      schema: {
        tags,
        summary: 'The nine traits with their anchors, the rater groups, the career stages and the threshold',
        response: { 200: TraitFramework },
      },
    },
    async () => ({
      traits: M.TRAITS.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        anchors: [...t.anchors],
        examplePrompt: t.examplePrompt,
      })),
      groups: M.RATER_GROUP_IDS.map((id) => ({ id, name: M.RATER_GROUP_NAMES[id] })),
      stages: M.CAREER_STAGES.map((s) => ({ id: s.id, name: s.name, develops: [...s.develops] })),
      advice: M.GROWTH_ADVICE,
      minRatersPerGroup: M.MIN_RATERS_PER_GROUP,
    }),
  );

  app.get(
    '/workspaces/:ws/traits/cycles',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Your 360 cycles, oldest first',
        params: WsParams,
        response: { 200: Type.Array(Cycle), ...problems },
      },
    },
    async (req) => listCycles(ctx, req.params.ws, req.actor),
  );

  app.post(
    '/workspaces/:ws/traits/cycles',
    {
      config: myWrite,
      schema: {
        tags,
        summary: 'Start a cycle (an assessment, or a reassessment): one is open at a time',
        params: WsParams,
        response: { 201: Cycle, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return openCycle(ctx, req.params.ws, req.actor);
    },
  );

  app.get(
    '/workspaces/:ws/traits/cycles/:cycle',
    {
      config: mine,
      schema: {
        tags,
        summary: 'One of your cycles: your own ratings and whom you asked (never who answered)',
        params: CycleParams,
        response: { 200: Cycle, ...problems },
      },
    },
    async (req) => getCycle(ctx, req.params.ws, req.params.cycle, req.actor),
  );

  app.put(
    '/workspaces/:ws/traits/cycles/:cycle/self',
    {
      config: myWrite,
      schema: {
        tags,
        summary: 'Rate yourself: 1-5 per trait, each with an optional example',
        params: CycleParams,
        body: SelfRatingsPut,
        response: { 200: Cycle, ...problems },
      },
    },
    async (req) => putSelfRatings(ctx, req.params.ws, req.params.cycle, req.body, req.actor),
  );

  app.post(
    '/workspaces/:ws/traits/cycles/:cycle/raters',
    {
      config: myWrite,
      schema: {
        tags,
        summary: 'Ask someone to rate you: a member, or (no member named) anyone through a one-time link',
        params: CycleParams,
        body: RaterInvite,
        response: { 201: RaterInvited, ...problems },
      },
    },
    async (req, reply) => {
      const { cycle, code } = await inviteRater(ctx, req.params.ws, req.params.cycle, req.body, req.actor);
      reply.status(201);
      return { cycle, link: code ? { url: linkUrl(req, 'rate', code), code } : null };
    },
  );

  app.post(
    '/workspaces/:ws/traits/cycles/:cycle/close',
    {
      config: myWrite,
      schema: {
        tags,
        summary: "Close a cycle: no more answers, and others' ratings are summarised (per group, at least 3 raters)",
        params: CycleParams,
        body: WithVersion,
        response: { 200: Cycle, ...problems },
      },
    },
    async (req) => closeCycle(ctx, req.params.ws, req.params.cycle, req.body.version, req.actor),
  );

  app.get(
    '/workspaces/:ws/traits/insights',
    {
      config: mine,
      schema: {
        tags,
        summary:
          'Your summary: per trait and group with every threshold applied, blind spots, the weakest trait, trend',
        params: WsParams,
        response: { 200: TraitInsights, ...problems },
      },
    },
    async (req) => insights(ctx, req.params.ws, req.actor),
  );

  app.get(
    '/workspaces/:ws/traits/requests',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Requests to rate someone, waiting for you',
        params: WsParams,
        response: { 200: Type.Array(RatingRequest), ...problems },
      },
    },
    async (req) => listRequests(ctx, req.params.ws, req.actor),
  );

  app.post(
    '/workspaces/:ws/traits/requests/:request',
    {
      config: { policy: policy.personal, audit: 'unrecorded' },
      schema: {
        tags,
        summary: 'Answer a request, once: shown to the person only in aggregate, per group, with at least 3 raters',
        params: RequestParams,
        body: RatingAnswer,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await answerRequest(ctx, req.params.ws, req.params.request, req.body, req.actor);
      reply.status(204);
      return null;
    },
  );

  app.post(
    '/traits/link/inspect',
    {
      config: { policy: policy.public, ...rateLimited() },
      schema: {
        tags,
        summary: 'Whom a one-time rating link asks you to rate',
        body: LinkCode,
        response: { 200: LinkRatingInfo, ...problems },
      },
    },
    async (req) => linkInfo(ctx, req.body.code),
  );

  app.post(
    '/traits/link/answer',
    {
      config: { policy: policy.public, audit: 'unrecorded', ...rateLimited() },
      schema: {
        tags,
        summary: 'Answer through a one-time link, once, without an account',
        body: LinkRatingAnswer,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await answerLink(ctx, req.body);
      reply.status(204);
      return null;
    },
  );

  app.get(
    '/workspaces/:ws/plan',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Your current development plan',
        params: WsParams,
        response: { 200: Plan, ...problems },
      },
    },
    async (req) => currentPlan(ctx, req.params.ws, req.actor),
  );

  app.post(
    '/workspaces/:ws/plan',
    {
      config: myWrite,
      schema: {
        tags,
        summary: 'Make a development plan for your weakest trait at your career stage',
        params: WsParams,
        body: PlanCreate,
        response: { 201: Plan, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createPlan(ctx, req.params.ws, req.body, req.actor);
    },
  );

  app.post(
    '/workspaces/:ws/plan/notes',
    {
      config: myWrite,
      schema: {
        tags,
        summary: 'A progress note on your plan; a check-in also sets the next check-in date',
        params: WsParams,
        body: PlanNote,
        response: { 200: Plan, ...problems },
      },
    },
    async (req) => notePlan(ctx, req.params.ws, req.body, req.actor),
  );

  app.get(
    '/workspaces/:ws/traits/shares',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Whom you show your summary to',
        params: WsParams,
        response: { 200: Type.Array(Share), ...problems },
      },
    },
    async (req) => listShares(ctx, req.params.ws, req.actor),
  );

  app.post(
    '/workspaces/:ws/traits/shares',
    {
      config: myWrite,
      schema: {
        tags,
        summary: "Show your summary (others' mean per trait, thresholded) to a member, in their team view",
        params: WsParams,
        body: ShareCreate,
        response: { 200: Type.Array(Share), ...problems },
      },
    },
    async (req) => share(ctx, req.params.ws, req.body.memberId, req.actor),
  );

  app.delete(
    '/workspaces/:ws/traits/shares/:member',
    {
      config: myWrite,
      schema: {
        tags,
        summary: 'Stop showing your summary to a member',
        params: MemberParams,
        response: { 200: Type.Array(Share), ...problems },
      },
    },
    async (req) => unshare(ctx, req.params.ws, req.params.member, req.actor),
  );

  app.get(
    '/workspaces/:ws/traits/team',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Your team view: people who shared their summary with you, per trait (heatmap and radar)',
        params: WsParams,
        response: { 200: TeamView, ...problems },
      },
    },
    async (req) => teamView(ctx, req.params.ws, req.actor),
  );

  app.get(
    '/workspaces/:ws/pulse',
    {
      config: mine,
      schema: {
        tags,
        summary:
          'The psychological-safety pulse: statements, rounds (shown once closed, with at least 5 answers), trend',
        params: WsParams,
        response: { 200: PulseOverview, ...problems },
      },
    },
    async (req) => pulseOverview(ctx, req.params.ws, req.actor),
  );

  app.post(
    '/workspaces/:ws/pulse',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: 'Open a pulse round for the team (leaders)',
        params: WsParams,
        response: { 201: PulseRound, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return openPulse(ctx, req.params.ws, req.actor);
    },
  );

  app.post(
    '/workspaces/:ws/pulse/:round/answers',
    {
      config: { policy: policy.personal, audit: 'unrecorded' },
      schema: {
        tags,
        summary: 'Answer a pulse round, once and anonymously',
        params: RoundParams,
        body: PulseAnswer,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await answerPulse(ctx, req.params.ws, req.params.round, req.body, req.actor);
      reply.status(204);
      return null;
    },
  );

  app.post(
    '/workspaces/:ws/pulse/:round/close',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: 'Close a pulse round (leaders): its result is shown with at least 5 answers',
        params: RoundParams,
        body: WithVersion,
        response: { 200: PulseRound, ...problems },
      },
    },
    async (req) => closePulse(ctx, req.params.ws, req.params.round, req.body.version, req.actor),
  );

  app.get(
    '/workspaces/:ws/ladder',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: "The workspace's career ladder: levels × traits, the level expected on each (the sample until set)",
        params: WsParams,
        response: { 200: LadderState, ...problems },
      },
    },
    async (req) => getLadder(ctx, req.params.ws),
  );

  app.put(
    '/workspaces/:ws/ladder',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: "Set the workspace's career ladder (owners): expectations never fall from one level to the next",
        params: WsParams,
        body: LadderPut,
        response: { 200: LadderState, ...problems },
      },
    },
    async (req) => putLadder(ctx, req.params.ws, req.body),
  );

  app.get(
    '/workspaces/:ws/ladder/standing',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Where you stand on a level of the ladder, from your own summary',
        params: WsParams,
        querystring: Strict({ level: Type.String({ minLength: 1, maxLength: 60 }) }),
        response: { 200: LadderStanding, ...problems },
      },
    },
    async (req) => myStanding(ctx, req.params.ws, req.query.level, req.actor),
  );

  app.get(
    '/workspaces/:ws/one-on-ones',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Your 1:1s, as mentor or mentee, newest first (private to the two of you)',
        params: WsParams,
        response: { 200: Type.Array(OneOnOne), ...problems },
      },
    },
    async (req) => listOneOnOnes(ctx, req.params.ws, req.actor),
  );

  app.post(
    '/workspaces/:ws/one-on-ones',
    {
      config: myWrite,
      schema: {
        tags,
        summary: "Record a 1:1 you are part of; the pair's open actions carry over into it",
        params: WsParams,
        body: OneOnOneCreate,
        response: { 201: OneOnOne, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createOneOnOne(ctx, req.params.ws, req.body, req.actor);
    },
  );

  app.patch(
    '/workspaces/:ws/one-on-ones/:id',
    {
      config: myWrite,
      schema: {
        tags,
        summary: "Change a 1:1's notes or actions (tick them off)",
        params: OneOnOneParams,
        body: OneOnOneUpdate,
        response: { 200: OneOnOne, ...problems },
      },
    },
    async (req) => updateOneOnOne(ctx, req.params.ws, req.params.id, req.body, req.actor),
  );

  app.get(
    '/workspaces/:ws/traits/observed',
    {
      config: mine,
      schema: {
        tags,
        summary: 'Behaviour observed in Vetted next to four traits: your own work, counted; only after you opt in',
        params: WsParams,
        response: { 200: ObservedEvidence, ...problems },
      },
    },
    async (req) => observedEvidence(ctx, req.params.ws, req.actor),
  );

  app.put(
    '/workspaces/:ws/traits/observed',
    {
      config: myWrite,
      schema: {
        tags,
        summary: 'Opt in to (or out of) behaviour observed in Vetted: private to you, never a score',
        params: WsParams,
        body: ObservedEvidenceOptIn,
        response: { 200: ObservedEvidence, ...problems },
      },
    },
    async (req) => setObservedOptIn(ctx, req.params.ws, req.body.optedIn, req.actor),
  );
}
