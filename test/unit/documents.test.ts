import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { assumptionMap } from '../../src/domain/assumptions.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import {
  type Block,
  buildDocument,
  buildDocuments,
  type DocumentInput,
  type DocumentModel,
  gateReading,
} from '../../src/domain/documents/index.ts';
import { unitEconomics } from '../../src/domain/economics.ts';
import { recommend } from '../../src/domain/recommendation.ts';
import {
  DOCUMENT_KINDS,
  DOCUMENT_TEMPLATES,
  type DocumentKind,
  PITCH_DECK_SLIDES,
  type StageId,
} from '../../src/methodology/index.ts';
import { loadSamplePortfolio, samplePortfolioPath } from '../../src/sample/index.ts';
import { type DocumentTemplateFile, Opportunity } from '../../src/schema/index.ts';
import {
  findings,
  GENERATED_AT,
  hostileOpportunity,
  richOpportunity,
  sparseOpportunity,
} from '../fixtures/documents.ts';

const dims = defaultDimensions();
const input = (opportunity: Opportunity, extra: Partial<DocumentInput> = {}): DocumentInput => ({
  opportunity,
  dimensions: dims,
  generatedAt: GENERATED_AT,
  ...extra,
});
const rich = (kind: (typeof DOCUMENT_KINDS)[number], extra: Partial<DocumentInput> = {}) =>
  buildDocument(kind, input(richOpportunity, { findings, ...extra }));

const blocks = (m: DocumentModel): Block[] => m.sections.flatMap((s) => s.blocks);
/** The template's section ids shown for an idea in `stage`. */
const forStage = (kind: DocumentKind, stage: StageId) =>
  DOCUMENT_TEMPLATES[kind].sections
    .filter((s) => (!s.only || s.only.includes(stage)) && !s.not?.includes(stage))
    .map((s) => s.id);
const section = (m: DocumentModel, id: string) => {
  const s = m.sections.find((x) => x.id === id);
  assert.ok(s, `section ${id} exists in ${m.kind}`);
  return s;
};
/** Every piece of text a block shows, for content checks. */
function texts(b: Block): string[] {
  switch (b.type) {
    case 'heading':
      return [b.text];
    case 'paragraph':
      return [b.label ?? '', b.text, ...(b.cite ?? []).flatMap((c) => [c.ref, c.source, c.date])];
    case 'list':
      return b.items.flatMap((i) => [
        i.label ?? '',
        i.text,
        ...(i.cite ?? []).flatMap((c) => [c.ref, c.source, c.date]),
      ]);
    case 'table':
      return [b.caption ?? '', ...b.columns, ...b.rows.flat()];
    case 'missing':
      return [b.what, ...b.questions];
    case 'evidence':
      return b.items.flatMap((e) => [e.ref, e.summary, e.source, e.date]);
    case 'metrics':
      return b.items.flatMap((m) => [m.label, m.value]);
    case 'chart':
      return b.chart.type === 'bar'
        ? [b.chart.title, ...b.chart.categories, ...b.chart.series.flatMap((s) => s.values.map(String))]
        : [b.chart.title, ...b.chart.points.flatMap((p) => [p.label, String(p.x), String(p.y)])];
  }
}
const allText = (m: DocumentModel) => blocks(m).flatMap(texts).join('\n');

describe('document fixtures', () => {
  it('are valid opportunity files', () => {
    for (const o of [richOpportunity, sparseOpportunity]) {
      assert.ok(Value.Check(Opportunity, o), JSON.stringify([...Value.Errors(Opportunity, o)].slice(0, 3)));
    }
  });

  it('are hostile only where input checks cannot reach: its javascript: link predates them', () => {
    // The API and import refuse non-http(s) links now; records stored before that still reach the renderers,
    // which must keep such a link inert, so the hostile fixture keeps one.
    const paths = new Set([...Value.Errors(Opportunity, hostileOpportunity)].map((e) => e.instancePath));
    assert.deepEqual([...paths], ['/evidence/0/url']);
  });
});

