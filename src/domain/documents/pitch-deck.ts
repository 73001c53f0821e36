import { EVIDENCE_STRENGTHS, MOSCOW_RELEASES } from '../../methodology/index.ts';
import { releasePlan } from '../mvp.ts';
import {
  alternatives,
  askGaps,
  askItems,
  assemble,
  criteriaItems,
  economicsGaps,
  evidenceItems,
  frameItems,
  frameMissing,
  gapMetricText,
  goToMarketBlocks,
  lessonBlocks,
  marketSize,
  noDirectCompetitor,
  outcomeBlocks,
  paragraph,
  pmfBlocks,
  positioning,
  teamBlocks,
  whyStoppedBlocks,
} from './blocks.ts';
import { type Facts, strengthLabel } from './facts.ts';
import { readGate } from './gate.ts';
import type { Block, DocumentModel, ListItem } from './model.ts';
import { mvpOf } from './mvp-blocks.ts';
import { capitalise, formatMoney, formatNumber, formatPercent, listing, oneLine, plural, shorten } from './text.ts';

/** Slide texts are short: a slide is read from across a room. */
const MAX = 150;

/** The pitch deck, 10 to 12 slides told as the method's five acts; one section is one slide. */
export function buildPitchDeck(f: Facts): DocumentModel {
  const st = f.statement;
  return assemble(
    'pitch-deck',
    f,
    {
      cover: (m) => {
        const blocks: Block[] = [];
        if (f.statementText) blocks.push({ type: 'paragraph', text: f.statementText, style: 'lead' });
        else blocks.push(m('the idea in one sentence'));
        if (f.submitter) blocks.push(paragraph(f.submitter, 'Submitted by'));
        return blocks;
      },
      problem: (m) => {
        const items = frameItems(f, ['who', 'currentState', 'gap'], MAX);
        const g = gapMetricText(f);
        if (g) items.push({ label: 'Gap metric', text: shorten(g, MAX) });
        const blocks: Block[] = items.length ? [{ type: 'list', items }] : [];
        const gaps = frameMissing(f, ['who', 'currentState', 'gap'], m);
        if (gaps) blocks.push(gaps);
        return blocks;
      },
      'why-now': (m) => {
        const items = frameItems(f, ['dynamics', 'environment'], MAX * 1.5);
        const blocks: Block[] = items.length ? [{ type: 'list', items }] : [];
        const gaps = frameMissing(f, ['dynamics'], m);
        if (gaps) blocks.push(gaps);
        return blocks;
      },
      solution: (m) => {
        if (!st) return [m('the solution and its value')];
        const items: ListItem[] = [
          { label: 'What', text: `${capitalise(st.object)} that ${st.doesWhat}.` },
          { label: 'For', text: `${capitalise(st.users)}.` },
          { label: 'Value', text: `${capitalise(st.value)}.` },
          { label: 'Goal', text: `${capitalise(st.goal)}.` },
        ];
        return [{ type: 'list', items }];
      },
      'market-size': (m) => {
        const blocks = marketSize(f);
        return blocks.length ? blocks : [m('market size (TAM, SAM, SOM)')];
      },
      'business-model': (m) => {
        const e = f.economics ?? {};
        const cur = e.currency;
        const items: { label: string; value: string }[] = [];
        if (e.arpuMonthly !== undefined) items.push({ label: 'ARPU / month', value: formatMoney(e.arpuMonthly, cur) });
        if (e.grossMargin !== undefined) items.push({ label: 'Gross margin', value: formatPercent(e.grossMargin) });
        if (e.monthlyChurn !== undefined) items.push({ label: 'Churn / month', value: formatPercent(e.monthlyChurn) });
        if (e.cac !== undefined) items.push({ label: 'CAC', value: formatMoney(e.cac, cur) });
        if (f.unit.ltvToCac !== null)
          items.push({ label: 'LTV ÷ CAC (derived)', value: formatNumber(f.unit.ltvToCac) });
        const blocks: Block[] = items.length ? [{ type: 'metrics', items }] : [];
        const gaps = economicsGaps(f);
        if (gaps.length) blocks.push(m(`unit economics: ${listing(gaps)}`));
        return blocks;
      },
      competition: () => {
        const chart = positioning(f)?.chart;
        const rows = alternatives(f).slice(0, 6);
        const blocks: Block[] = [
          {
            type: 'table',
            columns: ['Alternative', 'Kind', 'Price'],
            rows: rows.map((r) => [shorten(r.name, 40), r.kind, shorten(r.price, 40)]),
          },
        ];
        const none = noDirectCompetitor(f);
        if (none) blocks.push(none);
        if (chart) blocks.push({ type: 'chart', chart });
        return blocks;
      },
      traction: (m) => {
        if (!f.evidence.length && !f.experiments.length && !f.pmf) return [m('evidence and traction')];
        const blocks: Block[] = pmfBlocks(f, true);
        if (f.evidence.length) {
          const counts = EVIDENCE_STRENGTHS.map((s) => f.evidence.filter((e) => e.strength === s).length);
          blocks.push({ type: 'list', items: evidenceItems(f.evidence, f.pmf ? 1 : 3, 110) });
          // With PMF data the signals are the slide's figures; the evidence counts would push it onto a second.
          if (!f.pmf)
            blocks.push({
              type: 'chart',
              chart: {
                type: 'bar',
                title: 'Evidence records by strength',
                unit: 'records',
                categories: EVIDENCE_STRENGTHS.map((s) => strengthLabel(s)),
                series: [{ name: 'Records', values: counts }],
                min: 0,
                integer: true,
              },
            });
        } else blocks.push(m('evidence from outside the team'));
        const done = f.experiments.filter((e) => e.status === 'completed');
        if (done.length) {
          const passed = done.filter((e) => e.evaluation.outcome === 'passed').length;
          blocks.push(
            paragraph(
              `${passed} of ${plural(done.length, 'completed experiment')} passed ${done.length === 1 ? 'its' : 'their'} success line.`,
              'Experiments',
            ),
          );
        }
        if (!f.pmf && !f.stopped)
          blocks.push(
            m('product-market fit measurements', ['Would users be very disappointed without it? Do they stay?'], 'pmf'),
          );
        return blocks;
      },
      'go-to-market': (m) => goToMarketBlocks(f, m, MAX),
      roadmap: (m) => {
        // The MVP's release plan when the cut is made (a slide holds one list); else the experiments next.
        const plan = releasePlan(mvpOf(f)).filter((r) => r.cut !== 'wont');
        if (plan.length) {
          return [
            {
              type: 'list',
              items: plan.map((r) => ({
                label: MOSCOW_RELEASES[r.cut],
                text: shorten(listing(r.stories.map((x) => oneLine(x.iWant))), MAX),
              })),
            },
          ];
        }
        const next = f.experiments
          .filter((e) => e.status !== 'completed')
          .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'))
          .slice(0, 4);
        const blocks: Block[] = [];
        if (next.length) {
          blocks.push({
            type: 'list',
            items: next.map((e) => ({
              label: e.deadline ? `By ${e.deadline}` : e.status,
              text: shorten(e.hypothesis, 110),
            })),
          });
        }
        blocks.push(m('the MVP release plan'));
        return blocks;
      },
      team: (m) => {
        if (f.launchPlan?.team?.length) return teamBlocks(f, m, 6);
        const blocks: Block[] = [];
        if (f.people.length)
          blocks.push({ type: 'list', items: f.people.slice(0, 6).map((p) => ({ label: p.name, text: p.role })) });
        blocks.push(...teamBlocks(f, m));
        return blocks;
      },
      ask: (m) => {
        const gate = readGate(f);
        const items: ListItem[] = [];
        if (gate.next) items.push({ label: 'Decision', text: `Advance from ${gate.stageName} to ${gate.next.name}.` });
        items.push({ label: 'Where the gate stands', text: gate.verdict });
        items.push({ label: 'Experiments', text: shorten(f.recommendation.summary, MAX) });
        if (gate.blocking.length) {
          items.push({
            label: 'Open findings',
            text: `${capitalise(plural(gate.blocking.length, 'critical or high challenger finding'))}, listed in the decision brief.`,
          });
        }
        const asked = askItems(f, MAX);
        // The ask itself first when it is stated; the gate's reading follows.
        const all = [...asked, ...items, ...criteriaItems(f, MAX).slice(0, asked.length ? 0 : 2)];
        const gaps = askGaps(f);
        return [
          { type: 'list', items: all },
          ...(gaps.length
            ? [m(`the ask: ${listing(gaps)}`, ['Which budget, people and time do we need, and what do they buy?'])]
            : []),
        ];
      },
      'why-stopped': (m) => whyStoppedBlocks(f, m),
      lessons: (m) => lessonBlocks(f, m),
      outcomes: (m) => outcomeBlocks(f, m),
    },
    { title: f.headline, subtitle: 'Pitch deck' },
  );
}
