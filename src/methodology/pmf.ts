import type { Origin } from './version.ts';

/**
 * Product-market fit as four signals that must converge, with two guards. The four signals, the guards, the
 * 40 % "very disappointed" line of the Sean Ellis survey and the four levels are named by the method; every
 * other number here (the moderate bands, the minimum sample, what counts as a flattening curve) is Vetted's
 * own, kept as data so a workspace can argue with it.
 */

export const PMF_SIGNAL_IDS = ['desirability', 'retention', 'economics', 'organic'] as const;
export type PmfSignalId = (typeof PMF_SIGNAL_IDS)[number];

export const PMF_GUARD_IDS = ['support-tickets', 'onboarding'] as const;
export type PmfGuardId = (typeof PMF_GUARD_IDS)[number];

/** Weakest first: the order in which a signal holds the others back. */
export const PMF_STATUSES = ['not-measured', 'weak', 'moderate', 'strong'] as const;
export type PmfStatus = (typeof PMF_STATUSES)[number];

export const PMF_GUARD_STATUSES = ['not-measured', 'fails', 'holds'] as const;
export type PmfGuardStatus = (typeof PMF_GUARD_STATUSES)[number];

export const PMF_LEVELS = ['nascent', 'developing', 'strong', 'extreme'] as const;
export type PmfLevel = (typeof PMF_LEVELS)[number];

export const PMF_THRESHOLDS = {
  /** Sean Ellis: at least this share of users "very disappointed" without the product (origin: method). */
  veryDisappointedStrong: 0.4,
  /** Vetted: a share from this up to the line is a moderate signal. */
  veryDisappointedModerate: 0.25,
  /** Vetted: below this many answers a survey is at most a moderate signal, whatever it says. */
  surveyMinSample: 30,
  /** z for the two-sided 95 % confidence interval (Wilson score interval). */
  confidenceZ: 1.959964,
  /** Retention is read at this day of each cohort's life. */
  retentionDay: 30,
  /** Vetted: the trend is read over the most recent cohorts, this many. */
  recentCohorts: 3,
  /** Vetted: a change in D30 across the recent cohorts smaller than this is flat. */
  trendTolerance: 0.02,
  /** Vetted: the pooled curve flattens when its last segment loses at most this share per 30 days. */
  flatteningDropPer30Days: 0.05,
  /** Vetted: D30 at or above this, on a flattening curve that is not falling, is strong; below it moderate. */
  d30Strong: 0.2,
  /** Organic pull: the share of new users from organic channels (origin: method). */
  organicStrong: 0.3,
  /** Vetted: the moderate band for organic pull. */
  organicModerate: 0.15,
  /** Guard: onboarding completion above this holds (origin: method). */
  onboardingCompletion: 0.7,
} as const;

export interface PmfSignalWords {
  id: PmfSignalId;
  name: string;
  origin: Origin;
  /** What it measures, in one line. */
  measures: string;
  /** The question to answer when this signal holds the others back. */
  question: string;
}

export const PMF_SIGNALS: readonly PmfSignalWords[] = [
  {
    id: 'desirability',
    name: 'Desirability',
    origin: 'method',
    measures: 'Share of users who would be "very disappointed" without the product (Sean Ellis survey).',
    question: 'Which users would be very disappointed without it, and what do they have in common? Build for them.',
  },
  {
    id: 'retention',
    name: 'Retention',
    origin: 'method',
    measures: 'Day-30 retention per cohort, its trend across recent cohorts, and whether the curve flattens.',
    question: 'Where does the retention curve keep falling, and what do the users who stay do differently?',
  },
  {
    id: 'economics',
    name: 'Economics',
    origin: 'method',
    measures: 'LTV/CAC above 3 and payback within 18 months, from the unit economics.',
    question: 'Which lever brings LTV/CAC above 3 with payback inside 18 months: price, churn or a cheaper channel?',
  },
  {
    id: 'organic',
    name: 'Organic pull',
    origin: 'method',
    measures: 'Share of new users who arrive through organic channels (word of mouth, search, referral).',
    question: 'Why do so few users arrive without being paid for, and what would make current users bring others?',
  },
];

export const PMF_GUARDS: readonly { id: PmfGuardId; name: string; measures: string; question: string }[] = [
  {
    id: 'support-tickets',
    name: 'Support tickets per user falling',
    measures: 'Support tickets per active user, period after period: they must fall as the product matures.',
    question: 'What makes users need support more, and would support hold if twice as many arrived?',
  },
  {
    id: 'onboarding',
    name: 'Onboarding completion above 70 %',
    measures: 'Share of new users who finish onboarding.',
    question: 'Where do new users give up during onboarding, and what would carry them through?',
  },
];

export const PMF_LEVEL_WORDS: Record<PmfLevel, string> = {
  nascent: 'Nascent: fewer than two signals are even moderate.',
  developing: 'Developing: signals are appearing but fewer than three are strong.',
  strong: 'Strong: at least three signals are strong; not yet all four with the guards holding.',
  extreme: 'Extreme: all four signals are strong and the guards hold. Ready to scale.',
};

/** Asked whenever scaling is considered (origin: method). */
export const PMF_SCALE_QUESTION = 'If acquisition doubled tomorrow, would retention, economics and support hold?';

/** The answers a Sean Ellis survey takes, and the words that recognise them in an export. */
export const SEAN_ELLIS_ANSWERS = ['very', 'somewhat', 'not', 'not-applicable'] as const;
export type SeanEllisAnswer = (typeof SEAN_ELLIS_ANSWERS)[number];
export const SEAN_ELLIS_PATTERNS: readonly { answer: SeanEllisAnswer; pattern: RegExp }[] = [
  { answer: 'very', pattern: /^very\b/i },
  { answer: 'somewhat', pattern: /^somewhat\b/i },
  { answer: 'not', pattern: /^not\b.*disappointed/i },
  { answer: 'not-applicable', pattern: /^(n\/?a\b|not applicable|i no longer use|no longer)/i },
];
