import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Policy } from '../../src/api/policies.ts';
import { assertProblem, type Body, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/**
 * Who may do what, checked route by route: every route in the OpenAPI document must declare a policy, and
 * every caller (no one, each role, a member of another workspace) gets exactly what that policy says.
 * The expectations below are written from the roles as the product defines them, not read from the code.
 */

type Caller = 'nobody' | 'viewer' | 'contributor' | 'leader' | 'owner' | 'outsider';
const CALLERS: Caller[] = ['nobody', 'outsider', 'viewer', 'contributor', 'leader', 'owner'];
const RANK = { viewer: 0, contributor: 1, leader: 2, owner: 3 } as const;
/** The least role each permission needs: a viewer reads, a contributor works on ideas, a leader decides, an owner administers. */
const NEEDS = {
  read: 'viewer',
  submit: 'contributor',
  contribute: 'contributor',
  decide: 'leader',
  administer: 'owner',
} as const;

function expected(policy: Policy, caller: Caller): boolean {
  if (policy.kind === 'public') return true;
  // Workspaces exist, so only an owner of one (ours, or the outsider's own) may add workspaces or the sample.
  if (policy.kind === 'install') return caller === 'owner' || caller === 'outsider';
  if (caller === 'nobody') return policy.permission === 'read';
  if (caller === 'outsider') return false;
  return RANK[caller] >= RANK[NEEDS[policy.permission]];
}

describe(`policies: every route × every caller (${engine()})`, () => {
  let api: TestApi;
  const ids: Record<Caller, string | undefined> = {
    nobody: undefined,
    viewer: undefined,
    contributor: undefined,
    leader: undefined,
    owner: undefined,
    outsider: undefined,
  };
  const params: Record<string, string> = {};
  let paths: Record<string, Record<string, unknown>>;

  before(async () => {
    api = await startApi();
    ids.owner = api.owner.id;
    ids.viewer = await api.member('Vera Viewer', 'vera@acme.example', 'viewer');
    ids.contributor = await api.member('Cole Contributor', 'cole@acme.example', 'contributor');
    ids.leader = await api.member('Lena Leader', 'lena@acme.example', 'leader');
    const other = await api.as()('POST', '/api/workspaces', { slug: 'other', name: 'Other', owner: { name: 'Otto' } });
    assert.equal(other.status, 201, other.text);
    ids.outsider = other.body.owner.id;
    const idea = await api.idea({ title: 'Self-serve refunds' });
    const ev = await api.as()('POST', `/api/workspaces/acme/ideas/1/evidence`, {
      kind: 'quote',
      summary: 'Asked for it',
      source: 'Call',
      observedOn: '2025-01-01',
      strength: 'interview',
    });
    const assumption = await api.as()('POST', '/api/workspaces/acme/ideas/1/assumptions', {
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
    });
    paths = (await api.call('GET', '/openapi.json')).body.paths;
  });
  after(() => api.close());

  const operations = () =>
    Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => [m.toUpperCase(), path] as const),
    );

  it('has a policy declared for every route in the OpenAPI document', () => {
    const declared = api.app.routePolicies!();
    const missing = operations().filter(([m, p]) => !declared.has(`${m} ${p}`));
    assert.deepEqual(missing, []);
    assert.ok(operations().length >= 50, `only ${operations().length} routes`);
  });

  it('allows and refuses each caller exactly as the route declares', async (t) => {
    const declared = api.app.routePolicies!();
    const wrong: string[] = [];
    let checked = 0;
    // Least powerful first, so a removal allowed to one caller happens after the refusals were seen.
    for (const caller of CALLERS) {
      for (const [method, path] of operations()) {
        const policy = declared.get(`${method} ${path}`)!;
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'));
        const headers: Record<string, string> = ids[caller] ? { 'vetted-actor': ids[caller]! } : {};
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        const r = await api.call(method as 'GET', url, body, headers);
        checked++;
        const denied = r.status === 401 || r.status === 403;
        if (denied === expected(policy, caller))
          wrong.push(
            `${caller} ${method} ${path}: ${r.status} (expected ${expected(policy, caller) ? 'allowed' : 'refused'})`,
          );
        if (denied) {
          assertProblem(r, r.status);
          assert.equal(r.status, caller === 'nobody' ? 401 : 403, `${caller} ${method} ${path}`);
        }
      }
    }
    t.diagnostic(`policy matrix: ${operations().length} routes × ${CALLERS.length} callers = ${checked} requests`);
    assert.deepEqual(wrong, []);
  });

  it('keeps workspaces apart: the other workspace reaches none of our records through its own', async () => {
    const leaks: string[] = [];
    for (const [method, path] of operations()) {
      if (!path.includes('{ws}') || !/\{(idea|evidence|id)\}/.test(path)) continue;
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        encodeURIComponent(name === 'ws' ? 'other' : (params[name] ?? 'x')),
      );
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const r = await api.call(method as 'GET', url, body, { 'vetted-actor': ids.outsider! });
      // A body-less request reaches the lookup and must not find our record; a write with an empty body is
      // refused earlier, and must not succeed either.
      const ok = body === undefined ? r.status === 404 : r.status === 404 || r.status === 400;
      if (!ok) leaks.push(`${method} ${url}: ${r.status}`);
    }
    assert.deepEqual(leaks, []);
  });

  it('refuses the defects found before roles: contributors reweighting, anyone adding owners, names as identity', async () => {
    const ws = (await api.call('GET', '/api/workspaces/acme')).body;
    const reweight = await api.as(ids.contributor)('PATCH', '/api/workspaces/acme', {
      version: ws.version,
      weights: { risk: 10 },
    });
    assertProblem(reweight, 403);
    assert.match(reweight.body.detail, /Cole Contributor is a contributor in "acme"; this needs an owner/);
    const park = await api.as(ids.contributor)('POST', '/api/workspaces/acme/ideas/1/decisions', {
      outcome: 'park',
      rationale: 'Not now',
      reversible: true,
      version: 1,
    });
    assertProblem(park, 403);
    assertProblem(await api.call('POST', '/api/workspaces/acme/members', { name: 'Mallory', role: 'owner' }), 401);
    assertProblem(await api.call('POST', '/api/workspaces', { slug: 'evil', name: 'Evil' }), 401);
    assertProblem(await api.call('POST', '/api/demo'), 401);
    // A display name is no identity; an email is one.
    assertProblem(await api.as('Lena Leader')('POST', '/api/workspaces/acme/ideas', { title: 'By name' }), 403);
    const byEmail = await api.as('LENA@acme.example')('POST', '/api/workspaces/acme/ideas', { title: 'By email' });
    assert.equal(byEmail.status, 201, byEmail.text);
    assert.equal(byEmail.body.idea.submitter.id, ids.leader);
    const members: Body[] = (await api.call('GET', '/api/workspaces/acme/members')).body;
    assert.ok(
      members.every((m) => m.email === null),
      'emails are for members only',
    );
  });
});
