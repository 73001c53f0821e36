import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import type { Policy } from '../../src/api/policies.ts';
import {
  type Evidence,
  type IdeaCreated,
  type Member,
  Problem,
  type StoredAssumption,
  type TokenCreated,
  type Workspace,
} from '../../src/schema/index.ts';
import {
  assertProblem,
  type Call,
  joinWith,
  PASSWORD,
  sessionFrom,
  setUpOwner,
  startApi,
  type TestApi,
} from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/**
 * Who may do what, checked route by route: every route in the OpenAPI document must declare a policy, and
 * every caller (no one, each role, a member of another workspace) gets exactly what that policy says.
 * The expectations below are written from the roles as the product defines them, not read from the code.
 */

type Caller = 'nobody' | 'local' | 'readToken' | 'outsider' | 'viewer' | 'contributor' | 'leader' | 'owner';
const CALLERS: Caller[] = ['nobody', 'local', 'readToken', 'outsider', 'viewer', 'contributor', 'leader', 'owner'];
const ROLES = ['viewer', 'contributor', 'leader', 'owner'] as const;
const RANK = { viewer: 0, contributor: 1, leader: 2, owner: 3 } as const;
/** The least role each permission needs: a viewer reads and keeps their own inbox, a contributor works on ideas, a leader decides, an owner administers. */
const NEEDS = {
  read: 'viewer',
  personal: 'viewer',
  submit: 'contributor',
  contribute: 'contributor',
  decide: 'leader',
  administer: 'owner',
} as const;
const isRole = (c: Caller): c is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(c);

/**
 * - nobody: no credentials at all, as anyone who can reach the server;
 * - local: the machine's own user (the local key), naming no member: reads anything, writes nothing;
 * - readToken: the owner's API token with the read scope;
 * - outsider: an account that owns another workspace and is not in ours;
 * - viewer … owner: accounts signed in with a browser session, one per role, each joined by invitation.
 */
function expected(policy: Policy, method: string, caller: Caller): boolean {
  if (policy.kind === 'public') return true;
  if (policy.kind === 'known') return caller !== 'nobody';
  if (policy.kind === 'account')
    return caller !== 'nobody' && caller !== 'local' && !(policy.write && caller === 'readToken');
  // Workspaces exist, so only an owner of one (ours, or the outsider's own) may add workspaces or the sample.
  if (policy.kind === 'install')
    return caller === 'owner' || caller === 'outsider' || (caller === 'readToken' && method === 'GET');
  if (caller === 'nobody' || caller === 'outsider') return false;
  // A member's own things (inbox, follows, saved views, leadership growth) need a member: the local key names none; the
  // owner's read-only token reads the owner's own, and changes nothing.
  if (caller === 'local') return policy.permission === 'read';
  if (caller === 'readToken')
    return policy.permission === 'read' || (policy.permission === 'personal' && method === 'GET');
  return isRole(caller) && RANK[caller] >= RANK[NEEDS[policy.permission]];
}

/** Refusals the policy gives (a handler's own 403s, such as "the sample is not available here", have other titles). */
const REFUSALS = new Set([
  'Sign in first',
  'Not allowed',
  'Read-only token',
  'Who are you?',
  'Token not valid',
  'Not found',
]);

