import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  changePassword,
  membershipsByRef,
  membershipsOf,
  setUp,
  setupRequired,
  signIn,
  type UserRow,
} from '../../app/auth/accounts.ts';
import { demoAvailable, demoUser } from '../../app/auth/demo.ts';
import { acceptInvite, linkInfo, resetPassword } from '../../app/auth/links.ts';
import { endAllSessions, endSession, SESSION_DAYS, startSession } from '../../app/auth/sessions.ts';
import { readSetting } from '../../app/auth/settings.ts';
import { createToken, listTokens, revokeToken } from '../../app/auth/tokens.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import {
  ApiToken,
  Id,
  LinkInfo,
  LinkUse,
  type Membership,
  PasswordChange,
  SessionState,
  Setup,
  SignIn,
  Strict,
  Text,
  TokenCreate,
  TokenCreated,
} from '../../schema/index.ts';
import { failureLimiter } from '../failures.ts';
import { type Caller, refOf, SESSION_COOKIE, userOf } from '../identity.ts';
import { policy } from '../policies.ts';
import { isLoopbackName, rateLimited } from '../security.ts';
import { problems, typed } from './common.ts';

const tags = ['auth'];

/** The session cookie: httpOnly, SameSite=Lax, Secure whenever the request came over TLS (or a trusted proxy says so). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, secret: string) {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_DAYS * 86_400}${secure}`,
  );
}
const clearSessionCookie = (reply: FastifyReply) =>
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);

/** Loopback on both ends: the person is at this machine, typing a loopback name. */
function fromThisMachine(req: FastifyRequest): boolean {
  const peer = (req.socket?.remoteAddress ?? '').replace(/^::ffff:/, '');
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  return (peer === '127.0.0.1' || peer === '::1') && isLoopbackName(host);
}

