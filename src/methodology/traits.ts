import type { Origin } from './version.ts';

/**
 * Leadership growth: the nine traits of a product leader, the career stages and what each develops, who
 * rates whom in a 360, the privacy thresholds, and the psychological-safety pulse. The rules that use them
 * live in `src/domain/leadership/`; change a word or a threshold here, not there.
 *
 * All nine trait names are the source's. `origin` says whose the description is: traits 1-5 are described
 * as the source describes them (`method`); traits 6-9 are named by the source and described in Vetted's
 * words (`vetted`). Every anchor and example prompt is Vetted's own (`anchorsOrigin: 'vetted'`).
 */

/** Stable ids, part of the API, in the source's order (the order breaks ties in the domain rules). */
export const TRAIT_IDS = [
  'product-user-sense',
  'innovation-mindset',
  'entrepreneurial-thinking',
  'cross-domain-knowledge',
  'commercial-acumen',
  'data-driven-judgment',
  'ability-to-execute',
  'innovation-streamlining',
  'product-leadership-style',
] as const;
export type TraitId = (typeof TRAIT_IDS)[number];

export interface TraitDefinition {
  id: TraitId;
  /** The source's name, verbatim. */
  name: string;
  /** Whose description this is. */
  origin: Origin;
  description: string;
  /** The anchors are Vetted's own for every trait. */
  anchorsOrigin: Origin;
  /** Observable behaviour at each level: index 0 is level 1, index 4 is level 5. */
  anchors: [string, string, string, string, string];
  /** Asked next to a rating: the example that backs it ("when did you see this?"). */
  examplePrompt: string;
}

