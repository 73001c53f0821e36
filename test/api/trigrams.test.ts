import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { ideaText } from '../../bench/seed.ts';
import { parsePgArray } from '../../src/app/similar.ts';
import { SimilarIndex } from '../../src/domain/similar-index.ts';
import {
  bestRunSimilarity,
  leftChars,
  scoreBound,
  searchDocument,
  setSimilarity,
  TRIGRAM_CODES,
  trigramCodes,
  trigramSequence,
  trigramText,
} from '../../src/domain/trigrams.ts';
import type { Store } from '../../src/store/database.ts';
import { engine, testStore } from '../helpers/store.ts';

/** A deterministic stream of numbers in [0, 1), as the benchmark's generator takes. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

/**
 * The similar-ideas index computes pg_trgm's trigrams itself and bounds the database's scores with them:
 * checked here against the database's own show_trgm, similarity and word_similarity.
 */
describe(`trigrams as pg_trgm makes them, bounds above its scores (${engine()})`, () => {
  let store: Store;
  const one = async <T>(query: ReturnType<typeof sql>): Promise<T> =>
    ((await store.db.execute(query)) as unknown as { rows: T[] }).rows[0]!;
  before(async () => {
    store = await testStore();
  });
  after(() => store.close());

  it("makes show_trgm's trigrams of ASCII text, with any punctuation, and of non-ASCII punctuation", async () => {
    for (const text of [
      'Dock appointment self-scheduling',
      'a',
      'ab',
      '  x  y ',
      'UPPER lower MiXeD 42 x9 9x',
      'snake_case kebab-case dot.case slash/case (paren) [brackets] {braces} #hash @at',
      'tabs\tand\nnewlines\r\nand quotes "double" \'single\'',
      'It’s a “quoted” text — with dashes – and… ellipses',
      'no\u00a0break\u2009thin\u3000ideographic space',
      '¿Qué? ¡Sí! «guillemets»', // letters beyond ASCII: uncertain, below
      '!!!',
      '',
    ]) {
      const ours = trigramCodes(text);
      if (!ours.certain) {
        assert.ok(
          [...text].some((c) => c.charCodeAt(0) > 127),
          `only non-ASCII text is uncertain: ${text}`,
        );
        continue;
      }
      const { t } = await one<{ t: string }>(sql`select show_trgm(${text})::text as t`);
      assert.deepEqual(ours.codes.map(trigramText).sort(), parsePgArray(t).sort(), text);
    }
  });

  it('calls uncertain any text with letters, digits, marks or symbols beyond ASCII', () => {
    for (const text of [
      'café',
      'Ärger',
      'naïve',
      'İstanbul',
      '\u212a kelvin',
      '東京',
      'emoji 🚚',
      'x²',
      'e\u0301',
      'Ⓐ',
    ])
      assert.equal(trigramCodes(text).certain, false, text);
    for (const text of ['plain', 'It’s — “fine”', 'a\u00a0b']) assert.equal(trigramCodes(text).certain, true, text);
  });

  it("cuts the description where left(description, 300) does, astral characters counted as one, and builds the score's document", async () => {
    const description = `${'𝔘'.repeat(150)}${'é'.repeat(100)}${'x'.repeat(100)}`;
    const { d } = await one<{ d: string }>(sql`select ${'Title'} || ' ' || left(${description}, 300) as d`);
    assert.equal(searchDocument('Title', description), d);
    assert.equal(leftChars('ab', 5), 'ab');
  });

  it('bounds similarity exactly and both word similarities from above, on generated texts', async () => {
    const random = prng(11);
    const texts = Array.from({ length: 60 }, () => {
      const { title, description } = ideaText(random);
      return { title, description };
    });
    const queries = texts
      .slice(0, 20)
      .flatMap(({ title, description }) => [
        title,
        title.slice(0, 12),
        `${title.toLowerCase()} ${description}`.slice(0, 200),
        title.replace(/e/g, '3'),
      ]);
    const candidates = texts.slice(20);
    // The database's three measures of every pair, in one statement (a statement a pair cost 3,200 round trips).
    const scored = (
      (await store.db.execute(
        sql`select similarity(t.title, q.q) as like, word_similarity(q.q, t.title || ' ' || left(t.description, 300)) as within, word_similarity(t.title, q.q) as whole
          from json_array_elements_text(${JSON.stringify(queries)}::json) with ordinality as q(q, i)
          cross join lateral (
            select e.x ->> 'title' as title, e.x ->> 'description' as description, e.j
            from json_array_elements(${JSON.stringify(candidates)}::json) with ordinality as e(x, j)
          ) t
          order by q.i, t.j`,
      )) as unknown as { rows: { like: number; within: number; whole: number }[] }
    ).rows;
    assert.equal(scored.length, queries.length * candidates.length);
    let pairs = 0;
    let reached = 0;
    let walkedExactly = 0;
    let boundsWalked = 0;
    let sharing = 0;
    for (const q of queries) {
      const query = trigramCodes(q);
      for (const { title, description } of candidates) {
        const t = new Set(trigramCodes(title).codes);
        const d = new Set(trigramCodes(searchDocument(title, description)).codes);
        const sharedTitle = query.codes.filter((c) => t.has(c)).length;
        const sharedDoc = query.codes.filter((c) => d.has(c)).length;
        const r = scored[pairs]!;
        const like = query.codes.length ? sharedTitle / (t.size + query.codes.length - sharedTitle) : 0;
        assert.equal(Math.fround(like), Math.fround(Number(r.like)), `similarity(${title}, ${q})`);
        const exact = Math.max(Number(r.like), Number(r.within) * 0.9, Number(r.whole));
        const bound = scoreBound(sharedTitle, t.size, sharedDoc, query.codes.length);
        assert.ok(bound + 1e-6 >= exact, `bound ${bound} < score ${exact}: ${title} / ${q}`);
        // The walk over runs of trigrams: never below pg_trgm's word similarities, single precision alike.
        const marks = new Int32Array(TRIGRAM_CODES);
        const qSet = new Set(query.codes);
        const within = bestRunSimilarity(
          trigramSequence(searchDocument(title, description))!,
          (c) => qSet.has(c),
          qSet.size,
          marks,
          0,
        ).score;
        const whole = bestRunSimilarity(trigramSequence(q)!, (c) => t.has(c), t.size, marks, 1e6).score;
        // As single precision: a real column prints shortest (0.37037036), not as the double it widens to.
        const [pgWithin, pgWhole] = [Math.fround(Number(r.within)), Math.fround(Number(r.whole))];
        assert.ok(within >= pgWithin && whole >= pgWhole, `${title} / ${q}: ${within} ${pgWithin} ${whole} ${pgWhole}`);
        if (within === pgWithin && whole === pgWhole) walkedExactly++;
        // The index settles an idea whose walked score equals the next counting bound: the bound must be at
        // least the walk's score with no slack, both computed in the same precision.
        const walked = Math.max(setSimilarity(sharedTitle, t.size, query.codes.length), within * 0.9, whole);
        assert.ok(bound >= walked, `bound ${bound} below the walked ${walked}: ${title} / ${q}`);
        if (sharedDoc > 0) sharing++;
        if (sharedDoc > 0 && bound === walked) boundsWalked++;
        pairs++;
        if (exact >= 0.3) reached++;
      }
    }
    assert.ok(pairs >= 3000 && reached > 20, `${reached} of ${pairs} pairs score at least 0.3`);
    assert.ok(walkedExactly > pairs * 0.95, `walks equal to pg_trgm's: ${walkedExactly} of ${pairs}`);
    // Where the shared trigrams lie together the counting bound is the walk's (a fifth of the sharing pairs
    // here): those are the ties the index settles without walking.
    assert.ok(boundsWalked > sharing / 10, `counting bounds equal to the walk: ${boundsWalked} of ${sharing}`);
  });

  it('ranks every idea that may score, best bound then lowest number first, uncertain ones before all, dead ones never', () => {
    const index = new SimilarIndex();
    index.put('a', 1, 'Dock appointment self-scheduling', 'Carriers book their own slots');
    index.put('b', 2, 'Dark mode for dispatch', '');
    index.put('c', 3, 'Café ordering', 'for the canteen');
    index.put('d', 4, 'Invoice matching', 'Match invoices to orders');
    index.put('e', 5, 'Dock appointment self-scheduling', 'The same again');
    const all = (text: string) => {
      const ranking = index.rank(text, 0.3)!;
      const out: string[] = [];
      for (let r = ranking.take(); r; r = ranking.take()) if (r.bound >= 0.3) out.push(r.id);
      return out;
    };
    assert.deepEqual(all('dock appointments'), ['c', 'a', 'e']);
    index.put('a', 1, 'Driver shift swaps', '');
    index.remove('c');
    assert.deepEqual(all('dock appointments'), ['e']);
    assert.deepEqual(all('driver shift swap'), ['a']);
    assert.equal(index.rank('Ärger', 0.3), null, 'a text only the database can read');
    assert.equal(index.size, 4);
    assert.equal(index.deadShare, 2 / 6);
  });
});
