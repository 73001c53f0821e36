import {
  alternatives,
  assemble,
  assumptionItem,
  criteriaItems,
  economicsGaps,
  evidenceItems,
  evidenceProfile,
  frameItems,
  gapMetricText,
  lessonBlocks,
  outcomeBlocks,
  paragraph,
  unitEconomics,
  whyStoppedBlocks,
} from './blocks.ts';
import { citationOf, type Facts } from './facts.ts';
import type { Block, DocumentModel, ListItem } from './model.ts';
import { capitalise, has, listing } from './text.ts';

/**
 * The PR/FAQ (working backwards): the press release the team would publish on the day it launches, written
 * only from the data (the statement, the frame, the success metric, the evidence: no invented quotes), then
 * the questions a customer and the company would ask, answered from the records or marked missing.
 */
export function buildPrFaq(f: Facts): DocumentModel {
  const st = f.statement;
  return assemble(
    'pr-faq',
    f,
    {
      'press-release': (m) => {
        const blocks: Block[] = [];
        if (!st) return [m('the idea statement the press release is written from', undefined, 'statement')];
        blocks.push({ type: 'paragraph', style: 'lead', text: `${capitalise(st.object)} that ${st.doesWhat}.` });
        blocks.push(
          paragraph(
            `Starting today, ${st.users} can get ${st.value} when ${st.situation}. It serves one goal: ${st.goal}.`,
          ),
        );
        const today = frameItems(f, ['currentState', 'coping']);
        if (today.length) blocks.push(paragraph(today.map((i) => i.text).join(' '), 'Until today'));
        const gap = gapMetricText(f);
        if (gap) blocks.push(paragraph(gap, 'What changes'));
        const voice = f.evidence[0];
        if (voice) {
          blocks.push({
            type: 'paragraph',
            label: 'In their words',
            text: voice.summary,
            cite: [citationOf(voice)],
          });
        }
        const first = f.input.opportunity.idea.successMetrics?.[0];
        if (!first) {
          blocks.push(
            m(
              'the success metric the launch is judged by',
              ['Which metric shows the launch worked, from which value to which target, by when?'],
              'criteria',
            ),
          );
        }
        blocks.push(
          m(
            'how customers get started and what it costs them',
            ['How does a customer start using it, and what does it cost them?'],
            'notYet',
          ),
        );
        return blocks;
      },
      lessons: (m) => [...whyStoppedBlocks(f, m), ...lessonBlocks(f, m)],
      outcomes: (m) => outcomeBlocks(f, m),
      'customer-faq': (m) => {
        const qa: ListItem[] = [];
        const who = f.frame.who ?? st?.users;
        if (has(who)) qa.push({ label: 'Who is it for?', text: who });
        if (st)
          qa.push({ label: 'What does it change for me?', text: `${capitalise(st.value)}, when ${st.situation}.` });
        const others = alternatives(f).map((a) => a.name);
        qa.push({
          label: 'What do people use today instead?',
          text: `${capitalise(listing(others))}.${has(f.frame.coping) ? ` ${f.frame.coping}` : ''}`,
        });
        const blocks: Block[] = [{ type: 'list', items: qa }];
        if (!st) blocks.push(m('what it changes for the customer', undefined, 'statement'));
        blocks.push(
          m('why a customer would switch', ['Why would a customer switch from what they use today?'], 'competitors'),
        );
        return blocks;
      },
      'internal-faq': (m) => {
        const blocks: Block[] = [];
        const criteria = criteriaItems(f);
        blocks.push({ type: 'heading', text: 'How will we know it worked, and when do we stop?' });
        if (criteria.length) blocks.push({ type: 'list', items: criteria });
        else blocks.push(m('success metrics and kill criteria', undefined, 'criteria'));
        blocks.push({ type: 'heading', text: 'What must be true for it to work?' });
        const risky = f.assumptions.slice(0, 3);
        if (risky.length) blocks.push({ type: 'list', ordered: true, items: risky.map((a) => assumptionItem(a)) });
        else blocks.push(m('the assumptions it rests on', undefined, 'assumptions'));
        blocks.push({ type: 'heading', text: 'What is the evidence?' });
        if (f.evidence.length) {
          blocks.push(paragraph(evidenceProfile(f.evidence)));
          blocks.push({ type: 'list', items: evidenceItems(f.evidence, 3, 200) });
        } else blocks.push(m('evidence from outside the team', undefined, 'evidence'));
        blocks.push({ type: 'heading', text: 'What does it cost, and what does it earn?' });
        const economics = unitEconomics(f);
        if (economics) blocks.push(economics);
        const gaps = economicsGaps(f);
        if (gaps.length) {
          blocks.push(
            m(
              `unit economics: ${listing(gaps)}`,
              [
                'What does a customer pay per month, and what share of it is gross margin?',
                'How many customers leave each month, and what does it cost to win one?',
              ],
              'economics',
            ),
          );
        }
        return blocks;
      },
    },
    { title: f.headline, subtitle: 'PR/FAQ' },
  );
}