describe('document models: structure', () => {
  for (const kind of DOCUMENT_KINDS) {
    it(`${kind}: sections follow the method's template, in order`, () => {
      const m = rich(kind);
      assert.equal(m.kind, kind);
      assert.equal(m.layout, DOCUMENT_TEMPLATES[kind].layout);
      // The template's sections for the idea's stage, in order; then "Sources" when evidence is cited
      // without being shown in full.
      assert.deepEqual(
        m.sections.map((s) => s.id).filter((id) => id !== 'sources'),
        forStage(kind, 'validation'),
      );
      assert.ok([-1, m.sections.length - 1].includes(m.sections.findIndex((s) => s.id === 'sources')));
      assert.equal(m.title, richOpportunity.idea.title);
      assert.equal(m.generatedAt, GENERATED_AT.toISOString());
      for (const s of m.sections) assert.ok(s.blocks.length > 0, `${kind}/${s.id} has content or a missing callout`);
    });
  }

  it('PRD: the four chapters in order, then open questions and the evidence appendix', () => {
    const m = rich('prd');
    const groups = m.sections.map((s) => s.group?.id ?? null);
    const order = groups.filter((g, i) => i === 0 || g !== groups[i - 1]);
    assert.deepEqual(order, [null, 'discover', 'define', 'build', 'launch', null]);
    assert.equal(m.sections[0]!.id, 'summary', 'a summary at the top');
    assert.equal(m.toc, true, 'a cover and a table of contents');
    assert.deepEqual(
      m.sections.slice(-2).map((s) => s.id),
      ['open-questions', 'evidence'],
    );
    for (const id of ['problem', 'users', 'market-size', 'competition', 'differentiators', 'opportunity']) {
      assert.equal(section(m, id).group?.id, 'discover');
    }
    for (const id of ['hypotheses', 'silent-assumptions', 'risks', 'experiments', 'technology', 'roadmap', 'team']) {
      assert.equal(section(m, id).group?.id, 'build');
    }
  });

  it('pitch deck: 10 to 12 slides told as five acts, in order', () => {
    const m = rich('pitch-deck');
    assert.equal(m.layout, 'slides');
    // The sources slide, when evidence is cited, is an appendix after the pitch.
    const pitch = m.sections.filter((s) => s.id !== 'sources');
    assert.ok(pitch.length >= PITCH_DECK_SLIDES.min && pitch.length <= PITCH_DECK_SLIDES.max);
    const acts = DOCUMENT_TEMPLATES['pitch-deck'].groups.map((g) => g.id);
    const seen = pitch.filter((s) => s.id !== 'cover').map((s) => acts.indexOf(s.group!.id));
    assert.ok(seen.every((a) => a >= 0));
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'acts never go backwards',
    );
    assert.deepEqual([...new Set(seen)], [0, 1, 2, 3, 4], 'all five acts');
    assert.equal(section(m, 'ask').group?.id, 'ask');
  });

  it('pitch deck: native chart data where the data exists, and none where it does not', () => {
    const m = rich('pitch-deck');
    const chart = (id: string) => section(m, id).blocks.find((b) => b.type === 'chart');
    const market = chart('market-size');
    assert.ok(market?.type === 'chart' && market.chart.type === 'bar');
    assert.deepEqual(market.chart.categories, ['TAM', 'SAM', 'SOM']);
    assert.deepEqual(market.chart.series[0]!.values, [420_000_000, 31_000_000, 620_000], 'major units, not cents');
    const positioning = chart('competition');
    assert.ok(positioning?.type === 'chart' && positioning.chart.type === 'scatter');
    assert.equal(positioning.chart.points.length, richOpportunity.competitors!.length);
    const traction = chart('traction');
    assert.ok(traction?.type === 'chart' && traction.chart.type === 'bar');
    const counted = traction.chart.series[0]!.values.reduce<number>((a, v) => a + (v ?? 0), 0);
    assert.equal(counted, richOpportunity.evidence!.length);

    const sparse = buildDocument('pitch-deck', input(sparseOpportunity));
    assert.equal(blocks(sparse).filter((b) => b.type === 'chart').length, 0);
  });

  it("one-pager: the method's one-page template, with the score and what it rests on", () => {
    const m = rich('one-pager');
    assert.equal(m.layout, 'one-page');
    assert.deepEqual(
      m.sections.map((s) => s.id),
      ['statement', 'problem', 'proposal', 'evidence', 'why-now', 'ask', 'score', 'sources'],
    );
    const metrics = section(m, 'score').blocks.find((b) => b.type === 'metrics');
    assert.ok(metrics?.type === 'metrics');
    assert.ok(metrics.items.some((i) => i.label === 'Composite' && /^\d(\.\d+)? of 5$/.test(i.value)));
  });
});

