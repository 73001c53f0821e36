import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DOCUMENT_KINDS,
  DOCUMENT_TEMPLATES,
  FORMATS_BY_KIND,
  PITCH_DECK_SLIDES,
  STAGE_IDS,
} from '../../src/methodology/index.ts';
import { checkDocumentTemplateFile, DOCUMENT_TEMPLATES_FORMAT } from '../../src/schema/index.ts';

const file = (templates: unknown) => ({ format: DOCUMENT_TEMPLATES_FORMAT, templates });
const errors = (input: unknown) => {
  const r = checkDocumentTemplateFile(input);
  assert.equal(r.ok, false, 'refused');
  return r.ok ? [] : r.errors;
};
const paths = (input: unknown) => errors(input).map((e) => e.path);

describe('document templates (methodology data)', () => {
  it('every kind has unique section ids, groups that exist, and questions for missing data', () => {
    for (const kind of DOCUMENT_KINDS) {
      const t = DOCUMENT_TEMPLATES[kind];
      const ids = t.sections.map((s) => s.id);
      assert.equal(new Set(ids).size, ids.length, `${kind}: unique ids`);
      for (const s of t.sections) {
        if (s.group)
          assert.ok(
            t.groups.some((g) => g.id === s.group),
            `${kind}/${s.id}: group exists`,
          );
        assert.ok(s.questions.length > 0 && s.questions.every((q) => q.endsWith('?')), `${kind}/${s.id}: questions`);
      }
    }
  });

  it('formats: Markdown, HTML and PDF for every kind; DOCX for text documents; PPTX for the deck and one-pager', () => {
    for (const kind of DOCUMENT_KINDS) {
      for (const f of ['markdown', 'html', 'pdf'] as const) assert.ok(FORMATS_BY_KIND[kind].includes(f));
    }
    assert.deepEqual(
      DOCUMENT_KINDS.filter((k) => FORMATS_BY_KIND[k].includes('docx')),
      ['prd', 'one-pager', 'competitive-analysis', 'decision-brief', 'pr-faq'],
    );
    assert.deepEqual(
      DOCUMENT_KINDS.filter((k) => FORMATS_BY_KIND[k].includes('pptx')),
      ['one-pager', 'pitch-deck'],
    );
  });

  it('the deck has 10 to 12 slides in every stage, even with every optional slide left out', () => {
    const slides = DOCUMENT_TEMPLATES['pitch-deck'].sections;
    for (const stage of STAGE_IDS) {
      const shown = slides.filter((s) => (!s.only || s.only.includes(stage)) && !s.not?.includes(stage));
      assert.ok(shown.length <= PITCH_DECK_SLIDES.max, `${stage}: at most ${PITCH_DECK_SLIDES.max}`);
      assert.ok(shown.filter((s) => !s.optional).length >= PITCH_DECK_SLIDES.min, `${stage}: at least the minimum`);
    }
  });
});

describe('workspace template file', () => {
  it('accepts an empty override and a full one', () => {
    assert.ok(checkDocumentTemplateFile(file({})).ok);
    const r = checkDocumentTemplateFile(
      file({
        prd: {
          order: ['evidence', 'problem'],
          sections: { problem: { title: 'The pain' }, team: { include: false } },
          groups: { discover: { title: 'Explore' } },
        },
        'pitch-deck': { sections: { team: { include: false }, roadmap: { include: false } } },
      }),
    );
    assert.ok(r.ok, JSON.stringify(r));
  });

  it('says which field is wrong and why', () => {
    assert.deepEqual(errors(null), [{ path: '/', message: 'must be object' }]);
    assert.deepEqual(errors({}), [
      { path: '/format', message: 'is required' },
      { path: '/templates', message: 'is required' },
    ]);
    assert.deepEqual(errors({ format: 'v0', templates: {} }), [
      { path: '/format', message: `must be "${DOCUMENT_TEMPLATES_FORMAT}"` },
    ]);
    const memo = errors(file({ memo: {} }));
    assert.equal(memo[0]!.path, '/templates/memo');
    assert.match(memo[0]!.message, /unknown field "memo" \(known kinds: prd, one-pager/);
  });

  it('refuses unknown sections, duplicates and leaving out required sections', () => {
    const e = errors(
      file({
        prd: {
          order: ['problem', 'nope', 'problem'],
          sections: { problem: { include: false }, zzz: { title: 'x' }, team: { include: 'no' } },
          groups: { foo: { title: 'x' } },
        },
      }),
    );
    const by = Object.fromEntries(e.map((x) => [x.path, x.message]));
    assert.match(by['/templates/prd/order/1']!, /^unknown section "nope"; known sections of prd: summary, lessons/);
    assert.equal(by['/templates/prd/order/2'], 'section "problem" is listed twice');
    assert.equal(
      by['/templates/prd/sections/problem/include'],
      'section "problem" is required in a prd and cannot be left out',
    );
    assert.match(by['/templates/prd/sections/zzz']!, /^unknown section "zzz"/);
    assert.equal(by['/templates/prd/sections/team/include'], 'must be boolean');
    assert.match(
      by['/templates/prd/groups/foo']!,
      /^unknown group "foo"; known groups of prd: discover, define, build, launch/,
    );
    assert.equal(e.length, 6);
  });

  it('refuses blank titles and unknown fields inside an override', () => {
    assert.deepEqual(paths(file({ 'one-pager': { sections: { ask: { title: '   ' } } } })), [
      '/templates/one-pager/sections/ask/title',
    ]);
    assert.deepEqual(paths(file({ 'one-pager': { sections: { ask: { colour: 'red' } } } })), [
      '/templates/one-pager/sections/ask/colour',
    ]);
    assert.deepEqual(paths(file({ 'one-pager': { groups: { x: { title: 'y' } } } })), [
      '/templates/one-pager/groups/x',
    ]);
  });
});
