import {
  askGaps,
  askItems,
  assemble,
  evidenceItems,
  evidenceProfile,
  frameItems,
  frameMissing,
  gapMetricText,
  lessonBlocks,
  outcomeBlocks,
  paragraph,
  plainScore,
  scoreMetrics,
  whyStoppedBlocks,
} from './blocks.ts';
import type { Facts } from './facts.ts';
import { readGate } from './gate.ts';
import type { Block, DocumentModel, ListItem } from './model.ts';
import { capitalise, listing, plural, shorten } from './text.ts';

/** Texts are shortened to whole sentences, so that the one-pager is read in a minute. */
const MAX = 220;

/** The method's one-page idea template; the page continues on a second one rather than cut anything. */
export function buildOnePager(f: Facts): DocumentModel {
  const st = f.statement;
  const gate = readGate(f);
  return assemble(
    'one-pager',
    f,
    {
      statement: (m) => {
        if (f.statementText) return [{ type: 'paragraph', text: f.statementText, style: 'lead' }];
        const blocks: Block[] = [];
        if (f.description) blocks.push(paragraph(shorten(f.description, MAX)));
        blocks.push(m('the idea statement'));
        return blocks;
      },
      problem: (m) => {
        const items = frameItems(f, ['who', 'currentState', 'idealState'], MAX);
        const g = gapMetricText(f);
        if (g) items.push({ label: 'Gap', text: g });
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
              { label: 'We propose', text: `${st.object} that ${st.doesWhat}.` },
              { label: 'Value', text: `${capitalise(st.value)}, when ${st.situation}.` },
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
        const items: ListItem[] = [];
        if (gate.next) {
          items.push({
            label: 'Decision',
            text: `At the ${gate.stageName} gate: advance to ${gate.next.name}, park or kill.`,
          });
        }
        items.push({ label: 'Recommendation', text: shorten(f.recommendation.summary, 160) });
        items.push({ label: 'Exit criteria', text: gate.verdict });
        if (gate.blocking.length) {
          items.push({
            label: 'Open findings',
            text: `${capitalise(plural(gate.blocking.length, 'critical or high challenger finding'))}: ${listing(
              gate.blocking.slice(0, 3).map((x) => shorten(x.explanation, 90)),
            )}${gate.blocking.length > 3 ? ', and more in the decision brief' : ''}.`,
          });
        }
        const planned = f.experiments.filter((e) => e.status !== 'completed').slice(0, 1);
        for (const e of planned) {
          items.push({
            label: e.deadline ? `Next test, by ${e.deadline}` : 'Next test',
            text: shorten(e.hypothesis, 160),
          });
        }
        const asked = askItems(f, 160);
        const gaps = askGaps(f);
        return [
          { type: 'list', items: [...asked, ...items] },
          ...(gaps.length
            ? [m(`the ask: ${listing(gaps)}`, ['Which budget, people and time do we need, and what do they buy?'])]
            : []),
        ];
      },
      lessons: (m) => [...whyStoppedBlocks(f, m), ...lessonBlocks(f, m).filter((b) => b.type !== 'missing')],
      outcomes: (m) => outcomeBlocks(f, m),
      score: (m) => {
        const metrics = scoreMetrics(f);
        if (!metrics) return [m('a score', ['Has anyone scored the idea on the workspace dimensions?'])];
        const items: ListItem[] = [];
        items.push({
          label: 'Rests on',
          text: `${capitalise(plural(f.score.assessors, 'assessor'))}; ${f.evidence.length ? evidenceProfile(f.evidence) : 'no evidence.'}`,
        });
        const weak = f.score.dimensions
          .filter((d) => d.mean !== null && d.evidenceStrength === null)
          .map((d) => d.name);
        if (weak.length) items.push({ label: 'No evidence behind', text: `${listing(weak)}.` });
        const split = f.score.dimensions.filter((d) => (d.spread ?? 0) >= 2).map((d) => d.name);
        if (split.length) items.push({ label: 'Assessors disagree on', text: `${listing(split)}.` });
        const unscored = f.score.dimensions.filter((d) => d.mean === null).map((d) => d.name);
        if (unscored.length) items.push({ label: 'Not scored', text: `${listing(unscored)}.` });
        const plain = plainScore(f);
        return [metrics, ...(plain ? [paragraph(plain)] : []), { type: 'list', items }];
      },
    },
    { title: f.headline, subtitle: 'One-pager' },
  );
}