describe(`policies: every route × every caller (${engine()})`, () => {
  let api: TestApi;
  const as: Partial<Record<Caller, Call>> = {};
  const memberIds: Partial<Record<Caller, string>> = {};
  const params: Record<string, string> = {};
  let paths: Record<string, Record<string, unknown>>;

  before(async () => {
    api = await startApi();
    const owner = await setUpOwner(api);
    as.owner = owner;
    as.nobody = api.net;
    as.local = api.call;
    for (const role of ['viewer', 'contributor', 'leader'] as const) {
      as[role] = await joinWith(api, owner, 'acme', role, `${role} person`, `${role}@acme.example`);
    }
    const other = await owner('POST', '/api/workspaces', { slug: 'other', name: 'Other' });
    assert.equal(other.status, 201, other.text);
    as.outsider = await joinWith(api, owner, 'other', 'owner', 'Otto Outsider', 'otto@other.example');
    // Ada leaves "other", so its only owner is the outsider, who is in no other workspace.
    const adaInOther = (await owner<Member[]>('GET', '/api/workspaces/other/members')).body.find(
      (m) => m.name === 'Ada Owner',
    );
    assert.ok(adaInOther, 'Ada is in "other"');
    assert.equal((await as.outsider('DELETE', `/api/workspaces/other/members/${adaInOther.id}`)).status, 200);
    const token = await owner<TokenCreated>('POST', '/api/auth/tokens', { name: 'reader', scope: 'read' });
    assert.equal(token.status, 201, token.text);
    as.readToken = (method, url, body, headers = {}) =>
      api.net(method, url, body, { authorization: `Bearer ${token.body.token}`, ...headers });
    for (const m of (await owner<Member[]>('GET', '/api/workspaces/acme/members')).body) memberIds[m.role] = m.id;

    const idea = await api.idea({ title: 'Self-serve refunds' });
    const ev = await api.as()<Evidence>('POST', `/api/workspaces/acme/ideas/1/evidence`, {
      kind: 'quote',
      summary: 'Asked for it',
      source: 'Call',
      observedOn: '2025-01-01',
      strength: 'interview',
    });
    const assumption = await api.as()<StoredAssumption>('POST', '/api/workspaces/acme/ideas/1/assumptions', {
      statement: 'They want it',
      kind: 'risk',
      area: 'desirability',
      importance: 3,
    });
    Object.assign(params, {
      ws: 'acme',
      idea: String(idea.number),
      evidence: ev.body.id,
      id: assumption.body.id,
      kind: 'one-pager',
      member: memberIds.viewer!,
      invite: 'abcdef123456',
    });
    paths = (await api.call<{ paths: typeof paths }>('GET', '/openapi.json')).body.paths;
  });
  after(() => api.close());

  /** Every operation; the two that end a session last, so each caller keeps theirs for the rest. */
  const operations = () =>
    Object.entries(paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path] as const))
      .sort(([, a], [, b]) => endsSession(a) - endsSession(b));
  const endsSession = (path: string) =>
    path.endsWith('/sign-out') ? 2 : path.endsWith('/sign-out-everywhere') ? 1 : 0;
  /** After the matrix (which signed everyone out), a fresh session for the tests that follow. */
  const signInAgain = async (email: string) =>
    sessionFrom(api, await api.net('POST', '/api/auth/sign-in', { email, password: PASSWORD }));

  it('has a policy declared for every route in the OpenAPI document', () => {
    const declared = api.app.routePolicies!();
    const missing = operations().filter(([m, p]) => !declared.has(`${m} ${p}`));
    assert.deepEqual(missing, []);
    assert.ok(operations().length >= 60, `only ${operations().length} routes`);
  });

  it('allows and refuses each caller exactly as the route declares', async (t) => {
    const declared = api.app.routePolicies!();
    const wrong: string[] = [];
    let checked = 0;
    for (const caller of CALLERS) {
      for (const [method, path] of operations()) {
        const policy = declared.get(`${method} ${path}`)!;
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'));
        // Empty bodies: a request the policy lets through is then refused by validation (400), never by it.
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        const r = await as[caller]!(method as 'GET', url, body);
        checked++;
        const workspaceRoute = policy.kind === 'workspace';
        // Any route's reply: its title is read only from a problem.
        const title = Value.Check(Problem, r.body) ? r.body.title : undefined;
        const denied =
          (r.status === 401 || r.status === 403 || (r.status === 404 && caller === 'outsider' && workspaceRoute)) &&
          title !== undefined &&
          REFUSALS.has(title);
        const want = expected(policy, method, caller);
        if (denied === want)
          wrong.push(`${caller} ${method} ${path}: ${r.status} ${title} (expected ${want ? 'allowed' : 'refused'})`);
        if (denied) assertProblem(r, r.status);
      }
    }
    t.diagnostic(`policy matrix: ${operations().length} routes × ${CALLERS.length} callers = ${checked} requests`);
    assert.deepEqual(wrong, []);
  });

  it('keeps workspaces apart: the other workspace reaches none of our records through its own', async () => {
    const leaks: string[] = [];
    const outsider = await signInAgain('otto@other.example');
    for (const [method, path] of operations()) {
      if (!path.includes('{ws}') || !/\{(idea|evidence|id)\}/.test(path)) continue;
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        encodeURIComponent(name === 'ws' ? 'other' : (params[name] ?? 'x')),
      );
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const r = await outsider(method as 'GET', url, body);
      // A body-less request reaches the lookup and must not find our record; a write with an empty body is
      // refused earlier, and must not succeed either.
      const ok = body === undefined ? r.status === 404 : r.status === 404 || r.status === 400;
      if (!ok) leaks.push(`${method} ${url}: ${r.status}`);
    }
    assert.deepEqual(leaks, []);
  });

  it('refuses the defects found before roles: contributors reweighting, anyone adding owners, names as identity', async () => {
    const ws = (await api.call<Workspace>('GET', '/api/workspaces/acme')).body;
    as.contributor = await signInAgain('contributor@acme.example');
    as.outsider = await signInAgain('otto@other.example');
    const reweight = await as.contributor!('PATCH', '/api/workspaces/acme', {
      version: ws.version,
      weights: { risk: 10 },
    });
    assertProblem(reweight, 403);
    assert.match(reweight.body.detail, /contributor person is a contributor in "acme"; this needs an owner/);
    const park = await as.contributor!('POST', '/api/workspaces/acme/ideas/1/decisions', {
      outcome: 'park',
      rationale: 'Not now',
      reversible: true,
      version: 1,
    });
    assertProblem(park, 403);
    for (const who of [api.net, api.call]) {
      assertProblem(await who('POST', '/api/workspaces/acme/members', { name: 'Mallory', role: 'owner' }), 401);
      assertProblem(await who('POST', '/api/workspaces', { slug: 'evil', name: 'Evil' }), 401);
      assertProblem(await who('POST', '/api/demo'), 401);
    }
    // The identity header means nothing from the network unless trusted proxy mode is on.
    assertProblem(
      await api.net('POST', '/api/workspaces/acme/ideas', { title: 'Header' }, { 'vetted-actor': memberIds.owner! }),
      401,
    );
    // A display name is no identity; an email is one.
    assertProblem(await api.as('leader person')('POST', '/api/workspaces/acme/ideas', { title: 'By name' }), 403);
    const byEmail = await api.as('LEADER@acme.example')<IdeaCreated>('POST', '/api/workspaces/acme/ideas', {
      title: 'By email',
    });
    assert.equal(byEmail.status, 201, byEmail.text);
    assert.equal(byEmail.body.idea.submitter?.id, memberIds.leader);
    // Emails are for members: the outsider cannot even learn the workspace exists.
    assertProblem(await as.outsider!('GET', '/api/workspaces/acme/members'), 404);
    assertProblem(await api.net('GET', '/api/workspaces/acme/members'), 401);
  });
});
