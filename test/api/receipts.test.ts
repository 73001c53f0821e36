import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { newReceiptCode } from '../../src/app/ideas.ts';
import { type Idea, type IdeaCreated, ReceiptLookup } from '../../src/schema/index.ts';
import { assertProblem, type Reply, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
/** Crockford's base32: digits and letters but I, L, O and U. */
const CODE = /^VT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
/** Computed here, not with the app's function, so a change of scheme that orphans issued codes fails. */
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe(`receipt codes (${engine()})`, () => {
  let api: TestApi;
  let idea: Idea;
  let code: string;
  let client = 0;

  /**
   * Each lookup from its own address: these tests are about codes, not the lookup's rate limit. The body is
   * unknown until a test checks it (against ReceiptLookup, or with assertProblem).
   */
  const lookup = async (typed: string): Promise<Reply> => {
    client++;
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/receipts/lookup',
      payload: { code: typed },
      remoteAddress: `198.51.100.${client}`,
    });
    let body: unknown = null;
    try {
      body = JSON.parse(res.body);
    } catch {}
    return { status: res.statusCode, body, headers: res.headers, text: res.body };
  };
  /** A receipt as an earlier version stored it: the hash of the code, nothing else. */
  const issue = (issued: string, ideaId: string) =>
    api.rows(`insert into receipts (hash, idea_id) values ('${sha256(issued)}', '${ideaId}')`);

  before(async () => {
    api = await startApi();
    const r = await api.call<IdeaCreated>('POST', `${WS}/ideas`, {
      title: 'Anonymous: shorter stand-ups',
      anonymous: true,
    });
    assert.equal(r.status, 201, r.text);
    idea = r.body.idea;
    assert.ok(r.body.receiptCode, 'an anonymous idea gets a receipt code');
    code = r.body.receiptCode;
  });
  after(async () => api?.close());

  it('issues VT- and 16 Crockford symbols in groups of four, and stores only their hash', async () => {
    assert.match(code, CODE);
    const stored = await api.rows<{ hash: string }>(`select hash from receipts where idea_id = '${idea.id}'`);
    assert.deepEqual(
      stored.map((s) => s.hash),
      [sha256(code)],
    );
  });

  it('draws every symbol of the alphabet and never repeats a code (80 random bits)', () => {
    const codes = Array.from({ length: 4000 }, newReceiptCode);
    for (const c of codes) assert.match(c, CODE);
    assert.equal(new Set(codes).size, codes.length);
    const seen = new Set(codes.join('').replace(/^VT|-/g, ''));
    for (const symbol of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') assert.ok(seen.has(symbol), `never drew ${symbol}`);
    // 64,000 symbols over 32: each about 2,000 times (a 5-bit draw); a biased generator is far off.
    const counts = new Map<string, number>();
    for (const ch of codes.map((c) => c.slice(3).replace(/-/g, '')).join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    for (const [symbol, n] of counts) assert.ok(n > 1700 && n < 2300, `${symbol} drawn ${n} times`);
  });

  it('finds the idea from the code read back in lower case, with spaces, without the prefix', async () => {
    for (const typed of [
      code,
      code.toLowerCase(),
      code.replace(/-/g, ' '),
      `  ${code.slice(3).toLowerCase().replace(/-/g, '  ')} `,
      code.replace(/-/g, ''),
      code.replace(/-/g, '\u2013'),
    ]) {
      const r = await lookup(typed);
      assert.equal(r.status, 200, `${JSON.stringify(typed)}: ${r.text}`);
      assert.ok(Value.Check(ReceiptLookup, r.body), r.text);
      assert.equal(r.body.idea.id, idea.id);
    }
  });

  it('reads O as 0 and I or L as 1', async () => {
    const other = await api.call<IdeaCreated>('POST', `${WS}/ideas`, {
      title: 'Anonymous: quieter office',
      anonymous: true,
    });
    assert.equal(other.status, 201, other.text);
    // A code with every look-alike's digit in it, whatever the random one holds.
    await issue('VT-K7QM-2XWD-9R0F-41NB', other.body.idea.id);
    for (const typed of ['vt-k7qm-2xwd-9rof-4inb', 'VT K7QM 2XWD 9ROF 4LNB', 'k7qm2xwd9rOf4lnb']) {
      const r = await lookup(typed);
      assert.equal(r.status, 200, `${typed}: ${r.text}`);
      assert.ok(Value.Check(ReceiptLookup, r.body), r.text);
      assert.equal(r.body.idea.id, other.body.idea.id);
    }
    const mine = await lookup(code.replace(/0/g, 'o').replace(/1/g, 'l').toLowerCase());
    assert.equal(mine.status, 200, mine.text);
    assert.ok(Value.Check(ReceiptLookup, mine.body), mine.text);
    assert.equal(mine.body.idea.id, idea.id);
  });

  it('still finds ideas by codes of the first format, look-alikes and all', async () => {
    const old = await api.call<IdeaCreated>('POST', `${WS}/ideas`, {
      title: 'Anonymous: old receipt',
      anonymous: true,
    });
    assert.equal(old.status, 201, old.text);
    // The first format: 16 of A-Z and 0-9 (so O, I, L and U too), hashed upper case with its dashes.
    const issued = 'VT-OLIU-B0ZQ-7IL1-UUO0';
    await issue(issued, old.body.idea.id);
    for (const typed of [issued, issued.toLowerCase(), ` ${issued.replace(/-/g, ' ')} `, issued.slice(3)]) {
      const r = await lookup(typed);
      assert.equal(r.status, 200, `${typed}: ${r.text}`);
      assert.ok(Value.Check(ReceiptLookup, r.body), r.text);
      assert.equal(r.body.idea.id, old.body.idea.id);
    }
  });

  it('answers a wrong code with a clear 404 that tells the truth about case', async () => {
    const wrong = `${code.slice(0, -1)}${code.endsWith('X') ? 'Y' : 'X'}`;
    for (const typed of [wrong, 'VT-AAAA-BBBB-CCCC-DDDD']) {
      const r = await lookup(typed);
      assertProblem(r, 404);
      assert.match(r.body.detail, /receipt code/);
      assert.match(r.body.detail, /case, spaces and dashes do not matter/i);
      assert.doesNotMatch(r.body.detail, /case[- ]sensitive/i);
      assert.ok(!r.text.includes(idea.id));
    }
    const malformed = await lookup('VT-AAAA-BBBB-CCCC');
    assertProblem(malformed, 404);
    assert.match(malformed.body.detail, /16 letters and digits/);
    assert.match(malformed.body.detail, /VT-[0-9A-Z]{4}-/);
  });
});
