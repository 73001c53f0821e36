import type { EvidenceStrength } from './evidence.ts';
import type { Origin } from './version.ts';

/**
 * The challenger's words as data: the kinds of weakness it looks for, the thresholds it applies, the word
 * lists its text checks use, and every rule's name, description, default severity and the sentences it
 * speaks. The rules' logic lives in `src/domain/challenger/`; change a sentence here, not there.
 *
 * Templates use `{name}` placeholders; the rule supplies the values (figures, dates, quoted text) so every
 * explanation cites the data it looked at.
 */

/** The kinds of weakness, part of the API: a finding has exactly one. */
export const WEAKNESS_KIND_IDS = [
  'unsupported-score',
  'anecdotal-demand',
  'solution-as-problem',
  'vague-user',
  'no-success-metric',
  'no-kill-criteria',
  'moved-goalposts',
  'untested-riskiest-assumption',
  'silent-assumption-unexamined',
  'stale-evidence',
  'single-source-evidence',
  'assessor-disagreement',
  'optimism-gap',
  'economics-unviable',
  'market-top-down-only',
  'serves-no-objective',
] as const;
export type WeaknessKindId = (typeof WEAKNESS_KIND_IDS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface WeaknessKind {
  id: WeaknessKindId;
  name: string;
  origin: Origin;
  /** What the weakness is, in one or two sentences: the definition the evaluation cases are labelled by. */
  description: string;
}

export const WEAKNESS_KINDS: readonly WeaknessKind[] = [
  {
    id: 'unsupported-score',
    name: 'Unsupported score',
    origin: 'vetted',
    description:
      "A score stands on nothing it can show: no evidence at all behind it, evidence below what the score's own " +
      'anchor names, or a cited piece of evidence that does not exist. Scores with weak evidence are optimism-gap.',
  },
  {
    id: 'anecdotal-demand',
    name: 'Anecdotal demand',
    origin: 'vetted',
    description:
      'The case for demand rests on anecdotes, beliefs or what the team heard second-hand; or, past discovery, only on ' +
      'what people said rather than on what they did.',
  },
  {
    id: 'solution-as-problem',
    name: 'Solution posing as the problem',
    origin: 'vetted',
    description: 'The problem is framed as the absence of the proposed solution ("there is no app for ...").',
  },
  {
    id: 'vague-user',
    name: 'Vague user',
    origin: 'vetted',
    description: 'Who has the problem is missing or too broad to find, interview or target.',
  },
  {
    id: 'no-success-metric',
    name: 'No success metric',
    origin: 'vetted',
    description:
      'Nothing says in a number what success looks like: no success metric with a target for the idea (required from ' +
      'Validation on; in Discovery asked for when nothing in the frame is measured yet), an experiment without a ' +
      'success threshold, or a metric too vague to count.',
  },
  {
    id: 'no-kill-criteria',
    name: 'No kill criteria',
    origin: 'vetted',
    description:
      'Nothing says when to stop: no kill criteria for the idea from Validation on, experiments without a kill ' +
      "threshold or with one looser than the idea's, hypotheses that cannot be wrong, thresholds that leave no room " +
      'to fail, or validation with no test and no kill criteria at all.',
  },
  {
    id: 'moved-goalposts',
    name: 'Moved goalposts',
    origin: 'vetted',
    description:
      'Success criteria changed after an experiment started, or success was declared although the registered ' +
      'threshold was missed.',
  },
  {
    id: 'untested-riskiest-assumption',
    name: 'Riskiest assumption untested',
    origin: 'vetted',
    description:
      'The assumption that could sink the idea has not been tested, the tests chose safer bets, or no assumptions ' +
      'were written down at all although the idea is past discovery.',
  },
  {
    id: 'silent-assumption-unexamined',
    name: 'Silent assumption unexamined',
    origin: 'method',
    description:
      'The frame, scores or economics rest on something never stated or never checked: that people will switch from ' +
      'the alternatives the team itself lists, that a channel exists at the stated CAC, that the stated margin holds, ' +
      'that people will pay the stated price, that customers stay as long as the stated churn implies; or a silent ' +
      'assumption was surfaced and then never examined.',
  },
  {
    id: 'stale-evidence',
    name: 'Stale evidence',
    origin: 'vetted',
    description:
      'The evidence is old enough that the market, the people or the alternatives may have moved, or dated in the ' +
      'future, so its age cannot be known.',
  },
  {
    id: 'single-source-evidence',
    name: 'Single-source evidence',
    origin: 'vetted',
    description: 'The evidence comes from one source: one customer, one person, one report.',
  },
  {
    id: 'assessor-disagreement',
    name: 'Assessors disagree',
    origin: 'vetted',
    description: 'Assessors disagree enough that a mean would hide a real difference of view.',
  },
  {
    id: 'optimism-gap',
    name: 'Optimism gap',
    origin: 'vetted',
    description:
      'Expectations run ahead of what the team has already seen: scores a point or more above what their (weak) ' +
      'evidence carries, demand scored high while its only test failed or has no result, high ratings despite failed ' +
      'tests, prioritisation confidence without behavioural evidence, an implausible share of the market.',
  },
  {
    id: 'economics-unviable',
    name: 'Unviable economics',
    origin: 'vetted',
    description:
      'On the stated figures the unit economics do not work: LTV/CAC below 3, payback beyond 18 months, or a ' +
      'negative contribution margin.',
  },
  {
    id: 'market-top-down-only',
    name: 'Top-down market only',
    origin: 'vetted',
    description:
      'The market size comes only from a share of a big published number, never built up from customers and price.',
  },
  {
    id: 'serves-no-objective',
    name: 'Serves no objective',
    origin: 'vetted',
    description:
      'The workspace has team objectives under its North Star, and the idea, still in the pipeline, names none that ' +
      'it serves: its strategic fit is asserted, not shown.',
  },
];

/** The figures the rules compare against. Vetted's own calibration unless noted. */
export const CHALLENGE_THRESHOLDS = {
  /** A score at or above this needs evidence. */
  highScore: 4,
  /** Evidence older than this many days is stale. */
  staleAfterDays: 365,
  /** Spread (max - min) across assessors on one dimension that counts as disagreement, and as strong disagreement. */
  disagreementSpread: 2,
  strongDisagreementSpread: 3,
  /** Difference between two assessors' mean scores over the dimensions both scored. */
  assessorMeanGap: 1.25,
  /** Common SaaS rules of thumb (origin: widely published practice). */
  ltvToCacMin: 3,
  paybackMonthsMax: 18,
  /** A serviceable obtainable market above this share of the serviceable market is optimism. */
  somShareOfSamMax: 0.2,
  somShareOfTamMax: 0.05,
  /** Prioritisation inputs that claim high confidence. */
  riceConfidenceHigh: 0.8,
  iceConfidenceHigh: 8,
  /** Monthly churn at or below this implies customers stay for years: a claim that needs support. */
  lowMonthlyChurn: 0.015,
  /** More distinct segments than this in "who has it" is "everyone" in disguise. */
  maxSegments: 3,
  /** An assumption this important or more can sink the idea. */
  importantAssumption: 4,
  /** A pivot needs something that held: a passed test on an assumption at least this important. */
  heldForPivot: 3,
  /** A dimension scored this many points above the height its evidence carries is optimism. */
  optimismGapPoints: 1,
  /** An assumption is known enough from this evidence level (0..1) on. */
  knownEvidenceLevel: 0.5,
} as const;

/**
 * How well an assumption is known, 0..1, from the strongest evidence linked to it; an experiment that tested it
 * counts as at least `experiment`. Vetted's own calibration, in the spirit of the score discounts.
 */
export const ASSUMPTION_EVIDENCE_LEVEL: Record<EvidenceStrength | 'none', number> = {
  none: 0,
  anecdote: 0.1,
  interview: 0.3,
  survey: 0.45,
  experiment: 0.75,
  paying: 0.9,
};

/**
 * The least evidence strength a score needs on dimensions whose anchors name the evidence (index 0 is score 1).
 * Certainty of demand's anchors: 2 = anecdotes, 3 = structured interviews or a survey, 4 = an experiment showing
 * behaviour, 5 = people have paid.
 */
export const SCORE_EVIDENCE_FLOOR: Record<string, readonly (EvidenceStrength | null)[]> = {
  'certainty-of-demand': [null, 'anecdote', 'interview', 'experiment', 'paying'],
};

/** Which dimensions speak for an assumption area, to see whether scores ignore a failed test. */
export const AREA_DIMENSIONS: Record<string, readonly string[]> = {
  // Experiments test a solution: a failed desirability test speaks against demand, not against the pain.
  desirability: ['certainty-of-demand'],
  usability: ['certainty-of-demand'],
  viability: ['business-impact', 'cost-efficiency'],
  feasibility: ['feasibility', 'time-to-value'],
  ethics: ['risk'],
};

/** Word lists for the text checks (matched on lower-cased root forms from the NLP tagger). */
export const CHALLENGE_WORDS = {
  /** Nouns that name a solution rather than a problem. */
  solutionNouns: [
    'app',
    'application',
    'platform',
    'tool',
    'dashboard',
    'portal',
    'chatbot',
    'bot',
    'feature',
    'integration',
    'software',
    'solution',
    'system',
    'website',
    'marketplace',
    'api',
    'plugin',
    'extension',
    'widget',
    'module',
    'assistant',
    'crm',
    'saas',
    'automation',
    'ai',
  ],
  /** Words that introduce an absence or a want: "no", "lack of", "need a". */
  absenceWords: ['no', 'lack', 'lacks', 'lacking', 'without', 'missing', 'absence', 'need', 'needs', 'want', 'wants'],
  /** Head nouns that name nobody in particular. */
  genericUserNouns: [
    'user',
    'users',
    'people',
    'person',
    'customer',
    'customers',
    'consumer',
    'consumers',
    'business',
    'businesses',
    'company',
    'companies',
    'individual',
    'individuals',
    'client',
    'clients',
    'human',
    'humans',
    'shopper',
    'shoppers',
    'buyer',
    'buyers',
    'organisation',
    'organisations',
    'organization',
    'organizations',
    'enterprise',
    'enterprises',
    'smb',
    'smbs',
    'sme',
    'smes',
    'millennial',
    'millennials',
    'professional',
    'professionals',
    'team',
    'teams',
    'public',
    'family',
    'families',
    'household',
    'households',
    'retailer',
    'retailers',
    'merchant',
    'merchants',
    'shop',
    'shops',
    'store',
    'stores',
    'brand',
    'brands',
    'startup',
    'startups',
    'everyone',
    'everybody',
    'anyone',
    'anybody',
  ],
  /** Words that claim everyone. */
  universalWords: ['everyone', 'everybody', 'anyone', 'anybody', 'all', 'any', 'whoever'],
  /** Adjectives that do not narrow a segment. */
  genericAdjectives: [
    'small',
    'large',
    'big',
    'busy',
    'modern',
    'young',
    'old',
    'online',
    'digital',
    'many',
    'most',
    'various',
    'different',
    'typical',
    'regular',
    'average',
    'general',
    'potential',
    'existing',
    'new',
    'global',
    'mid-sized',
    'medium',
    'medium-sized',
  ],
  /** Metric words that cannot be counted as they stand. */
  vagueMetricWords: [
    'engagement',
    'interest',
    'feedback',
    'sentiment',
    'buzz',
    'excitement',
    'reaction',
    'reactions',
    'response',
    'traction',
    'awareness',
    'enthusiasm',
    'perception',
    'vibe',
    'happiness',
    'delight',
    'satisfaction',
    'appreciation',
    'liking',
  ],
  /** Words that make a metric countable. */
  countableWords: [
    'rate',
    'share',
    'number',
    'count',
    'percent',
    'percentage',
    'ratio',
    'conversion',
    'per',
    'nps',
    'minutes',
    'hours',
    'days',
    'orders',
    'payments',
    'sign-ups',
    'signups',
    'clicks',
    'revenue',
    'retention',
    'churn',
    'score',
    'rating',
    'csat',
    'stars',
  ],
  /** Hedges that make a hypothesis impossible to refute. */
  hedges: ['might', 'may', 'could', 'perhaps', 'possibly', 'potentially', 'maybe', 'hopefully', 'probably', 'likely'],
  /** Falsifiers that cannot happen or say nothing. */
  emptyFalsifiers: ['n/a', 'na', 'none', 'never', 'tbd', 'unknown', '-', '?', 'nothing', "we'll see"],
  /** Words that declare an experiment a success. */
  successWords: [
    'validated',
    'validate',
    'confirmed',
    'confirm',
    'proved',
    'proven',
    'success',
    'successful',
    'worked',
    'work',
    'positive',
    'promising',
    'passed',
    'encouraging',
  ],
  /** Next steps that only make sense after a pass. */
  proceedWords: ['build', 'scale', 'launch', 'proceed', 'roll', 'ship', 'invest', 'expand', 'go'],
  /** Words in a piece of evidence that report talk or intent, not behaviour (matched as whole words, lower case). */
  statedNotDoneWords: [
    'would pay',
    'would buy',
    'would use',
    'would sign',
    'would switch',
    'would subscribe',
    'said',
    'say',
    'says',
    'told us',
    'promised',
    'might',
    'interested in',
    'intend to',
    'plan to',
    'willing to',
    'likely to',
  ],
  /** Sources inside the organisation: what they report about customers is second-hand. */
  internalSources: [
    'sales',
    'account manager',
    'account managers',
    'ceo',
    'cto',
    'cfo',
    'coo',
    'founder',
    'co-founder',
    'leadership',
    'management',
    'board',
    'stakeholder',
    'stakeholders',
    'colleague',
    'colleagues',
    'our team',
    'product team',
    'internal',
    'hallway',
    'brainstorm',
    'workshop',
    'gut',
    'exec',
    'executive',
    'vp',
  ],
  /** Phrases that present belief or hearsay as evidence. */
  hearsayPatterns: [
    '(i|we) (think|believe|feel|know|hear|heard|assume|expect)',
    '(everyone|everybody) (knows|says|agrees|complains|hates|loves|wants)',
    '(people|customers|users|clients|they) (say|says|said|tell|told|keep|complain|mention|mentioned)',
    '(obviously|clearly|anecdotally|apparently|reportedly|supposedly)',
    'it is (clear|obvious|well known)',
    '(common|general) (knowledge|sense)',
  ],
  /** Words that show an assumption or test is about switching from what people use today. */
  switchingWords: ['switch', 'migrate', 'replace', 'abandon', 'leave', 'stop', 'instead', 'adopt', 'give up'],
  /** Words that show an assumption or test is about how customers will be reached. */
  channelWords: [
    'channel',
    'acquire',
    'acquisition',
    'reach',
    'marketing',
    'ads',
    'advertising',
    'ad',
    'seo',
    'outbound',
    'inbound',
    'referral',
    'referrals',
    'partner',
    'partnership',
    'distribution',
    'reseller',
    'campaign',
    'cpc',
    'cac',
    'funnel',
    'word of mouth',
    'app store',
    'sales team',
    'sales',
  ],
  /** Words that show the margin has been examined. */
  marginWords: ['margin', 'cost', 'costs', 'cogs', 'hosting', 'fee', 'fees', 'unit cost', 'serve', 'delivery cost'],
  /** Words that show willingness to pay has been examined. */
  payWords: [
    'pay',
    'paid',
    'price',
    'pricing',
    'willing',
    'willingness',
    'afford',
    'budget',
    'spend',
    'subscription',
    'subscribe',
    'purchase',
    'buy',
    'fee',
  ],
  /** Words that show retention has been examined. */
  retentionWords: [
    'churn',
    'retention',
    'retain',
    'renew',
    'renewal',
    'cancel',
    'cancellation',
    'cancellations',
    'cohort',
    'lifetime',
  ],
  /** Phrases that size a market as a share of a bigger one. */
  shareOfMarketPatterns: [
    '#Percent of',
    '#Value (percent|per cent) of',
    '(share|slice|fraction) of',
    '(capture|take|grab) #Value',
  ],
} as const;

export interface RuleWords {
  /** Stable id, part of the API: `<kind>.<name>`. */
  id: string;
  kind: WeaknessKindId;
  name: string;
  description: string;
  /** The severity when nothing makes it worse or milder; a rule may raise or lower it and says why. */
  severity: Severity;
  /** What the rule found, citing the data; `{placeholders}` filled by the rule. */
  explanation: string;
  /** A concrete next question or next test. */
  next: string;
  nextType: 'question' | 'test';
  /** For rules that surface a silent assumption: the assumption to add to the map, in the same placeholders. */
  assumption?: { statement: string; area: 'desirability' | 'viability' | 'feasibility' | 'usability' | 'ethics' };
}

const r = (words: RuleWords): RuleWords => words;

export const RULE_WORDS: readonly RuleWords[] = [
  // unsupported-score
  r({
    id: 'unsupported-score.high-without-evidence',
    kind: 'unsupported-score',
    name: 'High score with no evidence',
    description: 'A dimension scored 4 or 5 with no evidence cited by the score or linked to the dimension.',
    severity: 'high',
    explanation:
      '{who} scored {dimension} {scores} of 5, but no evidence is cited by the score or linked to {dimension}.',
    next: 'What would show {dimension} is really {score}? Link the evidence, or lower the score until you have it.',
    nextType: 'question',
  }),
  r({
    id: 'unsupported-score.stronger-than-evidence',
    kind: 'unsupported-score',
    name: 'Score stronger than its evidence',
    description: "A score above what its strongest evidence can carry according to the dimension's anchors.",
    severity: 'high',
    explanation:
      '{who} scored {dimension} {score} of 5; the anchor for {score} needs at least {needed}, but the strongest evidence is {strongest}{evidenceCited}.',
    next: 'Get evidence of {needed} for {dimension} (for example {example}), or score it {supported}.',
    nextType: 'test',
  }),
  r({
    id: 'unsupported-score.cited-evidence-missing',
    kind: 'unsupported-score',
    name: 'Cited evidence does not exist',
    description: 'A score cites an evidence ref that is not in the evidence list.',
    severity: 'medium',
    explanation: '{who} cites evidence {refs} for {dimension}, but no evidence with that ref exists.',
    next: 'Which evidence did you mean for {dimension}? Add it or correct the ref.',
    nextType: 'question',
  }),
  // anecdotal-demand
  r({
    id: 'anecdotal-demand.anecdotes-only',
    kind: 'anecdotal-demand',
    name: 'Only anecdotes',
    description: 'Every piece of evidence is an anecdote.',
    severity: 'high',
    explanation: '{pieces} anecdotal: {list}. Nobody has been asked systematically, and nobody has acted.',
    next: 'Interview at least 5 people from the target segment about the last time the problem happened, then run a test that asks for a behaviour (a sign-up, a deposit).',
    nextType: 'test',
  }),
  r({
    id: 'anecdotal-demand.no-behavioural-signal',
    kind: 'anecdotal-demand',
    name: 'No behavioural signal past discovery',
    description: 'The idea is past discovery, but demand rests only on what people said.',
    severity: 'high',
    explanation:
      'The idea is in {stage}, yet {pieces} opinion ({strengths}) and no experiment has observed what people do.',
    next: 'Run a fake-door, smoke test or pre-sale with a pre-registered conversion threshold before advancing further.',
    nextType: 'test',
  }),
  r({
    id: 'anecdotal-demand.strength-contradicted-by-text',
    kind: 'anecdotal-demand',
    name: 'Labelled as behaviour, written as talk',
    description:
      'Evidence labelled "paying" or "experiment" whose own words report what people said or might do, not what they did.',
    severity: 'high',
    explanation:
      '{list}: the label claims behaviour, but the text reports words, not actions. Said-they-would is an anecdote until someone does it.',
    next: 'What did people actually do: pay, sign, sign up, come back? Relabel the evidence by what it shows, and test with {example}.',
    nextType: 'test',
  }),
  r({
    id: 'anecdotal-demand.second-hand-only',
    kind: 'anecdotal-demand',
    name: 'Demand heard second-hand',
    description: 'Every piece of demand evidence comes from inside the organisation (sales, leadership, colleagues).',
    severity: 'high',
    explanation:
      'All demand evidence was reported by people inside the organisation: {list}. This is what they heard, not what customers did.',
    next: 'Talk to {hint} directly: which of them would take part in a pilot or pay a deposit?',
    nextType: 'question',
  }),
  r({
    id: 'anecdotal-demand.hearsay-pain-evidence',
    kind: 'anecdotal-demand',
    name: 'Pain evidence is belief or hearsay',
    description: 'The frame\'s "evidence the pain is real" is a belief or hearsay with no figure.',
    severity: 'medium',
    explanation: 'The evidence for the pain reads "{quote}": {why}, with no figure or observed case.',
    next: 'What has someone in the segment done (spent, built, complained in writing) that shows the pain? Record it as evidence.',
    nextType: 'question',
  }),
  // solution-as-problem
  r({
    id: 'solution-as-problem.absence-of-solution',
    kind: 'solution-as-problem',
    name: 'Problem framed as a missing solution',
    description: 'The current state or gap names a missing product rather than a need.',
    severity: 'high',
    explanation:
      'The {field} says "{phrase}": it names a missing {noun}, not what people cannot do or what it costs them.',
    next: 'What do they fail to get done today, how often, and what does it cost? Rewrite the {field} without naming any {noun}.',
    nextType: 'question',
  }),
  r({
    id: 'solution-as-problem.problem-restates-idea',
    kind: 'solution-as-problem',
    name: 'Problem restates the idea',
    description: "The problem text names the idea's own product as what is missing.",
    severity: 'high',
    explanation:
      'The idea is "{object}", and the {field} says "{phrase}": the problem is defined as not having this idea.',
    next: 'If {object} did not exist, what would people still be struggling with? Frame that, then test whether {object} is the best answer.',
    nextType: 'question',
  }),
  // vague-user
  r({
    id: 'vague-user.missing',
    kind: 'vague-user',
    name: 'Nobody named',
    description: 'Neither the frame nor the idea statement says who has the problem.',
    severity: 'medium',
    explanation:
      'Neither "who has it" in the frame nor "for ..." in the idea statement names the people with the problem.',
    next: 'Who had this problem last week? Name the segment by role, setting and a measurable trait.',
    nextType: 'question',
  }),
  r({
    id: 'vague-user.generic-segment',
    kind: 'vague-user',
    name: 'Generic segment',
    description: 'The named users are everyone, or a generic group without anything that narrows it.',
    severity: 'high',
    explanation: 'The {field} names "{text}": {why}. Nobody could draw up a list of people to interview from that.',
    next: 'Which narrower group feels this most (role, setting, size, a trigger event)? Name it so you could find ten of them this week.',
    nextType: 'question',
  }),
  r({
    id: 'vague-user.too-many-segments',
    kind: 'vague-user',
    name: 'Too many segments at once',
    description: 'The users list more segments than one idea can serve first.',
    severity: 'medium',
    explanation:
      'The {field} names {count} segments at once ({list}); serving all of them first means serving none of them well.',
    next: 'Which one of {list} has the sharpest pain and the shortest path to you? Start there and park the rest.',
    nextType: 'question',
  }),
  // no-success-metric
  r({
    id: 'no-success-metric.no-measurable-outcome',
    kind: 'no-success-metric',
    name: 'No success metric with a target',
    description:
      'The idea states no success metric with a target (nor a gap metric with one). Required from Validation on; ' +
      'asked for in Discovery. A figure in the gap or ideal state describes the problem; it is not a target.',
    severity: 'medium',
    explanation: 'The idea states no success metric and the frame no gap metric with a target; {looked}.',
    next: "Which metric would show this worked, what is it today, what target by when would make it worth it? State it as the idea's success metric.",
    nextType: 'question',
  }),
  r({
    id: 'no-success-metric.experiment-without-success-threshold',
    kind: 'no-success-metric',
    name: 'Experiment without a success threshold',
    description: 'An experiment has no success threshold, so it can never pass on pre-registered terms.',
    severity: 'high',
    explanation:
      'Experiment {exp} ({status}, metric "{metric}") has no success threshold, so any result can be read as a success.',
    next: 'Before more data comes in: which value of "{metric}" would count as success? Write it down with the minimum sample.',
    nextType: 'question',
  }),
  r({
    id: 'no-success-metric.vague-metric',
    kind: 'no-success-metric',
    name: 'Metric too vague to count',
    description: 'An experiment metric names a feeling rather than something counted.',
    severity: 'medium',
    explanation:
      'Experiment {exp} measures "{metric}": "{word}" is not something you count, so its threshold cannot be checked.',
    next: 'What would people do if they were interested? Measure that behaviour as a rate (for example the share of visitors who {example}).',
    nextType: 'question',
  }),
  // no-kill-criteria
  r({
    id: 'no-kill-criteria.experiment-without-kill-threshold',
    kind: 'no-kill-criteria',
    name: 'Experiment without a kill threshold',
    description: 'An experiment has no kill threshold: no result is bad enough to stop.',
    severity: 'high',
    explanation:
      'Experiment {exp} ({status}, metric "{metric}") has no kill threshold{falsifier}; no result is registered as bad enough to stop.',
    next: 'Below which value of "{metric}" would you stop or change course? Register it before you look at the data.',
    nextType: 'question',
  }),
  r({
    id: 'no-kill-criteria.unfalsifiable-hypothesis',
    kind: 'no-kill-criteria',
    name: 'Hypothesis cannot be wrong',
    description: 'The hypothesis is hedged or the falsifier is empty, so no result can refute it.',
    severity: 'medium',
    explanation: 'Experiment {exp}: {why}. A test that cannot fail cannot teach anything.',
    next: 'Rewrite it as "We believe <who> will <do what, how much>; we are wrong if <observation below a number>".',
    nextType: 'question',
  }),
  r({
    id: 'no-kill-criteria.no-experiments-past-discovery',
    kind: 'no-kill-criteria',
    name: 'No experiments past discovery',
    description: 'The idea is in validation or later with no experiment at all, so nothing can stop it.',
    severity: 'high',
    explanation: 'The idea is in {stage} with no experiment: there is no pre-registered result that would stop it.',
    next: 'Write a test card for the riskiest assumption{riskiest}, with a success and a kill threshold, a minimum sample and a deadline.',
    nextType: 'test',
  }),
  r({
    id: 'no-kill-criteria.idea-without-kill-criteria',
    kind: 'no-kill-criteria',
    name: 'The idea says nowhere when to stop',
    description:
      'From Validation on, the idea states no kill criteria ("we stop if ...") and no experiment keeps a kill threshold ' +
      'as registered.',
    severity: 'high',
    explanation:
      'The idea is in {stage} and states no kill criteria; {experiments}. Nothing says when this idea stops.',
    next: 'Write the idea\'s kill criteria: "we stop if <metric> is below <number> by <date>", before the next result comes in.',
    nextType: 'question',
  }),
  r({
    id: 'no-kill-criteria.experiment-kill-looser-than-idea',
    kind: 'no-kill-criteria',
    name: "An experiment's kill line is looser than the idea's",
    description:
      "An experiment on the same metric as one of the idea's kill criteria would stop only at a worse value than the idea's criterion.",
    severity: 'high',
    explanation:
      'The idea stops if "{metric}" is {side} {ideaThreshold} ("{statement}"), but experiment {exp} is killed only at {kill}: ' +
      "a result between {kill} and {ideaThreshold} would keep the test going past the idea's own kill line.",
    next: "Set the kill threshold of {exp} at {ideaThreshold} or stricter, or say why the idea's criterion no longer holds.",
    nextType: 'question',
  }),
  r({
    id: 'no-kill-criteria.thresholds-overlap',
    kind: 'no-kill-criteria',
    name: 'Kill threshold leaves no room to fail',
    description: 'The kill threshold is not on the failing side of the success threshold.',
    severity: 'medium',
    explanation:
      'Experiment {exp} succeeds at {success} and is killed at {kill} ({direction}): the kill threshold is not below success, so the two overlap.',
    next: 'Set the kill threshold clearly on the failing side of {success}, with a band between them for "not yet clear".',
    nextType: 'question',
  }),
  // moved-goalposts
  r({
    id: 'moved-goalposts.criteria-changed-after-start',
    kind: 'moved-goalposts',
    name: 'Criteria changed after the start',
    description: "An experiment's registered criteria were changed after it started.",
    severity: 'high',
    explanation: 'Experiment {exp} started{started}, and its criteria changed afterwards: {changes}.',
    next: 'Judge the result against the criteria registered at the start; if the change was right, run a new experiment with the new criteria.',
    nextType: 'test',
  }),
  r({
    id: 'moved-goalposts.passes-only-under-new-criteria',
    kind: 'moved-goalposts',
    name: 'Passes only after the change',
    description: 'The experiment passes under its changed criteria but not under those registered at the start.',
    severity: 'critical',
    explanation:
      'Experiment {exp} observed {observed}{sample}: it passes the changed criteria ({current}) but not the ones registered at the start ({locked}).',
    next: 'Record it as {lockedOutcome} against the original criteria, and decide what that means before acting on it.',
    nextType: 'question',
  }),
  r({
    id: 'moved-goalposts.success-declared-below-threshold',
    kind: 'moved-goalposts',
    name: 'Success declared below the threshold',
    description: 'The learning declares success although the result missed the registered threshold.',
    severity: 'high',
    explanation:
      'Experiment {exp} observed {observed}{sample} against a success threshold of {success}{kill} ({outcome}), yet its learning says "{quote}".',
    next: 'Rewrite the learning card against the registered criteria: "We observed {observed}; therefore we will ..." and say what changes.',
    nextType: 'question',
  }),
  // untested-riskiest-assumption
  r({
    id: 'untested-riskiest-assumption.riskiest-untested',
    kind: 'untested-riskiest-assumption',
    name: 'Riskiest assumption untested',
    description: 'The assumption at the top of the assumption map (important, least evidenced) has not been tested.',
    severity: 'high',
    explanation:
      'The riskiest assumption, {assumption} (importance {importance} of 5, {area}), has {evidence} and no running or completed experiment.',
    next: 'Test it first: the cheapest experiment that could prove it wrong (for example {example}), with a kill threshold.',
    nextType: 'test',
  }),
  r({
    id: 'untested-riskiest-assumption.testing-safe-bets',
    kind: 'untested-riskiest-assumption',
    name: 'Experiments test the safer bets',
    description: 'Experiments exist, but all of them test assumptions less important than one left untested.',
    severity: 'high',
    explanation:
      'The experiments ({experiments}) test assumptions of importance {testedMax} at most, while {assumption} (importance {importance}) stays untested.',
    next: 'Pause the easier tests and design one for {assumption}: what result would make you stop?',
    nextType: 'test',
  }),
  r({
    id: 'untested-riskiest-assumption.advanced-past-untested',
    kind: 'untested-riskiest-assumption',
    name: 'Advanced past an untested assumption',
    description: 'A decision moved the idea forward while a critical assumption was untested.',
    severity: 'critical',
    explanation:
      'The decision to advance to {toStage}{decided} was taken while {assumption} (importance {importance}) was untested.',
    next: 'Before spending more: test {assumption}, or record why the decision accepted that risk.',
    nextType: 'test',
  }),
  r({
    id: 'untested-riskiest-assumption.no-assumptions-recorded',
    kind: 'untested-riskiest-assumption',
    name: 'No assumptions written down',
    description: 'The idea is in validation or later, but no assumption has been written down.',
    severity: 'high',
    explanation:
      'The idea is in {stage}, but no assumption is recorded: nobody can say which one is riskiest, so nobody can have tested it.',
    next: "List what must be true for this to work (people want it, will pay, can be reached, it can be built), rate each one's importance, and test the top one.",
    nextType: 'question',
  }),
  // silent-assumption-unexamined
  r({
    id: 'silent-assumption-unexamined.recorded-silent-untested',
    kind: 'silent-assumption-unexamined',
    name: 'Surfaced silent assumption never examined',
    description: 'A silent assumption was surfaced, but nothing has examined it since.',
    severity: 'medium',
    explanation:
      '{assumption} was surfaced as a silent assumption (importance {importance}), but no evidence and no experiment look at it.',
    next: 'What is the quickest way to learn whether {statement}? Link evidence or plan a test.',
    nextType: 'question',
  }),
  r({
    id: 'silent-assumption-unexamined.switching-assumed',
    kind: 'silent-assumption-unexamined',
    name: 'Assumes people will switch',
    description: 'People already cope with an alternative, and nothing states or tests that they will switch.',
    severity: 'medium',
    explanation:
      'People already use {alternatives}, yet no assumption, evidence or experiment mentions switching: the idea silently assumes they will leave what they have.',
    next: 'What would make someone drop {first} for this, and what does switching cost them? Ask five current users of {first}.',
    nextType: 'question',
    assumption: {
      statement: 'People who use {first} today will switch to this, despite what switching costs them.',
      area: 'desirability',
    },
  }),
  r({
    id: 'silent-assumption-unexamined.channel-assumed',
    kind: 'silent-assumption-unexamined',
    name: 'Assumes a channel exists',
    description:
      'A customer acquisition cost is stated, but no assumption or evidence says how customers will be reached.',
    severity: 'medium',
    explanation:
      'The economics state a CAC of {cac}, but no assumption, evidence or experiment names the channel: it silently assumes a channel exists that delivers customers at that price.',
    next: 'Which channel will bring the first 100 customers? Spend a small budget on it and measure the real cost per customer.',
    nextType: 'test',
    assumption: {
      statement: 'A channel exists that brings customers at a cost of about {cac} each.',
      area: 'viability',
    },
  }),
  r({
    id: 'silent-assumption-unexamined.margin-assumed',
    kind: 'silent-assumption-unexamined',
    name: 'Margin assumed',
    description: 'A gross margin is stated, with nothing that shows where it comes from.',
    severity: 'medium',
    explanation:
      'The economics state a gross margin of {margin}, but no assumption, evidence or note explains the costs behind it.',
    next: 'What does it cost to serve one customer for a month (hosting, support, fees, people)? Build the margin from those costs.',
    nextType: 'question',
    assumption: {
      statement: 'The gross margin of {margin} holds once every cost to serve a customer is counted.',
      area: 'viability',
    },
  }),
  r({
    id: 'silent-assumption-unexamined.willingness-to-pay-assumed',
    kind: 'silent-assumption-unexamined',
    name: 'Assumes people will pay',
    description: 'A price is stated, with no paying signal, no pricing test and no assumption about it.',
    severity: 'high',
    explanation:
      'The economics assume {arpu} a month per customer, but no one has paid or pre-ordered, no experiment tests a price, and no assumption states it.',
    next: 'Run a pre-sale or a fake door with the price shown, and register the conversion that would make {arpu} believable.',
    nextType: 'test',
    assumption: { statement: 'Customers will pay {arpu} a month.', area: 'viability' },
  }),
  r({
    id: 'silent-assumption-unexamined.retention-assumed',
    kind: 'silent-assumption-unexamined',
    name: 'Assumes customers stay for years',
    description: 'A very low churn is stated with nothing that examines retention.',
    severity: 'medium',
    explanation:
      'The economics assume a monthly churn of {churn} (an average customer stays about {lifetime} months), but nothing recorded examines retention.',
    next: 'What churn do comparable products see? Use it, or measure retention in a pilot cohort before relying on the LTV.',
    nextType: 'question',
    assumption: {
      statement: 'Customers stay about {lifetime} months on average (monthly churn {churn}).',
      area: 'viability',
    },
  }),
  // stale-evidence
  r({
    id: 'stale-evidence.future-dated',
    kind: 'stale-evidence',
    name: 'Evidence dated in the future',
    description: 'A piece of evidence is dated after the day the challenger judges as of: its date cannot be right.',
    severity: 'high',
    explanation:
      '{list} {verb} dated after {asOf}; evidence not yet observed cannot support anything, so {pronoun} counted as undated, not fresh.',
    next: 'When was this really observed? Correct the date, or remove the evidence until it exists.',
    nextType: 'question',
  }),
  r({
    id: 'stale-evidence.supporting-evidence-stale',
    kind: 'stale-evidence',
    name: 'A score rests on stale evidence',
    description: 'All evidence supporting a scored dimension is older than the staleness limit.',
    severity: 'medium',
    explanation: '{dimension} is scored {scores}, and all the evidence behind it is older than {limit} days: {list}.',
    next: 'Has anything changed since {oldest}? Repeat a few interviews or pull fresh figures before relying on {dimension}.',
    nextType: 'test',
  }),
  r({
    id: 'stale-evidence.all-evidence-stale',
    kind: 'stale-evidence',
    name: 'All evidence is stale',
    description: 'Every piece of evidence is older than the staleness limit.',
    severity: 'high',
    explanation: '{pieces} older than {limit} days; the newest is from {newest} ({age} days ago).',
    next: 'What has changed in the market since {newest}? Gather at least one fresh piece of evidence on demand.',
    nextType: 'test',
  }),
  // single-source-evidence
  r({
    id: 'single-source-evidence.one-source',
    kind: 'single-source-evidence',
    name: 'All evidence from one source',
    description: 'Every piece of evidence comes from the same source.',
    severity: 'high',
    explanation: '{pieces} from one source, "{source}": {list}.',
    next: 'Does anyone other than "{source}" have this problem? Find three more independent sources in the segment.',
    nextType: 'test',
  }),
  r({
    id: 'single-source-evidence.dimension-rests-on-one-source',
    kind: 'single-source-evidence',
    name: 'A high score rests on one source',
    description: 'A dimension scored 4 or 5 is supported by several pieces of evidence that all come from one source.',
    severity: 'medium',
    explanation:
      '{dimension} is scored {scores}, and its {count} supporting pieces of evidence all come from "{source}".',
    next: 'Would {dimension} still score {score} without "{source}"? Find evidence from another source.',
    nextType: 'test',
  }),
  // assessor-disagreement
  r({
    id: 'assessor-disagreement.dimension-spread',
    kind: 'assessor-disagreement',
    name: 'Assessors disagree on a dimension',
    description: 'Scores on one dimension differ by two points or more across assessors.',
    severity: 'medium',
    explanation: 'On {dimension} the scores range from {min} ({low}) to {max} ({high}); the mean of {mean} hides that.',
    next: 'Ask {low} and {high} what each knows that the other does not; settle it with evidence, not an average.',
    nextType: 'question',
  }),
  r({
    id: 'assessor-disagreement.overall-split',
    kind: 'assessor-disagreement',
    name: 'Assessors see a different idea',
    description: "Two assessors' mean scores differ by more than the threshold over the dimensions both scored.",
    severity: 'medium',
    explanation: '{a} scores the idea {meanA} on average and {b} {meanB} over the {count} dimensions both scored.',
    next: 'Do {a} and {b} picture the same users and the same solution? Compare their notes before combining the scores.',
    nextType: 'question',
  }),
  // optimism-gap
  r({
    id: 'optimism-gap.scores-ignore-failed-test',
    kind: 'optimism-gap',
    name: 'Scores ignore a failed test',
    description:
      'A dimension stays high although an experiment on its area crossed the kill threshold or missed success.',
    severity: 'high',
    explanation:
      'Experiment {exp} {outcome} (observed {observed} against success {success}), yet {who} still score {dimension} {scores} of 5.',
    next: 'Rescore {dimension} in the light of {exp}: what evidence outweighs that result?',
    nextType: 'question',
  }),
  r({
    id: 'optimism-gap.scores-outrun-evidence',
    kind: 'optimism-gap',
    name: 'Scores higher than their evidence carries',
    description:
      "Dimensions scored 4 or 5 stand a point or more above the height their (weak) evidence and the assessors' " +
      'confidence carry by the confidence-adjusted score. Scores with no evidence at all are unsupported-score.',
    severity: 'medium',
    explanation:
      '{list}. Over the scored dimensions the composite is {composite} and what the evidence carries {carried}.',
    next: 'Which of {dimensions} would you stake the next decision on? Gather evidence strong enough for the score ({example}), or lower it.',
    nextType: 'test',
  }),
  r({
    id: 'optimism-gap.demand-ahead-of-test',
    kind: 'optimism-gap',
    name: 'Demand scored ahead of its own test',
    description:
      'Certainty of demand is scored 4 or 5, nothing behavioural backs it, and every test of demand is still without a ' +
      'result (a failed one is "scores ignore a failed test").',
    severity: 'high',
    explanation:
      '{who} score {dimension} {scores} of 5, but the demand test{plural} {tests} {state}; the evidence behind the score is at best {strongest}.',
    next: 'Hold {dimension} at 3 until {first} reports; if it passes, raise it on that result.',
    nextType: 'question',
  }),
  r({
    id: 'optimism-gap.prioritisation-confidence-without-evidence',
    kind: 'optimism-gap',
    name: 'Confident prioritisation without evidence',
    description: 'RICE or ICE confidence is high with no behavioural evidence and no passed experiment.',
    severity: 'medium',
    explanation:
      'The {method} confidence is {value}, but nothing behavioural backs it: the strongest evidence is {strongest}.',
    next: 'Set the confidence to what the evidence supports (for example {suggested}) until a test has shown behaviour.',
    nextType: 'question',
  }),
  r({
    id: 'optimism-gap.implausible-market-share',
    kind: 'optimism-gap',
    name: 'Implausible market share',
    description: 'The obtainable market is a large share of the serviceable or total market.',
    severity: 'medium',
    explanation: 'The SOM of {som} is {share} of the {base} of {baseValue}; few products ever take that share.',
    next: 'How many customers can you reach and win in three years with the channels you have? Build the SOM from that.',
    nextType: 'question',
  }),
  // economics-unviable
  r({
    id: 'economics-unviable.ltv-cac-below-3',
    kind: 'economics-unviable',
    name: 'LTV/CAC below 3',
    description: 'Lifetime value is less than three times the acquisition cost.',
    severity: 'high',
    explanation:
      'LTV {ltv} ({arpu} a month × {margin} margin ÷ {churn} monthly churn) against a CAC of {cac} gives LTV/CAC {ratio}, below {min}.',
    next: 'Which lever moves it past {min}: a higher price, lower churn, or a cheaper channel? Test the most plausible one.',
    nextType: 'question',
  }),
  r({
    id: 'economics-unviable.payback-too-long',
    kind: 'economics-unviable',
    name: 'Payback beyond 18 months',
    description: 'The acquisition cost takes longer than the limit to pay back from contribution margin.',
    severity: 'medium',
    explanation:
      'A CAC of {cac} paid back from {contribution} a month of contribution takes {months} months, beyond {max}.',
    next: 'Could annual prepayment, a higher price or a cheaper channel bring payback under {max} months?',
    nextType: 'question',
  }),
  r({
    id: 'economics-unviable.negative-contribution-margin',
    kind: 'economics-unviable',
    name: 'Negative contribution margin',
    description: 'Each customer costs more to serve than they pay.',
    severity: 'critical',
    explanation:
      'With {arpu} a month and a gross margin of {margin}, each customer contributes {contribution} a month: every sale loses money.',
    next: 'What would the price or the cost to serve have to be for the margin to turn positive, and is that plausible?',
    nextType: 'question',
  }),
  // market-top-down-only
  r({
    id: 'market-top-down-only.top-down-sizing',
    kind: 'market-top-down-only',
    name: 'Market sized top-down only',
    description: 'The sizing method is top-down only.',
    severity: 'medium',
    explanation: 'The market is sized top-down only{figures}: a share of a published total, not customers × price.',
    next: 'Count the customers you can name in the segment, multiply by the price they would pay: does it support {figure}?',
    nextType: 'question',
  }),
  r({
    id: 'market-top-down-only.share-of-big-number',
    kind: 'market-top-down-only',
    name: 'Market as a share of a big number',
    description:
      'The market is a total or a share of one: no sizing method is given, or a bottom-up method is claimed but no ' +
      'customers × price calculation is shown.',
    severity: 'medium',
    explanation: '{method}, and {why}.',
    next: 'Build the market bottom-up: how many customers like the first ten you can name exist, and what would each pay a year?',
    nextType: 'question',
  }),
  // serves-no-objective
  r({
    id: 'serves-no-objective.unlinked',
    kind: 'serves-no-objective',
    name: 'Serves none of the objectives',
    description:
      'The workspace has objectives and the idea, in Discovery, Validation or Realization, is linked to none of them.',
    severity: 'medium',
    explanation:
      'The workspace works towards {count} objective(s) ({objectives}){northStar}, and this idea names none it serves.',
    next: 'Which of these objectives would this idea move, and by how much of its key metric? If none, why pursue it now?',
    nextType: 'question',
  }),
];

export const ruleWords = (id: string): RuleWords | undefined => RULE_WORDS.find((w) => w.id === id);

/** What Vetted can recommend per idea from its pre-registered criteria; people decide. */
export const VERDICT_IDS = ['pursue', 'iterate', 'pivot', 'park', 'kill'] as const;
export type VerdictId = (typeof VERDICT_IDS)[number];

/** How to read a verdict: "not working yet" and "won't work" must never be confused. */
export const VERDICT_READINGS = ['works', 'not-working-yet', 'wont-work', 'not-now'] as const;
export type VerdictReading = (typeof VERDICT_READINGS)[number];

export interface VerdictDefinition {
  id: VerdictId;
  name: string;
  reading: VerdictReading;
  origin: Origin;
  description: string;
  /** The gate outcome that follows this verdict, if any: a decision with another outcome overrides it. */
  outcome: 'advance' | 'park' | 'kill' | null;
}

export const VERDICTS: readonly VerdictDefinition[] = [
  {
    id: 'pursue',
    name: 'Pursue',
    reading: 'works',
    origin: 'method',
    description: 'The pre-registered criteria are met on the assumptions that matter most.',
    outcome: 'advance',
  },
  {
    id: 'iterate',
    name: 'Iterate',
    reading: 'not-working-yet',
    origin: 'method',
    description: 'Not working yet: the sample is too small, the deadline has not come, or the signals are mixed.',
    outcome: null,
  },
  {
    id: 'pivot',
    name: 'Pivot',
    reading: 'wont-work',
    origin: 'method',
    description: 'The core assumption failed while others held: keep what held, change what failed.',
    outcome: null,
  },
  {
    id: 'park',
    name: 'Park',
    reading: 'not-now',
    origin: 'method',
    description: 'Sound but not now: the signal is there, the timing or the resources are not.',
    outcome: 'park',
  },
  {
    id: 'kill',
    name: 'Kill',
    reading: 'wont-work',
    origin: 'method',
    description: 'Kill thresholds were crossed on what matters most, and nothing important held.',
    outcome: 'kill',
  },
];
