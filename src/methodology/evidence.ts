export const EVIDENCE_KINDS = [
  'quote',
  'data-point',
  'interview-note',
  'survey-result',
  'experiment-result',
  'revenue-signal',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Ordered weakest to strongest: what people do outweighs what they say. */
export const EVIDENCE_STRENGTHS = ['anecdote', 'interview', 'survey', 'experiment', 'paying'] as const;
export type EvidenceStrength = (typeof EVIDENCE_STRENGTHS)[number];

export const STRENGTH_LABELS: Record<EvidenceStrength, string> = {
  anecdote: 'Anecdote',
  interview: 'Interview',
  survey: 'Survey',
  experiment: 'Experiment',
  paying: 'Paying behaviour',
};

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

export const CHANNELS = ['web', 'api', 'cli', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * "I have this problem too": a colleague saying they share the problem is demand evidence of the weakest
 * kind, an anecdote. It is counted and shown as a count; it never enters a score or a sort, because how many
 * people clicked says more about who saw the idea than about the problem (the method's answer to votes).
 */
export const DEMAND_SIGNAL = {
  label: 'I have this problem too',
  strength: 'anecdote',
  contextPrompt: 'Where do you run into it? (optional, one line)',
  contextMaxLength: 200,
  explanation:
    'Colleagues who share the problem: anecdote-strength demand evidence. Counted, never a score, and it does not move the ranking.',
} as const satisfies { strength: EvidenceStrength } & Record<string, unknown>;