export function authRoutes(api: FastifyInstance, ctx: AppContext) {
  /** Ten wrong passwords a minute per address and email: an office behind one address still signs in. */
  const failedSignIns = failureLimiter(10);
  const app = typed(api);
  const db = ctx.store.db;

  async function state(
    req: FastifyRequest,
    caller: Caller,
    fresh?: { user: UserRow; csrf: string },
  ): Promise<SessionState> {
    const user = fresh?.user ?? userOf(caller);
    const setup = await setupRequired(db);
    const ref = fresh ? null : refOf(caller);
    const memberships: Membership[] = user
      ? await membershipsOf(db, user.id)
      : ref
        ? await membershipsByRef(db, ref)
        : [];
    const oidc = await readSetting<{ enabled: boolean; label: string }>(db, 'oidc');
    return {
      setupRequired: setup,
      via: fresh ? 'session' : caller.via,
      user: user ? { id: user.id, email: user.email, name: user.name, hasPassword: user.passwordHash !== null } : null,
      memberships,
      csrf: fresh?.csrf ?? (caller.via === 'session' ? caller.csrf : null),
      demo: !user && setup && fromThisMachine(req) && (await demoAvailable(ctx)),
      oidc: oidc?.enabled ? { label: oidc.label } : null,
    };
  }

  async function signedIn(req: FastifyRequest, reply: FastifyReply, user: UserRow) {
    const { secret, csrf } = await startSession(ctx, user.id);
    setSessionCookie(req, reply, secret);
    return state(req, req.caller, { user, csrf });
  }

  app.get(
    '/auth/session',
    {
      config: { policy: policy.public, readCache: 'never' },
      schema: {
        tags,
        summary: 'Who is calling, their workspaces, and what sign-in offers',
        response: { 200: SessionState, ...problems },
      },
    },
    async (req) => state(req, req.caller),
  );

  app.post(
    '/auth/setup',
    {
      config: { policy: policy.public, ...rateLimited() },
      schema: {
        tags,
        summary:
          'First run: create the owner account and the first workspace (only while the install has no owner account)',
        body: Setup,
        response: { 201: SessionState, ...problems },
      },
    },
    async (req, reply) => {
      const user = await setUp(ctx, req.body);
      reply.status(201);
      return signedIn(req, reply, user);
    },
  );

  app.post(
    '/auth/sign-in',
    {
      config: { policy: policy.public },
      schema: {
        tags,
        summary: 'Sign in with email and password (sets the session cookie)',
        body: SignIn,
        response: { 200: SessionState, ...problems },
      },
    },
    async (req, reply) => {
      const key = `${req.ip}|${req.body.email.trim().toLowerCase()}`;
      failedSignIns.check(key, reply);
      const user = await signIn(db, req.body.email, req.body.password).catch((error) => {
        failedSignIns.fail(key);
        throw error;
      });
      return signedIn(req, reply, user);
    },
  );

  app.post(
    '/auth/demo',
    {
      config: { policy: policy.public },
      schema: {
        tags,
        summary:
          'Enter the sample portfolio as its owner: only from this machine, and only while the install has no owner account',
        response: { 200: SessionState, ...problems },
      },
    },
    async (req, reply) => {
      if (!fromThisMachine(req) || !(await demoAvailable(ctx)))
        throw new AppError(
          403,
          'Sample not available',
          'The sample can be entered without an account only on this machine, before an owner account exists.',
        );
      return signedIn(req, reply, await demoUser(ctx));
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { policy: policy.public },
      schema: { tags, summary: 'Sign out of this browser', response: { 204: Type.Null(), ...problems } },
    },
    async (req, reply) => {
      if (req.caller.via === 'session') await endSession(db, req.caller.hash);
      clearSessionCookie(reply);
      reply.status(204);
      return null;
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      config: { policy: policy.accountWrite },
      schema: {
        tags,
        summary: 'End every session of your account, in every browser (API tokens stay)',
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await endAllSessions(db, userOf(req.caller)!.id);
      clearSessionCookie(reply);
      reply.status(204);
      return null;
    },
  );

  app.put(
    '/auth/password',
    {
      config: { policy: policy.accountWrite, ...rateLimited() },
      schema: {
        tags,
        summary: 'Change your password (other sessions end)',
        body: PasswordChange,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const user = userOf(req.caller)!;
      await changePassword(ctx, user.id, req.body.current, req.body.password);
      await endAllSessions(db, user.id);
      if (req.caller.via === 'session') {
        const { secret } = await startSession(ctx, user.id);
        setSessionCookie(req, reply, secret);
      }
      reply.status(204);
      return null;
    },
  );

  app.post(
    '/auth/links/inspect',
    {
      config: { policy: policy.public, ...rateLimited() },
      schema: {
        tags,
        summary: 'What an invitation or reset link is for (codes travel in the body, never in a URL)',
        body: Strict({ code: Text(200, 10) }),
        response: { 200: LinkInfo, ...problems },
      },
    },
    async (req) => linkInfo(ctx, req.body.code),
  );

  app.post(
    '/auth/links/use',
    {
      config: { policy: policy.public, ...rateLimited() },
      schema: {
        tags,
        summary:
          'Use an invitation (joins, signed in or with a new account) or a reset link (sets the password); signs in',
        body: LinkUse,
        response: { 200: SessionState, ...problems },
      },
    },
    async (req, reply) => {
      const info = await linkInfo(ctx, req.body.code);
      if (info.kind === 'reset') return signedIn(req, reply, await resetPassword(ctx, req.body));
      const current = userOf(req.caller);
      const { user } = await acceptInvite(ctx, req.body, current);
      return signedIn(req, reply, user);
    },
  );

  app.get(
    '/auth/tokens',
    {
      config: { policy: policy.account, readCache: 'never' },
      schema: {
        tags,
        summary: 'Your API tokens (never the tokens themselves)',
        response: { 200: Type.Array(ApiToken), ...problems },
      },
    },
    async (req) => listTokens(ctx, userOf(req.caller)!.id),
  );

  app.post(
    '/auth/tokens',
    {
      config: { policy: policy.accountWrite },
      schema: {
        tags,
        summary: 'Make a personal API token: shown once, stored hashed',
        body: TokenCreate,
        response: { 201: TokenCreated, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createToken(ctx, userOf(req.caller)!.id, req.body);
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { policy: policy.accountWrite },
      schema: {
        tags,
        summary: 'Revoke one of your tokens',
        params: Strict({ id: Id }),
        response: { 200: ApiToken, ...problems },
      },
    },
    async (req) => revokeToken(ctx, userOf(req.caller)!.id, req.params.id),
  );
}
