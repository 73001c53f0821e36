import {
  assemble,
  evidenceItems,
  evidenceProfile,
  frameItems,
  frameMissing,
  gapMetricText,
  paragraph,
  scoreMetrics,
} from './blocks.ts';
import type { Facts } from './facts.ts';
import { readGate } from './gate.ts';
import type { Block, DocumentModel, ListItem } from './model.ts';
import { truncate } from './text.ts';

/** Texts are shortened so that the one-pager fits one page, and one slide. */
const MAX = 200;

/** The method's one-page idea template. */
export function buildOnePager(f: Facts): DocumentModel {
  const st = f.statement;
  return assemble(
    'one-pager',
    f,
    {
      statement: (m) => {
        if (f.statementText) return [{ type: 'paragraph', text: truncate(f.statementText, 400), style: 'lead' }];
        const blocks: Block[] = [];
        if (f.description) blocks.push(paragraph(truncate(f.description, MAX)));
        blocks.push(m('the idea statement'));
        return blocks;
      },
      problem: (m) => {
        const items = frameItems(f, ['who', 'currentState', 'idealState'], MAX);
        const g = gapMetricText(f);
        if (g) items.push({ label: 'Gap', text: truncate(g, MAX) });
        else items.push(...frameItems(f, ['gap'], MAX));
        const blocks: Block[] = items.length ? [{ type: 'list', items }] : [];
        const gaps = frameMissing(f, ['who', 'currentState', 'idealState'], m);
        if (gaps) blocks.push(gaps);
        return blocks;
      },
      proposal: (m) => {
        if (!st) return [m('the proposal and its value')];
        return [
          {
            type: 'list',
            items: [
              { label: 'We propose', text: truncate(`${st.object} that ${st.doesWhat}`, MAX) },
              { label: 'Value', text: truncate(`${st.value}, when ${st.situation}`, MAX) },
            ],
          },
        ];
      },
      evidence: (m) => {
        if (!f.evidence.length) return [m('evidence from outside the team')];
        return [
          paragraph(evidenceProfile(f.evidence), 'Strongest first'),
          { type: 'list', items: evidenceItems(f.evidence, 3, 160) },
        ];
      },
      'why-now': (m) => {
        const items = frameItems(f, ['dynamics'], MAX);
        return items.length ? [{ type: 'list', items }] : [m('why now')];
      },
      ask: (m) => {
        const gate = readGate(f);
        const items: ListItem[] = [];
        if (gate.next) {
          items.push({
            label: 'Decision',
            text: `at the ${gate.stageName} gate: advance to ${gate.next.name}, park or kill.`,
          });
        }
        items.push({ label: 'Recommendation', text: truncate(f.recommendation.summary, 120) });
        items.push({ label: 'Exit criteria', text: truncate(gate.verdict, 120) });
        const planned = f.experiments.filter((e) => e.status !== 'completed').slice(0, 1);
        for (const e of planned) {
          items.push({
            label: e.deadline ? `Next test, by ${e.deadline}` : 'Next test',
            text: truncate(e.hypothesis, 140),
          });
        }
        return [
          { type: 'list', items },
          m('what is asked of the reader', ['Which budget, people or time do we need?']),
        ];
      },
      score: (m) => {
        const metrics = scoreMetrics(f);
        if (!metrics) return [m('a score', ['Has anyone scored the idea on the workspace dimensions?'])];
        const items: ListItem[] = [];
        items.push({
          label: 'Rests on',
          text: `${f.score.assessors} assessor(s); ${f.evidence.length ? evidenceProfile(f.evidence) : 'no evidence.'}`,
        });
        const weak = f.score.dimensions
          .filter((d) => d.mean !== null && d.evidenceStrength === null)
          .map((d) => d.name);
        if (weak.length) items.push({ label: 'No evidence behind', text: truncate(weak.join(', '), MAX) });
        const split = f.score.dimensions.filter((d) => (d.spread ?? 0) >= 2).map((d) => d.name);
        if (split.length) items.push({ label: 'Assessors disagree on', text: truncate(split.join(', '), MAX) });
        const unscored = f.score.dimensions.filter((d) => d.mean === null).map((d) => d.name);
        if (unscored.length) items.push({ label: 'Not scored', text: truncate(unscored.join(', '), MAX) });
        return [metrics, { type: 'list', items }];
      },
    },
    { title: f.title, subtitle: 'One-pager' },
  );
}
