import {
  alternatives,
  assemble,
  assumptionItem,
  criteriaItems,
  dimensionNotesBlocks,
  economicsGaps,
  evidenceBlock,
  experimentsTable,
  frameItems,
  frameMissing,
  gapMetricText,
  goToMarketBlocks,
  leadsOverAlternatives,
  lessonBlocks,
  marketSize,
  outcomeBlocks,
  paragraph,
  plainScore,
  scoreExplanation,
  scoreMetrics,
  teamBlocks,
  unitEconomics,
  whyStoppedBlocks,
} from './blocks.ts';
import { evidenceFor, type Facts } from './facts.ts';
import { readGate } from './gate.ts';
import type { Block, DocumentModel, ListItem } from './model.ts';
import {
  featuresTable,
  happyPathBlock,
  mvpMetricItems,
  mvpOf,
  nonGoalItems,
  releasePlanBlock,
  uncutStories,
} from './mvp-blocks.ts';
import { capitalise, formatNumber, has, listing, oneLine, shorten } from './text.ts';

/** "a dispatch board", "an alert": the statement's object with its article, unless it has one. */
const withArticle = (object: string): string =>
  /^(a|an|the|our|their|one)\s/i.test(object) ? object : `${/^[aeiou]/i.test(object) ? 'an' : 'a'} ${object}`;

const objectiveText = (o: Facts['objectives'][number], northStar: string | undefined): string =>
  [
    o.title,
    o.keyMetric ? `: ${o.keyMetric}` : '',
    o.target ? `, target ${o.target}` : '',
    o.owner ? ` (owned by ${o.owner})` : '',
    northStar ? `; moves the North Star, ${northStar}` : '',
  ].join('');