describe('document models: content comes from the data', () => {
  it('every citation points at an evidence record, with its source and date', () => {
    const byRef = new Map(richOpportunity.evidence!.map((e) => [e.ref, e]));
    let count = 0;
    for (const m of buildDocuments(DOCUMENT_KINDS, input(richOpportunity, { findings }))) {
      for (const b of blocks(m)) {
        const cites =
          b.type === 'paragraph'
            ? (b.cite ?? [])
            : b.type === 'list'
              ? b.items.flatMap((i) => i.cite ?? [])
              : b.type === 'evidence'
                ? b.items
                : [];
        for (const c of cites) {
          const e = byRef.get(c.ref);
          assert.ok(e, `citation ${c.ref} in ${m.kind} exists`);
          assert.equal(c.source, e.source);
          assert.equal(c.date, e.observedOn);
          count++;
        }
      }
    }
    assert.ok(count > 20, `many statements are cited (${count})`);
  });

  it('assessor notes that rest on evidence cite it', () => {
    const m = rich('prd');
    const diff = section(m, 'differentiators').blocks.find((b) => b.type === 'list');
    assert.ok(diff?.type === 'list');
    const amira = diff.items.find((i) => i.label?.startsWith('Amira Haddad'));
    assert.deepEqual(
      amira?.cite?.map((c) => c.ref),
      ['E7'],
    );
  });

  it('the evidence appendix lists every record, strongest first, then newest', () => {
    const m = rich('prd');
    const ev = section(m, 'evidence').blocks[0];
    assert.ok(ev?.type === 'evidence');
    assert.equal(ev.items.length, richOpportunity.evidence!.length);
    assert.deepEqual(
      ev.items.map((e) => e.ref),
      ['E5', 'E4', 'E6', 'E3', 'E7', 'E1', 'E2'],
    );
  });

  it("risks come riskiest first, in the order of the domain's assumption map", () => {
    const m = rich('prd');
    const list = section(m, 'risks').blocks.find((b) => b.type === 'list');
    assert.ok(list?.type === 'list' && list.ordered);
    const map = assumptionMap(richOpportunity, GENERATED_AT);
    assert.deepEqual(
      list.items.map((i) => i.text),
      map.map((a) => a.statement),
    );
    assert.equal(list.items.length, richOpportunity.assumptions!.length);
    // The untested assumption of importance 4 outranks the supported ones of importance 5.
    assert.equal(list.items[0]!.text, 'Owners act on a warning rather than ignore it.');
    assert.ok(list.items.find((i) => i.text.startsWith('Owners will pay'))!.label!.includes('supported'));
  });

  it("experiments show their thresholds and the domain's evaluation of each, as of the generation time", () => {
    const m = rich('prd');
    const t = section(m, 'experiments').blocks.find((b) => b.type === 'table');
    assert.ok(t?.type === 'table');
    const verdict = t.columns.indexOf('Verdict');
    assert.deepEqual(
      t.rows.map((r) => r[verdict]),
      ['passed', 'passed', 'overdue', 'not started'],
    );
    assert.deepEqual(
      t.rows.map((r) => [r[t.columns.indexOf('Success')], r[t.columns.indexOf('Kill')]]),
      [
        ['≥ 5', '≤ 2'],
        ['≥ 5', '≤ 2'],
        ['≤ 15', '≥ 30'],
        ['≥ 3', '≤ 0.5'],
      ],
    );
    // Before its deadline the same running experiment is not overdue.
    const earlier = buildDocument('prd', input(richOpportunity, { generatedAt: new Date('2026-09-01T00:00:00Z') }));
    const t2 = section(earlier, 'experiments').blocks.find((b) => b.type === 'table');
    assert.ok(t2?.type === 'table');
    assert.equal(t2.rows[2]![verdict], 'in progress');
  });

  it('results are judged against the criteria registered at the start, and moved goalposts are shown', () => {
    const base = {
      method: 'a-b-test',
      metric: 'm',
      status: 'completed',
      successThreshold: 10,
      killThreshold: 20,
    } as const;
    const o: Opportunity = {
      idea: { title: 'Verdicts' },
      experiments: [
        { ...base, hypothesis: 'h1', higherIsBetter: false, observed: 8 },
        { ...base, hypothesis: 'h2', higherIsBetter: false, observed: 25 },
        { ...base, hypothesis: 'h3', higherIsBetter: false, observed: 8, minSample: 100, sample: 12 },
        {
          hypothesis: 'h4',
          method: 'fake-door',
          metric: 'clicks',
          status: 'completed',
          successThreshold: 5,
          killThreshold: 2,
          observed: 7,
          startedOn: '2026-01-01',
          locked: {
            lockedOn: '2026-01-01',
            hypothesis: 'h4',
            metric: 'clicks',
            successThreshold: 10,
            killThreshold: 2,
            higherIsBetter: true,
          },
        },
      ],
    };
    const s = section(buildDocument('prd', input(o)), 'experiments');
    const t = s.blocks.find((b) => b.type === 'table');
    assert.ok(t?.type === 'table');
    assert.deepEqual(
      t.rows.map((r) => r.at(-1)),
      ['passed', 'kill threshold crossed', 'sample too small', 'mixed'],
    );
    assert.equal(t.rows[3]![t.columns.indexOf('Success')], '≥ 10', 'the registered threshold, not the loosened one');
    const judged = s.blocks.find((b) => b.type === 'list');
    assert.ok(judged?.type === 'list');
    const h4 = judged.items.find((i) => i.label === '#4');
    assert.ok(h4 && /registered at the start/.test(h4.text) && /loosened|changed/i.test(h4.text), h4?.text);
  });

  it('scores: the composite is the weighted mean, and the spread is shown where assessors disagree', () => {
    const o: Opportunity = {
      idea: { title: 'Scores' },
      assessments: [
        {
          assessor: 'A',
          scores: { 'problem-significance': { score: 5, confidence: 'high' }, risk: { score: 2, confidence: 'high' } },
        },
        { assessor: 'B', scores: { 'problem-significance': { score: 3, confidence: 'high' } } },
      ],
    };
    const m = buildDocument('decision-brief', input(o));
    const metrics = section(m, 'scores').blocks.find((b) => b.type === 'metrics');
    assert.ok(metrics?.type === 'metrics');
    // (1.5 × mean(5, 3) + 1 × 2) / 2.5 = 3.2
    assert.equal(metrics.items.find((i) => i.label === 'Composite')?.value, '3.2 of 5');
    const table = section(m, 'scores').blocks.find((b) => b.type === 'table');
    assert.ok(table?.type === 'table');
    const row = table.rows.find((r) => r[0] === 'Problem significance')!;
    assert.equal(row[table.columns.indexOf('Range')], '3-5');
    assert.equal(row[table.columns.indexOf('Spread')], '2');
    const change = section(m, 'change').blocks.find((b) => b.type === 'list');
    assert.ok(change?.type === 'list');
    assert.ok(
      change.items.some((i) => i.label === 'If the assessors converge' && i.text.includes('Problem significance')),
    );
  });

  it('unit economics: what is known, and what is derived from it, labelled as derived', () => {
    const m = rich('prd');
    const t = section(m, 'revenue-model').blocks.find((b) => b.type === 'table');
    assert.ok(t?.type === 'table');
    const value = (label: string) => t.rows.find((r) => r[0]!.startsWith(label))?.[1];
    assert.equal(value('Revenue per customer'), 'EUR 49', 'whole amounts without cents, like every amount');
    assert.equal(value('Gross margin'), '80 %');
    assert.equal(value('Contribution margin per month (derived'), 'EUR 39.20');
    // 3920 ÷ 0.03 = 130,667 cents
    assert.equal(value('Lifetime value (derived'), 'EUR 1,306.67');
    assert.equal(value('Lifetime value ÷ CAC (derived)'), '3.73');
    assert.equal(value('Months to pay back CAC (derived)'), '8.9');
    // The same figures as the domain's unit economics, which the challenger uses too.
    assert.equal(unitEconomics(richOpportunity.economics).ltvToCac, 3.73);
  });

  it('competitive analysis: "do nothing" is an alternative, ratings form the matrix and the positioning chart', () => {
    const m = rich('competitive-analysis');
    const alt = section(m, 'alternatives').blocks.find((b) => b.type === 'table');
    assert.ok(alt?.type === 'table');
    assert.deepEqual(
      alt.rows.map((r) => r[0]),
      [
        `${richOpportunity.idea.title} (ours)`,
        ...richOpportunity.competitors!.map((c) => c.name),
        'Do nothing (status quo)',
      ],
    );
    const matrix = section(m, 'matrix').blocks.find((b) => b.type === 'table');
    assert.ok(matrix?.type === 'table');
    assert.deepEqual(matrix.columns.slice(1), ['Ours', ...richOpportunity.competitors!.map((c) => c.name)]);
    assert.equal(matrix.rows.length, 4);
    const chart = section(m, 'positioning').blocks.find((b) => b.type === 'chart');
    assert.ok(chart?.type === 'chart' && chart.chart.type === 'scatter');
    // The axes are where the alternatives differ most: Automatic data ranges 0-4, the others 0-3 or 1-4
    // (ties go by name).
    assert.equal(chart.chart.xLabel, 'Automatic data');
    assert.equal(chart.chart.yLabel, 'Agency fit');
    const director = chart.chart.points.find((p) => p.label === 'Fractional finance director');
    assert.deepEqual([director?.x, director?.y], [1, 4]);

    const withNothing = buildDocument(
      'competitive-analysis',
      input({ idea: { title: 'x' }, competitors: [{ name: 'Do nothing', kind: 'substitute' }] }),
    );
    const rows = section(withNothing, 'alternatives').blocks.find((b) => b.type === 'table');
    assert.ok(rows?.type === 'table');
    assert.deepEqual(
      rows.rows.map((r) => r[0]),
      ['x (ours)', 'Do nothing'],
    );
  });

  it('open questions are the challenger findings, most severe first; absent findings say the challenger has not run', () => {
    const list = section(rich('prd'), 'open-questions').blocks[0];
    assert.ok(list?.type === 'list');
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['High', 'Warning'],
    );
    assert.ok(list.items[0]!.text.startsWith('Who is liable'));
    const none = section(buildDocument('prd', input(richOpportunity)), 'open-questions').blocks[0];
    assert.ok(none?.type === 'missing' && /challenger has not run/.test(none.what));
    const empty = section(buildDocument('prd', input(richOpportunity, { findings: [] })), 'open-questions').blocks[0];
    assert.ok(empty?.type === 'paragraph' && /no open questions/.test(empty.text));
  });
});

