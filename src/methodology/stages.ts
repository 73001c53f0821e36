import type { Origin } from './version.ts';
import type { Severity } from './weaknesses.ts';

export const STAGE_IDS = ['discovery', 'validation', 'realization', 'launched', 'parked', 'killed'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export const ACTIVE_STAGES = ['discovery', 'validation', 'realization'] as const satisfies readonly StageId[];

export const OUTCOME_IDS = ['advance', 'park', 'kill', 'merge', 'reopen'] as const;
export type OutcomeId = (typeof OUTCOME_IDS)[number];

export interface StageDefinition {
  id: StageId;
  name: string;
  origin: Origin;
  purpose: string;
  /** What should be true before an idea leaves this stage forwards: the gate's default checklist. */
  exitCriteria: string[];
}

export const STAGES: readonly StageDefinition[] = [
  {
    id: 'discovery',
    name: 'Discovery',
    origin: 'method',
    purpose: 'Understand the problem: who has it, how much it hurts, and whether it is worth solving.',
    exitCriteria: [
      'The problem is framed: current state, ideal state and the gap between them.',
      'There is evidence beyond the submitter that the pain is real.',
      'All nine dimensions have been scored by at least one assessor.',
    ],
  },
  {
    id: 'validation',
    name: 'Validation',
    origin: 'method',
    purpose: 'Test the riskiest assumptions with experiments whose success criteria were written first.',
    exitCriteria: [
      'The riskiest assumptions have been tested against pre-registered criteria.',
      'Demand is shown by behaviour (experiments or paying customers), not only by opinion.',
      'The economics can work.',
    ],
  },
  {
    id: 'realization',
    name: 'Realization',
    origin: 'method',
    purpose: 'Build and ship the minimum viable product, tied to outcomes.',
    exitCriteria: ['The MVP is defined and built.', 'Success metrics and their targets are agreed.'],
  },
  {
    id: 'launched',
    name: 'Launched',
    origin: 'vetted',
    purpose: 'In the hands of customers; product-market-fit signals are tracked.',
    exitCriteria: [],
  },
  {
    id: 'parked',
    name: 'Parked',
    origin: 'vetted',
    purpose: 'Sound but not now: kept, with a review date, and can be reopened.',
    exitCriteria: [],
  },
  {
    id: 'killed',
    name: 'Killed',
    origin: 'vetted',
    purpose: 'Stopped for good, with the reasons recorded so the lesson is not lost.',
    exitCriteria: [],
  },
];

/**
 * Finding ideas that need attention across a portfolio: an idea no one has changed for this many days is
 * stale (the list's "stale" filter), and "has findings" means open challenger findings of these severities,
 * the ones the gate dialog puts in front of a decision.
 */
export const PORTFOLIO_FILTERS = {
  staleAfterDays: 90,
  findingSeverities: ['critical', 'high'] as const satisfies readonly Severity[],
};