/** The PRD in the method's four chapters (Discover, Define, Build, Launch), open questions and evidence. */
export function buildPrd(f: Facts): DocumentModel {
  const st = f.statement;
  const gate = readGate(f);
  const notes = (dimension: string): Block[] => dimensionNotesBlocks(f, dimension);

  return assemble(
    'prd',
    f,
    {
      summary: (m) => {
        const blocks: Block[] = [];
        const idea = f.statementText ?? (f.description ? shorten(f.description, 300) : '');
        if (idea) blocks.push({ type: 'paragraph', text: idea, style: 'lead' });
        const facts = [gapMetricText(f) ?? '', plainScore(f) ?? '', gate.verdict].filter(Boolean);
        blocks.push(paragraph(facts.join(' ')));
        blocks.push({
          type: 'table',
          columns: ['Owner', 'Status', 'Reviewers (assessors so far)', 'Target release'],
          rows: [
            [
              'not recorded',
              `${f.stageName}${f.decisions.at(-1)?.decidedAt ? ` since ${f.decisions.at(-1)!.decidedAt!.slice(0, 10)}` : ''}`,
              f.assessors.length ? listing(f.assessors) : 'none yet',
              'not recorded',
            ],
          ],
        });
        blocks.push(
          m(
            'the owner and the target release',
            ['Who owns this idea from here?', 'For which release, or by which date, is it planned?'],
            'notYet',
          ),
        );
        return blocks;
      },
      lessons: (m) => [...whyStoppedBlocks(f, m), ...lessonBlocks(f, m)],
      outcomes: (m) => outcomeBlocks(f, m),
      problem: (m) => {
        const blocks: Block[] = [];
        const items = frameItems(f, ['currentState', 'idealState', 'gap', 'coping', 'painEvidence']);
        if (items.length) blocks.push({ type: 'list', items });
        const g = gapMetricText(f);
        if (g) blocks.push(paragraph(g, 'Gap metric'));
        const ev = evidenceFor(f, 'problem-significance');
        if (ev.length) blocks.push({ type: 'heading', text: 'Evidence of the pain' }, evidenceBlock(ev, 5));
        const gaps = frameMissing(f, ['currentState', 'idealState', 'gap'], m);
        if (gaps) blocks.push(gaps);
        return blocks;
      },
      users: (m) => {
        const blocks: Block[] = [];
        const items = frameItems(f, ['who']);
        if (st) items.push({ label: 'Users', text: st.users }, { label: 'Situation', text: st.situation });
        if (items.length) blocks.push({ type: 'list', items });
        const classes = mvpOf(f)?.userClasses ?? [];
        if (classes.length) {
          blocks.push({
            type: 'table',
            caption: 'User classes from the MVP definition (step 2).',
            columns: ['User class', 'Needs', 'Pains', 'Success means'],
            rows: classes.map((c) => [c.name, c.needs ?? '', c.pains ?? '', c.successCriteria ?? 'not written yet']),
          });
        }
        if (!has(f.frame.who))
          blocks.push(m('who has the problem', ['Which specific people or segment feel the pain?']));
        return blocks;
      },
      market: (m) => {
        const items = frameItems(f, ['environment', 'dynamics']);
        const blocks: Block[] = items.length ? [{ type: 'list', items }] : [];
        const gaps = frameMissing(f, ['environment', 'dynamics'], m);
        if (gaps) blocks.push(gaps);
        return blocks;
      },
      'market-size': (m) => {
        const blocks = marketSize(f);
        if (has(f.economics?.notes)) blocks.push(paragraph(f.economics!.notes!, 'Economics notes'));
        if (!blocks.length) blocks.push(m('market size (TAM, SAM, SOM)'));
        return blocks;
      },
      competition: (m) => {
        const rows = alternatives(f);
        const blocks: Block[] = [
          {
            type: 'table',
            columns: ['Alternative', 'Kind', 'Price', 'Strengths', 'Weaknesses'],
            rows: rows.map((r) => [r.name, r.kind, r.price, r.strengths, r.weaknesses]),
          },
        ];
        if (!f.competitors.length) blocks.push(m('competitor records'));
        return blocks;
      },
      differentiators: (m) => {
        const blocks = [...notes('differentiation'), ...leadsOverAlternatives(f)];
        if (!blocks.length) blocks.push(m('why this is better than the alternatives'));
        return blocks;
      },
      opportunity: (m) => {
        const blocks: Block[] = [];
        if (f.statementText) blocks.push(paragraph(f.statementText, 'Idea'));
        else
          blocks.push(m('the idea statement', ['What is it, for which users, what does it do, to reach which goal?']));
        if (f.description) blocks.push(paragraph(f.description, 'Description'));
        const metrics = scoreMetrics(f);
        if (metrics) blocks.push(metrics);
        blocks.push(scoreExplanation(f));
        return blocks;
      },
      vision: (m) => {
        const blocks: Block[] = [];
        const items = frameItems(f, ['idealState']);
        if (st) items.push({ label: 'Goal', text: st.goal });
        if (items.length) blocks.push({ type: 'list', items });
        else blocks.push(m('the ideal state and the goal'));
        return blocks;
      },
      'value-proposition': (m) => {
        if (!st) return [m('the value users get', ['Which value do users get?', 'In which situation?'])];
        return [
          {
            type: 'list',
            items: [
              { label: 'For', text: st.users },
              { label: 'When', text: st.situation },
              { label: 'It', text: st.doesWhat },
              { label: 'They benefit by', text: st.value },
            ],
          },
        ];
      },
      'happy-path': (m) => {
        const blocks: Block[] = [];
        if (st) {
          blocks.push({
            type: 'list',
            items: [
              { label: 'Starts when', text: st.situation },
              { label: 'Ends with', text: st.value },
            ],
          });
        }
        const path = happyPathBlock(f);
        if (path) blocks.push({ type: 'heading', text: 'Steps' }, path);
        else blocks.push(m('the steps of the happy path'));
        return blocks;
      },
      'mvp-features': (m) => {
        const features = featuresTable(f);
        if (features) {
          const uncut = uncutStories(f);
          if (!uncut.length) return [features];
          return [
            features,
            m(`the cut for ${listing(uncut.map((s) => s.ref))}`, ['Must, should, could, or not this time?'], 'mvp'),
          ];
        }
        const blocks: Block[] = [];
        const first = f.input.opportunity.idea.successMetrics?.[0];
        if (st) {
          const acceptance = first
            ? `${oneLine(first.metric)} reaches ${formatNumber(first.target)}${has(first.unit) ? ` ${oneLine(first.unit)}` : ''}${first.byWhen ? ` by ${first.byWhen}` : ''}.`
            : 'No success metric is set yet.';
          blocks.push({
            type: 'table',
            caption:
              'Derived from the idea statement and its first success metric; further requirements are not recorded.',
            columns: ['Priority', 'Requirement', 'Acceptance criterion'],
            rows: [
              [
                'Must have',
                `As ${st.users}, I want ${withArticle(st.object)} that ${st.doesWhat}, so that I benefit by ${st.value}.`,
                acceptance,
              ],
            ],
          });
        }
        blocks.push(m('the MVP features, by priority, and their acceptance criteria'));
        return blocks;
      },
      'business-model': (m) => {
        const blocks: Block[] = [];
        if (st) blocks.push(paragraph(`${st.users} benefit by ${st.value}.`, 'Value created'));
        blocks.push(m('who pays, for what, through which channel'));
        return blocks;
      },
      'revenue-model': (m) => {
        const blocks: Block[] = [];
        const t = unitEconomics(f);
        if (t) blocks.push(t);
        const gaps = economicsGaps(f);
        if (gaps.length) blocks.push(m(`unit economics: ${listing(gaps)}`));
        return blocks;
      },
      goals: (m) => {
        const blocks: Block[] = [];
        const goals = [];
        // The workspace objectives it serves answer "which measurable goal" with a key metric and its owner.
        for (const o of f.objectives) goals.push({ label: 'Objective', text: objectiveText(o, f.northStar) });
        if (st) goals.push({ label: 'Goal', text: st.goal });
        const g = gapMetricText(f);
        if (g) goals.push({ label: 'Target', text: g });
        if (goals.length) blocks.push({ type: 'list', items: goals });
        else blocks.push(m('the goal', ['Which measurable goal does this serve?']));
        const nonGoals = nonGoalItems(f);
        if (nonGoals.length) blocks.push({ type: 'heading', text: 'Non-goals' }, { type: 'list', items: nonGoals });
        else blocks.push(m('non-goals', ['What will this deliberately not do?'], 'mvp'));
        return blocks;
      },
      hypotheses: (m) => {
        const value = f.assumptions.filter((a) => a.area === 'desirability' || a.area === 'usability');
        const growth = f.assumptions.filter((a) => a.area === 'viability');
        const blocks: Block[] = [{ type: 'heading', text: 'Value hypotheses' }];
        if (value.length) blocks.push({ type: 'list', items: value.map((a) => assumptionItem(a)) });
        else blocks.push(m('value hypotheses', ['What must be true for users to get the value?']));
        blocks.push({ type: 'heading', text: 'Growth hypotheses' });
        if (growth.length) blocks.push({ type: 'list', items: growth.map((a) => assumptionItem(a)) });
        else blocks.push(m('growth hypotheses', ['What must be true for it to spread and pay?']));
        return blocks;
      },
      'silent-assumptions': (m) => {
        const silent = f.assumptions.filter((a) => a.kind === 'silent');
        return silent.length
          ? [{ type: 'list', items: silent.map((a) => assumptionItem(a)) }]
          : [m('silent assumptions')];
      },
      risks: (m) => {
        const risky = f.assumptions;
        const blocks: Block[] = [];
        if (risky.length) {
          blocks.push(
            paragraph(
              'Riskiest first: importance weighed against how little is known about each (evidence and tests).',
            ),
          );
          blocks.push({ type: 'list', ordered: true, items: risky.map((a) => assumptionItem(a)) });
        }
        const riskNotes = notes('risk');
        if (riskNotes.length) blocks.push({ type: 'heading', text: 'Assessors on risk' }, ...riskNotes);
        if (!blocks.length) blocks.push(m('risks and assumptions'));
        return blocks;
      },
      experiments: (m) => {
        const t = experimentsTable(f);
        const blocks: Block[] = t ? [t] : [];
        const judged = f.experiments.filter((e) => e.observed !== undefined || e.moved.length);
        if (judged.length) {
          blocks.push({ type: 'heading', text: 'How each result was judged' });
          blocks.push({
            type: 'list',
            items: judged.map((e) => ({
              label: e.evaluation.ref,
              text: [e.evaluation.explanation, ...e.moved].join(' '),
            })),
          });
        }
        const learnings = f.experiments.filter((e) => has(e.learning));
        if (learnings.length) {
          blocks.push({ type: 'heading', text: 'Learnings' });
          blocks.push({ type: 'list', items: learnings.map((e) => ({ label: e.metric, text: e.learning! })) });
        }
        const untested = f.assumptions.filter((a) => a.importance >= 4 && a.status === 'untested');
        if (untested.length) {
          blocks.push({ type: 'heading', text: 'High-importance assumptions without an experiment' });
          blocks.push({ type: 'list', items: untested.map((a) => assumptionItem(a)) });
        }
        if (!t) blocks.push(m('experiments with success and kill criteria'));
        return blocks;
      },
      technology: (m) => {
        const blocks = notes('feasibility');
        if (!blocks.length) blocks.push(m('the technology and its hardest part'));
        return blocks;
      },
      roadmap: (m) => {
        const blocks: Block[] = [];
        const dated = f.experiments.filter((e) => e.deadline && e.status !== 'completed');
        if (dated.length) {
          blocks.push({ type: 'heading', text: 'Validation plan' });
          blocks.push({
            type: 'table',
            columns: ['By', 'Experiment', 'Status'],
            rows: [...dated]
              .sort((a, b) => a.deadline!.localeCompare(b.deadline!))
              .map((e) => [e.deadline!, e.hypothesis, e.status]),
          });
        }
        const reviews = f.decisions.filter((d) => d.reviewOn);
        if (reviews.length) {
          blocks.push({
            type: 'list',
            items: reviews.map((d) => ({ label: `Review on ${d.reviewOn}`, text: d.rationale })),
          });
        }
        const plan = releasePlanBlock(f);
        if (plan) blocks.push({ type: 'heading', text: 'MVP release plan' }, plan);
        else blocks.push(m('the MVP release plan'));
        return blocks;
      },
      team: (m) => {
        const blocks: Block[] = [];
        if (f.launchPlan?.team?.length) blocks.push({ type: 'heading', text: 'The team that would build it' });
        blocks.push(...teamBlocks(f, m));
        if (f.people.length) {
          blocks.push({ type: 'heading', text: 'People involved so far' });
          blocks.push({ type: 'list', items: f.people.map((p) => ({ label: p.name, text: p.role })) });
        }
        return blocks;
      },
      'go-to-market': (m) => goToMarketBlocks(f, m),
      milestones: (m) => {
        const items: ListItem[] = [];
        for (const e of [...f.experiments]
          .filter((x) => x.deadline && x.status !== 'completed')
          .sort((a, b) => a.deadline!.localeCompare(b.deadline!))) {
          items.push({ label: e.deadline!, text: `Result due: ${e.metric}.` });
        }
        for (const s of f.input.opportunity.idea.successMetrics ?? []) {
          if (s.byWhen)
            items.push({ label: s.byWhen, text: `Target due: ${oneLine(s.metric)} at ${formatNumber(s.target)}.` });
        }
        for (const d of f.decisions.filter((x) => x.reviewOn)) {
          items.push({ label: d.reviewOn!, text: 'Gate review.' });
        }
        items.sort((a, b) => a.label!.localeCompare(b.label!));
        const blocks: Block[] = items.length ? [{ type: 'list', items }] : [];
        blocks.push(m('the release dates (beta, launch, review)', undefined, 'notYet'));
        return blocks;
      },
      approvals: (m) => {
        const blocks: Block[] = [];
        if (f.decisions.length) {
          blocks.push({
            type: 'table',
            columns: ['Date', 'Gate', 'Outcome', 'By'],
            rows: f.decisions.map((d) => [
              d.decidedAt?.slice(0, 10) ?? '',
              `${d.fromStage} → ${d.toStage}`,
              d.outcome,
              d.decidedBy ?? 'not recorded',
            ]),
          });
        }
        blocks.push(m('who signs off next', ['Who approves the next gate, and by when?'], 'notYet'));
        return blocks;
      },
      'success-metrics': (m) => {
        const items = criteriaItems(f);
        const g = gapMetricText(f);
        if (g) items.push({ label: 'Outcome', text: g });
        items.push(...mvpMetricItems(f));
        for (const e of f.experiments) {
          if (e.success) items.push({ label: 'Validation', text: `${e.metric} ${e.success}` });
        }
        return items.length ? [{ type: 'list', items }] : [m('success metrics and their targets')];
      },
      'open-questions': (m) => {
        if (!f.findings) return [m('the challenger has not run on this idea')];
        if (!f.findings.length) return [paragraph('The challenger found no open questions.')];
        return [
          {
            type: 'list',
            ordered: true,
            items: f.findings.map((x) => ({ label: capitalise(x.severity), text: `${x.next} ${x.explanation}` })),
          },
        ];
      },
      evidence: (m) => (f.evidence.length ? [evidenceBlock(f.evidence)] : [m('evidence')]),
    },
    { title: f.headline, subtitle: 'Product requirements document', toc: true },
  );
}
