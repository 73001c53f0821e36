import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PORTFOLIO_FILTERS } from '../../src/methodology/index.ts';
import type {
  BulkDecided,
  BulkTagged,
  ChallengeResponse,
  Decision,
  Idea,
  IdeaPage,
  SavedView,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
/** The parts of the OpenAPI document this test reads (no schema in src/schema describes the document). */
type OpenApiDoc = { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };

describe(`finding and acting on many ideas (${engine()})`, () => {
  let api: TestApi;
  let leader: string;
  let contributor: string;
  const get = async (ref: string | number) => (await api.call<Idea>('GET', `${WS}/ideas/${ref}`)).body;
  const listed = async (query: string) => {
    const r = await api.call<IdeaPage>('GET', `${WS}/ideas?limit=200&sort=number${query}`);
    assert.equal(r.status, 200, r.text);
    const numbers = r.body.items.map((i) => i.number);
    assert.equal(r.body.total, numbers.length, `the total counts what the filter matched: ${query}`);
    return numbers;
  };
  /** What the database holds for some ideas: stage, tags and version, and how many decisions each has. */
  const state = (numbers: number[]) =>
    api.rows(
      `select number, stage, tags, version, (select count(*)::int from decisions d where d.idea_id = i.id) as decisions
       from ideas i where number in (${numbers.join(',')}) order by number`,
    );

  let refunds: Idea;
  let kiosk: Idea;
  let payroll: Idea;
  let stale: Idea;

  before(async () => {
    api = await startApi();
    leader = await api.member('Grace Leader', undefined, 'leader');
    contributor = await api.member('Carl Contributor');
    refunds = await api.idea({ title: 'Self-serve refunds', description: 'Customers undo a purchase.', tags: ['cx'] });
    kiosk = await api.idea({ title: 'Kiosk mode', description: 'A locked-down tablet.', tags: ['retail', 'hardware'] });
    payroll = await api.idea({ title: 'Payroll export', tags: ['finance'] }, contributor);
    stale = await api.idea({ title: 'Forgotten loyalty card' });
    const ev = await api.as()('POST', `${WS}/ideas/${payroll.number}/evidence`, {
      kind: 'quote',
      summary: 'Accountants retype every payslip by hand',
      source: 'Interview with Northwind bookkeeping',
      observedOn: '2025-01-01',
      strength: 'interview',
    });
    assert.equal(ev.status, 201, ev.text);
    for (const [idea, score] of [
      [refunds, 4],
      [kiosk, 2],
    ] as const) {
      const r = await api.as()('PUT', `${WS}/ideas/${idea.number}/assessments/mine`, {
        scores: { 'problem-significance': { score, confidence: 'high' } },
      });
      assert.equal(r.status, 200, r.text);
    }
    // No one has touched this idea for longer than the method calls stale.
    await api.rows(
      `update ideas set updated_at = now() - interval '${PORTFOLIO_FILTERS.staleAfterDays + 1} days' where number = ${stale.number}`,
    );
  });
  after(() => api.close());

  describe('searching and filtering the list', () => {
    it('finds words in titles, descriptions, tags and linked evidence, case-insensitively', async () => {
      assert.deepEqual(await listed('&q=REFUNDS'), [refunds.number], 'title');
      assert.deepEqual(await listed('&q=locked-down'), [kiosk.number], 'description');
      assert.deepEqual(await listed('&q=hardw'), [kiosk.number], 'tag');
      assert.deepEqual(await listed('&q=payslip'), [payroll.number], 'evidence summary');
      assert.deepEqual(await listed('&q=northwind'), [payroll.number], 'evidence source');
      assert.deepEqual(await listed('&q=100%25'), [], 'a percent sign is a character, not a wildcard');
    });

    it('filters by submitter, score range and staleness, alone and together', async () => {
      assert.deepEqual(await listed(`&submitter=${contributor}`), [payroll.number]);
      assert.deepEqual(await listed(`&submitter=${leader}`), []);
      const scoreOf = async (n: number) => {
        const { adjusted } = (await get(n)).score;
        assert.ok(adjusted !== null, `#${n} is scored`);
        return adjusted;
      };
      const [high, low] = [await scoreOf(refunds.number), await scoreOf(kiosk.number)];
      assert.ok(high > low, `${high} > ${low}`);
      assert.deepEqual(await listed(`&scoreMin=${high}`), [refunds.number], 'bounds are inclusive');
      assert.deepEqual(await listed(`&scoreMax=${low}`), [kiosk.number]);
      assert.deepEqual(await listed(`&scoreMin=${low}&scoreMax=${high}`), [refunds.number, kiosk.number]);
      assert.deepEqual(await listed('&scoreMin=0'), [refunds.number, kiosk.number], 'unscored ideas are left out');
      assert.deepEqual(await listed('&stale=true'), [stale.number]);
      assert.deepEqual(await listed('&stale=false'), [refunds.number, kiosk.number, payroll.number]);
      assert.deepEqual(await listed(`&stale=false&q=e&submitter=${contributor}`), [payroll.number]);
    });

    it('filters by open critical or high findings exactly as the challenger reports them', async () => {
      const flagged: number[] = [];
      const clean: number[] = [];
      for (const idea of [refunds, kiosk, payroll, stale]) {
        const r = await api.call<ChallengeResponse>('GET', `${WS}/ideas/${idea.number}/challenge`);
        assert.equal(r.status, 200, r.text);
        const severe = r.body.report.findings.some((f) =>
          (PORTFOLIO_FILTERS.findingSeverities as readonly string[]).includes(f.severity),
        );
        (severe ? flagged : clean).push(idea.number);
      }
      assert.ok(flagged.length > 0, 'the sample has ideas with severe findings');
      assert.deepEqual(await listed('&hasFindings=true'), flagged);
      assert.deepEqual(await listed('&hasFindings=false'), clean);
      // Paged after filtering: the total is of what matched, the page a slice of it.
      const page = await api.call<IdeaPage>('GET', `${WS}/ideas?hasFindings=true&sort=number&limit=1&offset=1`);
      assert.equal(page.body.total, flagged.length);
      assert.deepEqual(
        page.body.items.map((i) => i.number),
        flagged.slice(1, 2),
      );
    });

    it('refuses a score range that cannot match, and unknown filters, with field errors', async () => {
      assertProblem(await api.call('GET', `${WS}/ideas?scoreMin=4&scoreMax=2`), 400, '/scoreMin');
      assertProblem(await api.call('GET', `${WS}/ideas?scoreMin=6`), 400, 'querystring:/scoreMin');
      assertProblem(await api.call('GET', `${WS}/ideas?submitter=someone`), 400, 'querystring:/submitter');
      assertProblem(await api.call('GET', `${WS}/ideas?stale=maybe`), 400, 'querystring:/stale');
    });
  });

  describe('saved views', () => {
    const views = '/api/workspaces/acme/views';
    it('keeps named filters per member: saved, listed by name, refused twice, deleted', async () => {
      const filters = { stage: 'discovery', tag: 'retail', sort: '-adjusted', stale: false, scoreMin: 1.5 };
      const saved = await api.as(contributor)<SavedView>('POST', views, { name: '  Retail to look at ', filters });
      assert.equal(saved.status, 201, saved.text);
      assert.equal(saved.body.name, 'Retail to look at');
      assert.deepEqual(saved.body.filters, filters);
      const other = await api.as(contributor)<SavedView>('POST', views, { name: 'A first', filters: { q: 'kiosk' } });
      assert.equal(other.status, 201, other.text);

      const mine = await api.as(contributor)<SavedView[]>('GET', views);
      assert.deepEqual(
        mine.body.map((v) => v.name),
        ['A first', 'Retail to look at'],
      );
      assert.deepEqual(
        (await api.as(leader)('GET', views)).body,
        [],
        'another member sees none of them, and cannot delete them',
      );
      assertProblem(await api.as(leader)('DELETE', `${views}/${saved.body.id}`), 404);

      const twice = await api.as(contributor)('POST', views, { name: 'Retail to look at', filters: {} });
      assertProblem(twice, 409);
      assert.match(twice.body.detail, /named "Retail to look at" already/);
      assertProblem(await api.as(contributor)('POST', views, { name: 'x', filters: { colour: 'red' } }), 400);
      assertProblem(await api.as(contributor)('POST', views, { name: ' ', filters: {} }), 400, '/name');

      const gone = await api.as(contributor)('DELETE', `${views}/${saved.body.id}`);
      assert.equal(gone.status, 200, gone.text);
      assert.deepEqual(
        (await api.as(contributor)<SavedView[]>('GET', views)).body.map((v) => v.name),
        ['A first'],
      );
      // The saved filters are a list query as they are.
      const applied = new URLSearchParams(
        Object.entries(other.body.filters).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      assert.deepEqual(await listed(`&${applied}`), [kiosk.number]);
    });

    it('needs a member named: the machine’s own user reading or saving without one is asked who it is', async () => {
      assertProblem(await api.call('GET', views), 401);
      assertProblem(await api.call('POST', views, { name: 'x', filters: {} }), 401);
    });
  });

  describe('bulk tagging', () => {
    const url = `${WS}/ideas/bulk/tags`;
    it('adds and removes tags on every idea sent, one version step each', async () => {
      const [a, b] = [await get(refunds.number), await get(kiosk.number)];
      const r = await api.as(contributor)<BulkTagged>('POST', url, {
        ideas: [a, b].map((i) => ({ id: i.id, version: i.version })),
        add: ['q3', 'cx'],
        remove: ['retail'],
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.ideas.map((i) => [i.number, i.tags, i.version]),
        [
          [a.number, ['cx', 'q3'], a.version + 1],
          [b.number, ['hardware', 'q3', 'cx'], b.version + 1],
        ],
      );
      assert.deepEqual(await listed('&tag=q3'), [refunds.number, kiosk.number]);
    });

    it('changes nothing when one idea cannot take it, and names that idea', async () => {
      const [a, b] = [await get(refunds.number), await get(payroll.number)];
      const before = await state([a.number, b.number]);
      const r = await api.as(contributor)('POST', url, {
        ideas: [
          { id: a.id, version: a.version },
          { id: b.id, version: b.version + 1 },
        ],
        add: ['later'],
      });
      assertProblem(r, 409, '/ideas/1');
      assert.match(
        r.body.detail,
        new RegExp(`1 of 2 ideas could not be tagged, so none was: Idea #${b.number} was changed`),
      );
      assert.deepEqual(await state([a.number, b.number]), before);

      const archived = await api.idea({ title: 'Archived one' });
      const gone = await api.as(leader)<Idea>('POST', `${WS}/ideas/${archived.number}/archive`, { version: 1 });
      assert.equal(gone.status, 200, gone.text);
      const mixed = await api.as(contributor)('POST', url, {
        ideas: [
          { id: a.id, version: a.version },
          { id: archived.id, version: gone.body.version },
        ],
        add: ['later'],
      });
      assertProblem(mixed, 422, '/ideas/1');
      assert.match(mixed.body.errors?.[0]?.message ?? '', /archived; restore it first/);
      assert.deepEqual(await state([a.number]), before.slice(0, 1));
    });

    it('refuses nonsense before looking at any idea', async () => {
      const a = await get(refunds.number);
      const one = [{ id: a.id, version: a.version }];
      assertProblem(await api.as(contributor)('POST', url, { ideas: one }), 400);
      assertProblem(await api.as(contributor)('POST', url, { ideas: one, add: ['x'], remove: ['x'] }), 400);
      assertProblem(await api.as(contributor)('POST', url, { ideas: [...one, ...one], add: ['x'] }), 400, '/ideas/1');
      assertProblem(await api.as(contributor)('POST', url, { ideas: [], add: ['x'] }), 400, '/ideas');
      assertProblem(await api.as(contributor)('POST', url, { ideas: one, add: ['a,b'] }), 400);
      assert.deepEqual(await get(refunds.number), a);
    });
  });

  describe('bulk moves', () => {
    const url = `${WS}/ideas/bulk/decisions`;
    const move = { outcome: 'park', rationale: 'Not this quarter: the team is on checkout.', reversible: true };

    it('records one decision per idea, each with the shared rationale and its own recommendation', async () => {
      const ideas = [await get(refunds.number), await get(kiosk.number)];
      const r = await api.as(leader)<BulkDecided>('POST', url, {
        ...move,
        reviewOn: '2026-01-15',
        ideas: ideas.map((i) => ({ id: i.id, version: i.version })),
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.decided.length, 2);
      for (const [k, { idea, decision }] of r.body.decided.entries()) {
        const sent = ideas[k];
        assert.ok(sent, `idea ${k} was sent`);
        assert.equal(idea.number, sent.number);
        assert.equal(idea.stage, 'parked');
        assert.equal(idea.version, sent.version + 1);
        assert.equal(decision.outcome, 'park');
        assert.equal(decision.fromStage, 'discovery');
        assert.equal(decision.rationale, move.rationale);
        assert.equal(decision.reviewOn, '2026-01-15');
        assert.equal(decision.decidedBy?.id, leader);
        assert.equal(typeof decision.recommendation?.verdict, 'string');
        const history = (await api.call<Decision[]>('GET', `${WS}/ideas/${idea.number}/decisions`)).body;
        assert.deepEqual(
          history.map((d) => d.id),
          [decision.id],
        );
      }
    });

    it('moves none when any idea may not move, and reports each refusal with its gate rule', async () => {
      const parked = await get(refunds.number);
      const fresh = await get(payroll.number);
      const live = await get(stale.number);
      const before = await state([parked.number, fresh.number, live.number]);
      const r = await api.as(leader)('POST', url, {
        ...move,
        ideas: [
          { id: fresh.id, version: fresh.version },
          { id: parked.id, version: parked.version },
          { id: live.id, version: live.version + 3 },
        ],
      });
      assertProblem(r, 422, '/ideas/1', '/ideas/2');
      assert.equal(r.body.errors?.length, 2);
      assert.match(r.body.errors?.[0]?.message ?? '', /can be parked/);
      assert.match(r.body.errors?.[1]?.message ?? '', new RegExp(`Idea #${live.number} was changed by someone else`));
      assert.match(r.body.detail, /2 of 3 ideas could not be moved, so none was/);
      assert.deepEqual(await state([parked.number, fresh.number, live.number]), before, 'nothing written');
    });

    it('lets leaders move in bulk, not contributors, and refuses an empty rationale', async () => {
      const i = await get(payroll.number);
      const one = [{ id: i.id, version: i.version }];
      assertProblem(await api.as(contributor)('POST', url, { ...move, ideas: one }), 403);
      assertProblem(await api.as(leader)('POST', url, { ...move, rationale: '', ideas: one }), 400, '/rationale');
      const unknown = await api.as(leader)('POST', url, {
        ...move,
        ideas: [...one, { id: '01900000-0000-7000-8000-000000000000', version: 1 }],
      });
      assertProblem(unknown, 422, '/ideas/1');
      assert.match(unknown.body.errors?.[0]?.message ?? '', /does not exist/);
      assert.deepEqual(await get(payroll.number), i);
    });
  });

  it('documents every addition in the OpenAPI document', async () => {
    const doc = (await api.call<OpenApiDoc>('GET', '/openapi.json')).body;
    for (const [path, method] of [
      ['/api/workspaces/{ws}/ideas/bulk/tags', 'post'],
      ['/api/workspaces/{ws}/ideas/bulk/decisions', 'post'],
      ['/api/workspaces/{ws}/views', 'get'],
      ['/api/workspaces/{ws}/views', 'post'],
      ['/api/workspaces/{ws}/views/{view}', 'delete'],
    ] as const)
      assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    const params = (doc.paths['/api/workspaces/{ws}/ideas']?.get?.parameters ?? []).map((p) => p.name);
    for (const name of ['q', 'submitter', 'scoreMin', 'scoreMax', 'hasFindings', 'stale', 'sort'])
      assert.ok(params.includes(name), name);
  });
});
