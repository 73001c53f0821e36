import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AuditPage, IdeaCreated } from '../../src/schema/index.ts';
import { startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
const NAME = 'Quintessa Vandermolen';
const EMAIL = 'q.vandermolen@whistle.example';
const AGENT = 'QuintessaPhone/7.3 (serial QV-88412)';

/** Raw SQL rows (the columns this test reads): no schema describes the tables' rows. */
type IdeaRow = { submitter_id: string | null; created_by: string | null; updated_by: string | null };
type AuditRow = { actor: string; user_id: string | null; member_id: string | null; after: unknown };

/** Every stored row that contains any of the needles, as "table: row". */
function findIn(dump: Record<string, string[]>, needles: string[], skip: (table: string, row: string) => boolean) {
  const hits: string[] = [];
  for (const [table, rows] of Object.entries(dump)) {
    for (const row of rows) {
      if (skip(table, row)) continue;
      const lower = row.toLowerCase();
      for (const n of needles) if (lower.includes(n.toLowerCase())) hits.push(`${table} (${n}): ${row}`);
    }
  }
  return hits;
}

describe(`an anonymous idea leaves no trace of its submitter (${engine()})`, () => {
  const logs: string[] = [];
  let api: TestApi;
  let memberId: string;
  let code: string;
  let idea: IdeaCreated['idea'];
  let needles: string[];
  /**
   * The member's own row, and the audit entry of the owner adding them: the places their name, email and id
   * belong.
   */
  const ownRow = (table: string, row: string) =>
    (table === 'public.members' && row.startsWith(`(${memberId},`)) ||
    (table === 'public.audit_entries' && row.includes('"POST /workspaces/:ws/members"'));

  before(async () => {
    api = await startApi({ logs });
    memberId = await api.member(NAME, EMAIL);
    needles = [memberId, NAME, 'Quintessa', 'Vandermolen', EMAIL, AGENT, 'QV-88412'];
    // Activity by others, so the tables hold rows to search through.
    const other = await api.idea({ title: 'Named idea by the owner', tags: ['ops'] });
    await api.as()('PUT', `${WS}/ideas/${other.id}/assessments/mine`, {
      scores: { risk: { score: 3, confidence: 'low' } },
      reason: 'baseline',
    });

    const r = await api.call<IdeaCreated>(
      'POST',
      `${WS}/ideas`,
      {
        title: 'Managers approve their own expenses',
        description: 'An anonymous tip about a control gap.',
        anonymous: true,
        tags: ['controls'],
      },
      { 'vetted-actor': memberId, 'user-agent': AGENT, 'x-forwarded-for': '203.0.113.77' },
    );
    assert.equal(r.status, 201, r.text);
    assert.ok(r.body.receiptCode, 'an anonymous idea gets a receipt code');
    code = r.body.receiptCode;
    idea = r.body.idea;
    assert.match(code, /^VT-/);

    const lookup = await api.call('POST', '/api/receipts/lookup', { code }, { 'user-agent': AGENT });
    assert.equal(lookup.status, 200, lookup.text);
  });
  after(() => api.close());

  it('answers with no submitter, and stores none', async () => {
    assert.equal(idea.anonymous, true);
    assert.equal(idea.submitter, null);
    const [row] = await api.rows<IdeaRow>(`select * from ideas where id = '${idea.id}'`);
    assert.ok(row);
    assert.equal(row.submitter_id, null);
    assert.equal(row.created_by, null);
    assert.equal(row.updated_by, null);
    assert.equal((await api.rows(`select * from followers where idea_id = '${idea.id}'`)).length, 0);
  });

  it('no stored row of any table holds the member\u2019s id, name, email or user agent', async () => {
    const dump = await api.dump();
    assert.ok(Object.keys(dump).length >= 10, `tables found: ${Object.keys(dump).join(', ')}`);
    assert.ok(dump['public.receipts'] && dump['public.ideas'], 'the search covers the tables that matter');
    // The search does find what is there: the member's own row, and the other idea's submitter.
    assert.equal(findIn(dump, needles, () => false).length > 0, true);
    assert.ok(findIn(dump, [api.owner.id], () => false).some((h) => h.startsWith('public.followers')));

    assert.deepEqual(findIn(dump, needles, ownRow), []);
    assert.deepEqual(
      findIn(dump, ['203.0.113.77'], () => false),
      [],
    );
  });

  it('the audit log records the submission as anonymous, with no account, member or receipt', async () => {
    const [entry] = await api.rows<AuditRow>(
      `select * from audit_entries where target = '/workspaces/acme/ideas' and after::text like '%${idea.id}%'`,
    );
    assert.ok(entry, 'the submission has an audit entry');
    assert.equal(entry.actor, 'anonymous');
    assert.equal(entry.user_id, null);
    assert.equal(entry.member_id, null);
    assert.equal(JSON.stringify(entry.after).includes('receiptCode'), false);
    const page = await api.as()<AuditPage>('GET', `${WS}/audit`);
    assert.equal(page.status, 200, page.text);
    assert.ok(page.body.items.some((e) => e.actor === 'anonymous' && e.action === 'POST /workspaces/:ws/ideas'));
  });

  it('stores only a hash of the receipt code, never the code', async () => {
    const dump = await api.dump();
    const variants = [code, code.toLowerCase(), code.replace(/-/g, ''), code.slice(3)];
    assert.deepEqual(
      findIn(dump, variants, () => false),
      [],
    );
    const hash = createHash('sha256').update(code.toUpperCase()).digest('hex');
    assert.deepEqual(await api.rows(`select idea_id from receipts where hash = '${hash}'`), [{ idea_id: idea.id }]);
  });

  it('the server logs hold neither the member nor the receipt code', async () => {
    assert.ok(logs.length >= 6, 'requests were logged');
    assert.ok(
      logs.some((l) => l.includes('/api/workspaces/:ws/ideas') && l.includes('"POST"')),
      'the submission itself was logged',
    );
    const text = logs.join('\n').toLowerCase();
    for (const n of [...needles, code, code.slice(3), '203.0.113.77']) {
      assert.ok(!text.includes(n.toLowerCase()), `the logs mention ${n}`);
    }
  });

  it('the same search does catch a named submission by that member (the check can fail)', async () => {
    await api.idea({ title: 'Named, this time' }, memberId);
    const hits = findIn(await api.dump(), [memberId], ownRow);
    assert.ok(hits.some((h) => h.startsWith('public.ideas')));
    assert.ok(hits.some((h) => h.startsWith('public.followers')));
  });
});
