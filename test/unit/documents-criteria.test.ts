import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import { buildDocument, type DocumentInput, type DocumentModel } from '../../src/domain/documents/index.ts';
import type { Opportunity } from '../../src/schema/index.ts';
import { GENERATED_AT, richOpportunity } from '../fixtures/documents.ts';

/** Issue 12: the PRD's success metrics, the decision brief and the deck cite the idea's own criteria. */

const withCriteria: Opportunity = {
  ...richOpportunity,
  format: 'vetted.opportunity/v2',
  idea: {
    ...richOpportunity.idea,
    successMetrics: [
      { metric: 'Agencies warned before a shortfall', target: 80, unit: '%', baseline: 10, byWhen: '2027-06-30' },
    ],
    killCriteria: [
      {
        statement: 'We stop if fewer than 3 of 20 pilot agencies pay after the trial',
        metric: 'Paying pilot agencies',
        threshold: 3,
      },
    ],
  },
};
const input = (opportunity: Opportunity): DocumentInput => ({
  opportunity,
  dimensions: defaultDimensions(),
  generatedAt: GENERATED_AT,
  findings: [],
});
const text = (m: DocumentModel, sectionId?: string) =>
  JSON.stringify(sectionId ? m.sections.filter((s) => s.id === sectionId) : m.sections);

describe('documents cite the idea’s success and kill criteria', () => {
  it('PRD: success metrics first, with target, baseline and date, then the kill criteria', () => {
    const prd = buildDocument('prd', input(withCriteria));
    const s = text(prd, 'success-metrics');
    assert.match(s, /Agencies warned before a shortfall: up to 80 % from 10 % by 2027-06-30/);
    assert.match(s, /We stop if fewer than 3 of 20 pilot agencies pay after the trial \(Paying pilot agencies ≤ 3\)/);
    assert.ok(!/Agencies warned/.test(text(buildDocument('prd', input(richOpportunity)), 'success-metrics')));
  });

  it('decision brief and deck cite them; without them the brief says so', () => {
    assert.match(text(buildDocument('decision-brief', input(withCriteria)), 'criteria'), /Kill criterion/);
    assert.match(
      text(buildDocument('decision-brief', input(richOpportunity)), 'criteria'),
      /states no success metric and no kill criteria/,
    );
    assert.match(text(buildDocument('pitch-deck', input(withCriteria)), 'ask'), /Success metric.*Kill criterion/);
  });
});