export const TRAITS: readonly TraitDefinition[] = [
  {
    id: 'product-user-sense',
    name: 'Product & User Sense',
    origin: 'method',
    description: 'Defines coherent products and thinks like the people who use them.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Describes the product as a list of features; rarely mentions who uses it or why.',
      'Names the target user, but decisions are argued from opinion rather than from what users do.',
      'Talks to users regularly and can explain how a feature fits the product as a whole.',
      'Spots a confusing flow or a missing job before users complain, and others borrow their framing.',
      'Keeps the whole product coherent as it grows; the team asks "what would our user do?" because of them.',
    ],
    examplePrompt: 'When did you see them change a product decision because of what a user did or said?',
  },
  {
    id: 'innovation-mindset',
    name: 'Innovation Mindset',
    origin: 'method',
    description: 'Creativity, experimentation, and learning from failure.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Sticks to the first idea; treats a failed attempt as something to hide.',
      'Proposes alternatives when asked; runs experiments only when someone else sets them up.',
      'Generates several options before choosing and runs small experiments to decide between them.',
      'Designs experiments that could prove them wrong, and shares what a failure taught the team.',
      'Makes experimenting and learning from failure normal for the people around them.',
    ],
    examplePrompt: 'When did you see them try something new, or say openly what a failed attempt taught them?',
  },
  {
    id: 'entrepreneurial-thinking',
    name: 'Entrepreneurial Thinking',
    origin: 'method',
    description: 'Builds products people love while staying grounded in business reality.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Pursues what users ask for without asking whether the business can sustain it.',
      'Mentions the business case, but it is written after the decision, not before.',
      'Weighs what users love against what it costs and earns, and says which trade-off they chose.',
      'Finds the version that delights users and pays for itself, and kills what does neither.',
      'Acts as the owner of a business: others bring them ideas to see whether they can stand on their own.',
    ],
    examplePrompt: 'When did you see them weigh what users want against what the business can afford?',
  },
  {
    id: 'cross-domain-knowledge',
    name: 'Cross-domain Knowledge',
    origin: 'method',
    description: 'Knows enough of technology, design, data science and commercialisation to lead across them.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Hands work to other disciplines without understanding their constraints.',
      'Understands one neighbouring discipline well; the others are a black box.',
      'Asks engineers, designers, analysts and sales informed questions and follows their answers.',
      'Spots when a problem in one discipline is really a problem in another, and brings the right people in.',
      'Is trusted by every discipline to represent their view fairly in a decision.',
    ],
    examplePrompt: 'When did you see them bridge two disciplines, for example engineering and sales?',
  },
  {
    id: 'commercial-acumen',
    name: 'Commercial Acumen',
    origin: 'method',
    description: 'Understands business models, monetisation and growth mechanisms.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Cannot say how the product makes or saves money.',
      'Knows the pricing and the revenue figure, but not what drives them.',
      'Explains the business model and which lever a feature is meant to move.',
      'Proposes pricing, packaging or growth changes backed by figures, and checks them afterwards.',
      'Shapes the business model itself; finance and sales seek their view on where growth will come from.',
    ],
    examplePrompt: 'When did you see them connect a product decision to revenue, cost or growth?',
  },
  {
    id: 'data-driven-judgment',
    name: 'Data-Driven with Sound Judgment',
    origin: 'vetted',
    description: 'Uses data where it is strong, says where it is weak, and knows when intuition has to decide.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Decides by gut alone, or quotes a number without asking where it came from.',
      'Uses data when it is handed to them; rarely asks how good it is.',
      'Sets the metric before looking, checks sample and source, and says when a call is a judgment.',
      'Registers what would change their mind before the data arrives, and changes it when it does.',
      'Teaches others when to trust a number, when to doubt it, and when to decide without one.',
    ],
    examplePrompt: 'When did you see them change their mind because of data, or decide well without it?',
  },
  {
    id: 'ability-to-execute',
    name: 'Ability to Execute',
    origin: 'vetted',
    description: 'Moves at pace, gets things done well, and pivots when the evidence says so.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Commitments slip without warning; work stalls when something unexpected happens.',
      'Delivers what was planned when conditions hold; struggles to adapt when they change.',
      'Delivers reliably, raises risks early, and adjusts the plan when the facts change.',
      'Keeps the pace of several streams, and stops or pivots work quickly when the evidence turns.',
      'Sets a pace and a standard that others copy; a pivot under their lead loses little time or trust.',
    ],
    examplePrompt: 'When did you see them deliver under pressure, or stop something that was not working?',
  },
  {
    id: 'innovation-streamlining',
    name: 'Innovation Streamlining',
    origin: 'vetted',
    description: 'Builds the processes that let a team innovate continuously, not once.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Treats each new idea as a one-off; nothing is written down or repeated.',
      'Follows the team’s process for ideas when reminded, without improving it.',
      'Runs ideas through clear stages and gates, and keeps their decisions and evidence recorded.',
      'Improves the process: removes a step that adds nothing, adds a check that was missing.',
      'Has built a system of continuous innovation that keeps working when they are away.',
    ],
    examplePrompt: 'When did you see them make the way the team handles ideas faster or more reliable?',
  },
  {
    id: 'product-leadership-style',
    name: 'Product Leadership Style',
    origin: 'vetted',
    description: 'Inspires through vision and purpose, not through management alone.',
    anchorsOrigin: 'vetted',
    anchors: [
      'Directs by instruction; people do what they are told and no more.',
      'Explains the why when asked; the team knows the plan but not the purpose.',
      'Shares a clear purpose, and people make good decisions without asking them first.',
      'People from other teams align with their vision without being told to.',
      'People seek to work with them because of the purpose they set and how they grow others.',
    ],
    examplePrompt: 'When did you see them rally people around a purpose rather than an instruction?',
  },
];

/** The source's career stages; `always` is developed at every stage. */
export const CAREER_STAGE_IDS = ['early', 'mid', 'senior', 'always'] as const;
export type CareerStageId = (typeof CAREER_STAGE_IDS)[number];
/** The stage a person is at: every stage but `always`. */
export type PersonStageId = Exclude<CareerStageId, 'always'>;
export const PERSON_STAGE_IDS = ['early', 'mid', 'senior'] as const satisfies readonly PersonStageId[];

export interface CareerStageDefinition {
  id: CareerStageId;
  name: string;
  origin: Origin;
  /** What this stage develops, as the source lists it. */
  develops: string[];
}