describe('document models: an idea with almost nothing filled in', () => {
  const models = buildDocuments(DOCUMENT_KINDS, input(sparseOpportunity));

  it('builds every kind without crashing, with every required section present', () => {
    for (const m of models) {
      assert.deepEqual(
        m.sections.map((s) => s.id),
        forStage(m.kind, 'discovery'),
      );
    }
  });

  it('shows missing callouts with the questions to answer', () => {
    for (const m of models) {
      const missing = blocks(m).filter((b) => b.type === 'missing');
      assert.ok(missing.length >= m.sections.length / 2, `${m.kind} says what is missing`);
      for (const b of missing) {
        assert.ok(
          (b.type === 'missing' &&
            b.what.length > 0 &&
            b.questions.length > 0 &&
            b.questions.every((q) => q.endsWith('?')) &&
            b.where.startsWith('the idea page')) ||
            (b.type === 'missing' && b.where.startsWith('no field of its own')),
          `${m.kind}: ${JSON.stringify(b)} says what is missing, what to answer and where in Vetted`,
        );
      }
    }
    const prd = models.find((m) => m.kind === 'prd')!;
    assert.ok(section(prd, 'problem').empty);
    assert.ok(section(prd, 'market-size').empty);
    assert.ok(section(prd, 'evidence').empty);
  });

  it('invents no numbers: no figure, chart or metric appears', () => {
    for (const m of models) {
      const text = allText(m);
      assert.doesNotMatch(text, /\d/, `${m.kind} contains no digits: ${text.match(/.*\d.*/)?.[0]}`);
      assert.equal(blocks(m).filter((b) => b.type === 'chart' || b.type === 'metrics').length, 0);
    }
  });

  it('the decision brief reads the gate honestly', () => {
    const brief = models.find((m) => m.kind === 'decision-brief')!;
    const rec = section(brief, 'recommendation').blocks;
    const lead = rec[0];
    assert.ok(lead?.type === 'paragraph');
    assert.equal(lead.text, 'Not ready to advance to Validation: no exit criterion of Discovery is met yet.');
    const experiments = rec.find((b) => b.type === 'paragraph' && b.label === 'Experiments');
    assert.ok(experiments?.type === 'paragraph');
    assert.equal(experiments.text, recommend(sparseOpportunity, { now: GENERATED_AT }).summary);
  });
});

