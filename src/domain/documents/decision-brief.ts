import { GATE_OPTIONS } from '../../methodology/index.ts';
import {
  assemble,
  assumptionItem,
  criteriaItems,
  dimensionNotesBlocks,
  evidenceBlock,
  evidenceProfile,
  findingsBlocks,
  lessonBlocks,
  outcomeBlocks,
  paragraph,
  plainScore,
  scoreChart,
  scoreMetrics,
  scoreTable,
  whyStoppedBlocks,
} from './blocks.ts';
import type { Facts } from './facts.ts';
import { readGate } from './gate.ts';
import type { Block, DocumentModel, ListItem } from './model.ts';
import { capitalise, clean, plural } from './text.ts';

const EVIDENCE_SHOWN = 10;

/** The decision brief for a stage gate. */
export function buildDecisionBrief(f: Facts): DocumentModel {
  const gate = readGate(f);
  const open = f.assumptions.filter((a) => a.status !== 'supported');
  return assemble(
    'decision-brief',
    f,
    {
      recommendation: () => {
        const r = f.recommendation;
        const blocks: Block[] = [
          { type: 'paragraph', text: gate.verdict, style: 'lead' },
          paragraph(clean(r.summary), 'Experiments'),
          { type: 'list', items: r.reasons.map((x) => ({ text: clean(x.text) })) },
          ...(r.suggestedOutcome ? [paragraph(`${capitalise(r.suggestedOutcome)}.`, 'Suggested gate outcome')] : []),
          paragraph(
            "The verdict follows the experiments' pre-registered criteria, the exit criteria follow the stage: both are Vetted's reading of the data; the decision is the gate's.",
          ),
        ];
        if (gate.warnings.length) {
          blocks.push({ type: 'list', items: gate.warnings.map((text) => ({ label: 'Warning', text })) });
        }
        const last = f.decisions.at(-1);
        if (last) {
          blocks.push(
            paragraph(
              `${capitalise(last.outcome)} from ${last.fromStage} to ${last.toStage}${last.decidedAt ? ` on ${last.decidedAt.slice(0, 10)}` : ''}${last.decidedBy ? ` by ${last.decidedBy}` : ''}: ${last.rationale}`,
              'Last decision',
            ),
          );
        }
        return blocks;
      },
      lessons: (m) => [...whyStoppedBlocks(f, m), ...lessonBlocks(f, m)],
      outcomes: (m) => outcomeBlocks(f, m),
      options: () => {
        if (!gate.next) return [];
        const fill = (t: string) => t.replaceAll('{next}', gate.next!.name).replaceAll('{stage}', gate.stageName);
        const suggested = f.recommendation.suggestedOutcome;
        const ready = !gate.verdict.startsWith('Not ready');
        const items: ListItem[] = (['advance', 'stay', 'park', 'kill'] as const).map((o) => ({
          label:
            (o === 'advance' && ready) || (o === 'stay' && !ready) || o === suggested
              ? `${fill(GATE_OPTIONS[o].label)} (what the data points to)`
              : fill(GATE_OPTIONS[o].label),
          text: capitalise(fill(GATE_OPTIONS[o].text)),
        }));
        return [{ type: 'list', items }];
      },
      commitment: (m) => {
        const blocks: Block[] = [];
        const next = f.experiments
          .filter((e) => e.status !== 'completed' && e.deadline)
          .sort((a, b) => a.deadline!.localeCompare(b.deadline!))[0];
        const review = f.decisions.filter((d) => d.reviewOn).at(-1)?.reviewOn;
        const items: ListItem[] = [];
        if (next) items.push({ label: 'Next deadline', text: `${next.deadline}: ${next.metric} (${next.verdict}).` });
        if (review) items.push({ label: 'Review on', text: `${review}.` });
        if (f.submitter) items.push({ label: 'Submitted by', text: `${f.submitter} (not necessarily the owner).` });
        if (items.length) blocks.push({ type: 'list', items });
        blocks.push(
          m(
            'the cost of the next stage, its owner and the date the gate must decide by',
            [
              'What would the next stage cost in money, people and time?',
              'Who owns the next step, and by when must the gate decide?',
            ],
            'notYet',
          ),
        );
        return blocks;
      },
      criteria: () => {
        const own = criteriaItems(f);
        const stated: Block[] = own.length
          ? [paragraph("The idea's own success metrics and kill criteria:"), { type: 'list', items: own }]
          : [paragraph('The idea states no success metric and no kill criteria of its own.')];
        if (!gate.checks.length) return [paragraph(`The ${gate.stageName} stage has no exit criteria.`), ...stated];
        return [
          {
            type: 'table',
            columns: ['Exit criterion', 'Status', 'Basis'],
            rows: gate.checks.map((c) => [c.criterion, c.status, c.basis]),
          },
          ...stated,
        ];
      },
      findings: (m) => findingsBlocks(f, m, gate.blocking),
      evidence: (m) => {
        if (!f.evidence.length) return [m('evidence from outside the team')];
        const blocks: Block[] = [paragraph(evidenceProfile(f.evidence), 'Strongest first')];
        blocks.push(evidenceBlock(f.evidence, EVIDENCE_SHOWN));
        const rest = f.evidence.length - EVIDENCE_SHOWN;
        if (rest > 0) {
          blocks.push(
            paragraph(
              `${capitalise(plural(rest, 'weaker record'))} ${rest === 1 ? 'is' : 'are'} in the PRD's evidence appendix.`,
            ),
          );
        }
        return blocks;
      },
      scores: (m) => {
        const metrics = scoreMetrics(f);
        if (!metrics) return [m('a score')];
        const blocks: Block[] = [metrics];
        const plain = plainScore(f);
        if (plain) blocks.push(paragraph(plain));
        const chart = scoreChart(f);
        if (chart) blocks.push(chart);
        const table = scoreTable(f);
        if (table) blocks.push(table);
        return blocks;
      },
      risks: (m) => {
        const blocks: Block[] = [];
        if (open.length) {
          blocks.push(paragraph('Assumptions not yet supported by an experiment, riskiest first.'));
          blocks.push({ type: 'list', ordered: true, items: open.map((a) => assumptionItem(a)) });
        }
        blocks.push(...dimensionNotesBlocks(f, 'risk', 'Assessors on risk'));
        if (!blocks.length) blocks.push(m('open risks'));
        return blocks;
      },
      change: (m) => {
        const items: ListItem[] = [];
        for (const c of gate.checks.filter((x) => x.status === 'not met')) {
          items.push({ label: 'If this criterion were met', text: `${c.criterion} Today: ${c.basis}` });
        }
        for (const e of f.experiments.filter((x) => x.status !== 'completed')) {
          const stop = e.kill ? `${e.metric} at ${e.kill} says stop` : `${e.metric} has no kill line yet`;
          const go = e.success ? `; at ${e.success} it says go` : '';
          items.push({ label: 'Pending experiment', text: `${e.hypothesis} ${capitalise(stop)}${go}.` });
        }
        for (const a of open.filter((x) => x.importance >= 4 && x.status === 'untested')) {
          items.push({ label: 'If this proves false', text: a.statement, cite: a.cite });
        }
        for (const d of f.score.dimensions.filter((x) => (x.spread ?? 0) >= 2)) {
          items.push({
            label: 'If the assessors converge',
            text: `${d.name}: scores range from ${d.min} to ${d.max}.`,
          });
        }
        return items.length ? [{ type: 'list', items }] : [m('what would change the decision')];
      },
      history: (m) => {
        if (!f.decisions.length) return [m('earlier gate decisions', ['Has this idea been through a gate before?'])];
        return [
          {
            type: 'table',
            columns: ['Date', 'Move', 'Outcome', 'By', 'Rationale'],
            rows: f.decisions.map((d) => [
              d.decidedAt?.slice(0, 10) ?? '',
              `${d.fromStage} → ${d.toStage}`,
              d.outcome,
              d.decidedBy ?? '',
              d.rationale,
            ]),
          },
        ];
      },
    },
    { title: f.headline, subtitle: 'Decision brief' },
  );
}
