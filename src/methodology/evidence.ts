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