describe('gate reading', () => {
  it('is ready to advance when every exit criterion is met by the data', () => {
    const scores = Object.fromEntries(dims.map((d) => [d.id, { score: 4, confidence: 'high' as const }]));
    const o: Opportunity = {
      idea: { title: 'Ready', stage: 'discovery', submitter: 'Ana' },
      frame: { currentState: 'a', idealState: 'b', gap: 'c' },
      evidence: [
        { ref: 'E', kind: 'quote', summary: 's', source: 'Customer', observedOn: '2026-01-01', strength: 'interview' },
      ],
      assessments: [{ assessor: 'Ana', scores }],
    };
    const g = gateReading(input(o));
    assert.deepEqual(
      g.checks.map((c) => c.status),
      ['met', 'met', 'met'],
    );
    assert.equal(g.verdict, 'Ready to advance to Validation: every exit criterion of Discovery is met.');
    // Evidence only from the submitter does not count.
    const own = gateReading(input({ ...o, evidence: [{ ...o.evidence![0]!, source: 'Ana' }] }));
    assert.equal(own.checks[1]!.status, 'not met');
    assert.match(own.verdict, /^Not ready to advance to Validation: 1 of 3/);
  });

  it('validation: economics must cover the cost to win a customer', () => {
    const g = gateReading(input(richOpportunity));
    const econ = g.checks.find((c) => c.criterion === 'The economics can work.')!;
    assert.equal(econ.status, 'met');
    const poor = gateReading(input({ ...richOpportunity, economics: { ...richOpportunity.economics, cac: 500_000 } }));
    assert.equal(poor.checks.find((c) => c.criterion === 'The economics can work.')!.status, 'not met');
  });
});

