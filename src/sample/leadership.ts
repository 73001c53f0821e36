import type { OtherRaterGroupId, PersonStageId, TraitId } from '../methodology/index.ts';

/**
 * The sample team's leadership cycle (Tollvane, fictional): Daniel Osei's closed 360, his plan, the summary
 * he shows the owner, and one closed pulse round, so a fresh `npm start` shows every part. People are
 * named as in portfolio.json; scores are in the framework's trait order.
 */
export interface SampleRater {
  name: string;
  group: OtherRaterGroupId;
  consent?: boolean;
  scores: number[];
  examples?: Partial<Record<TraitId, string>>;
}

export interface SampleLeadership {
  subject: string;
  self: number[];
  selfExamples: Partial<Record<TraitId, string>>;
  raters: SampleRater[];
  stage: PersonStageId;
  planNote: string;
  sharedWith: string;
  pulse: { openedBy: string; answers: { name: string; scores: number[] }[] };
}

export const SAMPLE_LEADERSHIP: SampleLeadership = {
  subject: 'Daniel Osei',
  self: [4, 4, 3, 3, 3, 4, 4, 4, 4],
  selfExamples: {
    'product-user-sense': 'Rewrote the carrier onboarding brief after sitting with three dispatchers.',
  },
  raters: [
    {
      name: 'Marit Ellingsen',
      group: 'manager',
      consent: true,
      scores: [4, 3, 3, 3, 3, 3, 4, 2, 4],
      examples: { 'innovation-streamlining': 'Gate reviews still wait for him to call them.' },
    },
    {
      name: 'Tomasz Wierzbicki',
      group: 'report',
      scores: [4, 4, 3, 3, 2, 3, 4, 2, 4],
      examples: { 'ability-to-execute': 'Pivoted the route-planning pilot within a week of the kill signal.' },
    },
    {
      name: 'Lucía Ferrer',
      group: 'report',
      scores: [5, 3, 3, 3, 3, 4, 3, 2, 4],
      examples: { 'innovation-streamlining': 'Each experiment is set up from scratch; there is no template.' },
    },
    {
      name: 'Kwame Asante',
      group: 'report',
      scores: [4, 4, 3, 2, 3, 3, 4, 3, 5],
    },
    // Two peers: below the threshold, so the summary shows neither.
    { name: 'Priya Raman', group: 'peer', scores: [3, 3, 3, 3, 3, 3, 3, 3, 3] },
    { name: 'Hannah Lindqvist', group: 'peer', scores: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
  ],
  stage: 'mid',
  planNote: 'Ran the gate review for the fuel-card idea with the kill criteria written beforehand.',
  sharedWith: 'Marit Ellingsen',
  pulse: {
    openedBy: 'Marit Ellingsen',
    // In PULSE_STATEMENTS order; the second and fifth are the reversed ones.
    answers: [
      { name: 'Daniel Osei', scores: [4, 2, 4, 3, 2, 4] },
      { name: 'Priya Raman', scores: [4, 2, 5, 4, 2, 4] },
      { name: 'Tomasz Wierzbicki', scores: [3, 3, 4, 3, 3, 4] },
      { name: 'Lucía Ferrer', scores: [4, 2, 4, 3, 3, 5] },
      { name: 'Kwame Asante', scores: [3, 2, 4, 4, 2, 4] },
      { name: 'Hannah Lindqvist', scores: [5, 1, 5, 4, 2, 5] },
    ],
  },
};
