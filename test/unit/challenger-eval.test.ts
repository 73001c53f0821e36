import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { challenge } from '../../src/domain/challenger/index.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import { WEAKNESS_KIND_IDS, type WeaknessKindId } from '../../src/methodology/index.ts';
import { Opportunity } from '../../src/schema/index.ts';

/**
 * The challenger's evaluation: hand-written opportunities in test/eval/cases, each labelled with the kinds of
 * weakness it really has (strong ones with none). Recall and precision are computed per kind and overall
 * (micro-averaged over case × kind decisions), printed as a table, and the test fails under recall 0.9 or
 * precision 0.85 overall, or under recall 0.8 for any kind.
 */

const DIR = join(import.meta.dirname, '..', 'eval', 'cases');
const NOW = new Date('2026-11-15T12:00:00Z');
const MIN_RECALL = 0.9;
const MIN_PRECISION = 0.85;
const MIN_KIND_RECALL = 0.8;

interface Case {
  name: string;
  expected: WeaknessKindId[];
  opportunity: Opportunity;
}

const cases: Case[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const raw = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as {
      expected: WeaknessKindId[];
      opportunity: Opportunity;
    };
    return { name: f.replace(/\.json$/, ''), expected: raw.expected, opportunity: raw.opportunity };
  });

const dimensions = defaultDimensions();
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const fmt = (n: number) => n.toFixed(2);

describe('challenger evaluation', () => {
  it('has at least 80 valid, labelled cases, strong ones among them, covering every kind', () => {
    assert.ok(cases.length >= 80, `only ${cases.length} cases`);
    for (const c of cases) {
      const errors = [...Value.Errors(Opportunity, c.opportunity)].map((e) => `${e.instancePath} ${e.message}`);
      assert.deepEqual(errors, [], `${c.name} is not a valid opportunity file`);
      for (const k of c.expected) assert.ok(WEAKNESS_KIND_IDS.includes(k), `${c.name}: unknown kind ${k}`);
      assert.equal(new Set(c.expected).size, c.expected.length, `${c.name}: duplicate labels`);
    }
    assert.ok(cases.filter((c) => c.expected.length === 0).length >= 5, 'fewer than 5 strong cases');
    for (const k of WEAKNESS_KIND_IDS)
      assert.ok(
        cases.some((c) => c.expected.includes(k)),
        `no case labelled ${k}`,
      );
  });

  it(`reaches recall >= ${MIN_RECALL} and precision >= ${MIN_PRECISION} overall, recall >= ${MIN_KIND_RECALL} per kind`, () => {
    const tally = new Map(WEAKNESS_KIND_IDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
    const misses: string[] = [];
    for (const c of cases) {
      const found = new Set(challenge(c.opportunity, { dimensions, now: NOW }).map((f) => f.kind));
      const expected = new Set(c.expected);
      for (const k of WEAKNESS_KIND_IDS) {
        const t = tally.get(k)!;
        if (found.has(k) && expected.has(k)) t.tp++;
        else if (found.has(k)) {
          t.fp++;
          misses.push(`${c.name}: unexpected ${k}`);
        } else if (expected.has(k)) {
          t.fn++;
          misses.push(`${c.name}: missed ${k}`);
        }
      }
    }
    const rows = WEAKNESS_KIND_IDS.map((k) => {
      const t = tally.get(k)!;
      return {
        kind: k,
        tp: t.tp,
        fp: t.fp,
        fn: t.fn,
        recall: ratio(t.tp, t.tp + t.fn),
        precision: ratio(t.tp, t.tp + t.fp),
      };
    });
    const total = rows.reduce((a, r) => ({ tp: a.tp + r.tp, fp: a.fp + r.fp, fn: a.fn + r.fn }), {
      tp: 0,
      fp: 0,
      fn: 0,
    });
    const recall = ratio(total.tp, total.tp + total.fn);
    const precision = ratio(total.tp, total.tp + total.fp);

    const line = (kind: string, tp: number, fp: number, fn: number, r: number, p: number) =>
      `${kind.padEnd(30)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}   ${fmt(r)}      ${fmt(p)}`;
    console.log(
      `\nChallenger evaluation: ${cases.length} cases (${cases.filter((c) => !c.expected.length).length} strong)`,
    );
    console.log(`${'kind'.padEnd(30)}   tp   fp   fn   recall    precision`);
    for (const r of rows) console.log(line(r.kind, r.tp, r.fp, r.fn, r.recall, r.precision));
    console.log(line('OVERALL (micro)', total.tp, total.fp, total.fn, recall, precision));
    if (misses.length) console.log(`\nMisses:\n  ${misses.join('\n  ')}`);

    assert.ok(recall >= MIN_RECALL, `overall recall ${fmt(recall)} is under ${MIN_RECALL}`);
    assert.ok(precision >= MIN_PRECISION, `overall precision ${fmt(precision)} is under ${MIN_PRECISION}`);
    for (const r of rows)
      assert.ok(r.recall >= MIN_KIND_RECALL, `${r.kind}: recall ${fmt(r.recall)} is under ${MIN_KIND_RECALL}`);
  });
});