describe('document models: stable and pure', () => {
  it('the same data gives the same document, apart from the generation time', () => {
    for (const kind of DOCUMENT_KINDS) {
      const a = buildDocument(kind, input(richOpportunity, { findings }));
      const b = buildDocument(kind, input(structuredClone(richOpportunity), { findings: structuredClone(findings) }));
      assert.deepEqual(a, b);
      const later = buildDocument(
        kind,
        input(richOpportunity, { findings, generatedAt: new Date('2027-01-01T00:00:00Z') }),
      );
      const strip = (m: DocumentModel) => ({
        ...m,
        generatedAt: '',
        metadata: m.metadata.filter((x) => x.label !== 'Generated'),
      });
      assert.notEqual(later.generatedAt, a.generatedAt);
      assert.deepEqual(strip(later), strip(a));
    }
  });

  it('does not modify its input', () => {
    const o = structuredClone(richOpportunity);
    const f = structuredClone(findings);
    buildDocuments(DOCUMENT_KINDS, input(o, { findings: f }));
    assert.deepEqual(o, richOpportunity);
    assert.deepEqual(f, findings);
  });
});

describe('document models: workspace templates', () => {
  const templates: DocumentTemplateFile = {
    format: 'vetted.document-templates/v1',
    templates: {
      prd: {
        order: ['evidence', 'problem'],
        sections: { problem: { title: 'The pain' }, team: { include: false }, technology: { include: false } },
        groups: { discover: { title: 'Explore' } },
      },
      'pitch-deck': { sections: { team: { include: false }, roadmap: { include: false } } },
    },
  };

  it('reorders, renames and leaves out optional sections', () => {
    const m = rich('prd', { templates });
    assert.deepEqual(
      m.sections.slice(0, 3).map((s) => s.id),
      ['evidence', 'problem', 'summary'],
    );
    assert.equal(section(m, 'problem').title, 'The pain');
    assert.equal(section(m, 'problem').group?.title, 'Explore');
    assert.ok(!m.sections.some((s) => s.id === 'team' || s.id === 'technology'));
    assert.equal(m.sections.length, forStage('prd', 'validation').length - 2);
    // Other kinds keep the method's template.
    assert.deepEqual(
      rich('one-pager', { templates })
        .sections.map((s) => s.id)
        .filter((id) => id !== 'sources'),
      forStage('one-pager', 'validation'),
    );
  });

  it('a deck without its optional slides keeps the minimum of 10', () => {
    const m = rich('pitch-deck', { templates });
    assert.equal(m.sections.filter((s) => s.id !== 'sources').length, PITCH_DECK_SLIDES.min);
  });
});