export const CAREER_STAGES: readonly CareerStageDefinition[] = [
  {
    id: 'early',
    name: 'Early career',
    origin: 'method',
    develops: ['technical fluency', 'user research', 'feature specification', 'agile execution'],
  },
  {
    id: 'mid',
    name: 'Mid career',
    origin: 'method',
    develops: ['strategic thinking', 'prioritisation frameworks', 'stakeholder alignment', 'team leadership'],
  },
  {
    id: 'senior',
    name: 'Senior',
    origin: 'method',
    develops: ['vision-setting', 'organisational influence', 'portfolio management', 'culture building'],
  },
  {
    id: 'always',
    name: 'Always',
    origin: 'method',
    develops: ['communication', 'empathy', 'analytical thinking', 'learning agility'],
  },
];

/** The source's advice, quoted. */
export const GROWTH_ADVICE =
  'Assess yourself honestly against each, identify your weakest areas, and pursue experiences that stretch you there.';

/** Who rates a person in a 360. `self` is the person. */
export const RATER_GROUP_IDS = ['self', 'manager', 'peer', 'report', 'cross-functional'] as const;
export type RaterGroupId = (typeof RATER_GROUP_IDS)[number];
export type OtherRaterGroupId = Exclude<RaterGroupId, 'self'>;

export const RATER_GROUP_NAMES: Record<RaterGroupId, string> = {
  self: 'Self',
  manager: 'Manager',
  peer: 'Peers',
  report: 'Direct reports',
  'cross-functional': 'Cross-functional partners',
};

/**
 * Privacy thresholds (Vetted's, from the issue). Others' ratings and examples are shown only in aggregate,
 * per rater group, and only when at least this many raters in the group rated the trait: fewer, and the
 * group shows nothing at all, not even how many answered.
 */
export const MIN_RATERS_PER_GROUP = 3;
/**
 * The manager's rating is shown as the manager's only when the manager consented to that at invitation;
 * without consent the manager's group is held to `MIN_RATERS_PER_GROUP` like any other.
 */
export const MANAGER_SHOWN_WITH_CONSENT = true;
/** A pulse (and each of its statements) is shown only with at least this many answers. */
export const MIN_PULSE_ANSWERS = 5;

/** Self at least this far above others' mean is a blind spot; this far below, a hidden strength. */
export const BLIND_SPOT_MARGIN = 1;
/** A change in a trait's mean between cycles smaller than this is reported as steady. */
export const TREND_STEADY_MARGIN = 0.25;
/** Days from a plan's creation to its first check-in (six weeks). */
export const PLAN_CHECK_IN_DAYS = 42;
/** A development plan has this many goals at least and at most. */
export const PLAN_MIN_GOALS = 2;
export const PLAN_MAX_GOALS = 3;
/** A second weakest trait gets its own goal when its mean is within this of the weakest. */
export const PLAN_SECOND_TRAIT_MARGIN = 0.5;

export const RATING_MIN = 1;
export const RATING_MAX = 5;

/**
 * The psychological-safety pulse: short statements answered anonymously on a 1-5 agreement scale
 * (1 strongly disagree, 5 strongly agree). Vetted's own words. A `reversed` statement describes an unsafe
 * team, so its answer is flipped (6 - answer) before it counts.
 */
export interface PulseStatement {
  id: string;
  origin: Origin;
  text: string;
  reversed: boolean;
}

export const PULSE_STATEMENTS: readonly PulseStatement[] = [
  {
    id: 'say-we-are-wrong',
    origin: 'vetted',
    text: 'I can say "I think we are wrong" in a team meeting without worrying about what it costs me.',
    reversed: false,
  },
  {
    id: 'blame-after-failure',
    origin: 'vetted',
    text: 'When an experiment here fails, people look for someone to blame.',
    reversed: true,
  },
  {
    id: 'asking-for-help',
    origin: 'vetted',
    text: 'Asking a teammate for help feels like ordinary work, not an admission of weakness.',
    reversed: false,
  },
  {
    id: 'unwelcome-evidence',
    origin: 'vetted',
    text: "Evidence against a senior person's favourite idea gets a fair hearing on this team.",
    reversed: false,
  },
  {
    id: 'risks-left-unsaid',
    origin: 'vetted',
    text: 'People here keep quiet about a risk because raising it would be awkward.',
    reversed: true,
  },
  {
    id: 'my-way-of-thinking',
    origin: 'vetted',
    text: 'My skills and my way of thinking are put to use on this team.',
    reversed: false,
  },
];