describe('document models: hostile content', () => {
  const models = buildDocuments(DOCUMENT_KINDS, input(hostileOpportunity));

  it("keeps text as text (escaping is each renderer's job) but drops what no format can hold", () => {
    for (const m of models) {
      assert.ok(m.title.includes('<script>alert("x")</script>'));
      const text = `${m.title}\n${allText(m)}`;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that control characters are gone
      assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069]/);
      assert.doesNotMatch(text, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('keeps only http(s) links', () => {
    const prd = models.find((m) => m.kind === 'prd')!;
    const ev = section(prd, 'evidence').blocks[0];
    assert.ok(ev?.type === 'evidence');
    assert.equal(ev.items.find((e) => e.ref === 'H1')?.url, undefined, 'javascript: dropped');
    assert.equal(ev.items.find((e) => e.ref === 'H2')?.url, "https://example.org/?q=a&b=%3Cscript%3E&c='d'");
  });

  it('keeps non-Latin scripts intact', () => {
    const text = models.map(allText).join('\n');
    for (const s of ['مالكو الوكالات الصغيرة', '预测现金流缺口 🚀💸', 'العربية 中文 😀'])
      assert.ok(text.includes(s), s);
  });
});

describe('document models: the sample portfolio', () => {
  it('builds every kind for every sample opportunity, citing only evidence that exists', (t) => {
    if (!existsSync(samplePortfolioPath)) return t.skip('no sample portfolio yet');
    const portfolio = loadSamplePortfolio();
    assert.ok(portfolio.opportunities.length > 0);
    for (const o of portfolio.opportunities) {
      const refs = new Set((o.evidence ?? []).map((e) => e.ref));
      for (const m of buildDocuments(DOCUMENT_KINDS, input(o))) {
        assert.ok(m.sections.length > 0, `${o.idea.title}: ${m.kind}`);
        for (const b of blocks(m)) {
          const cites =
            b.type === 'list' ? b.items.flatMap((i) => i.cite ?? []) : b.type === 'paragraph' ? (b.cite ?? []) : [];
          for (const c of cites) assert.ok(refs.has(c.ref), `${o.idea.title}: ${m.kind} cites ${c.ref}`);
        }
      }
    }
  });
});
