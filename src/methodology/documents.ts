import type { EvidenceStrength } from './evidence.ts';
import type { StageId } from './stages.ts';
import type { Origin } from './version.ts';
import type { Severity } from './weaknesses.ts';

/**
 * Stakeholder documents generated from an opportunity's structured data. Each kind's template is data:
 * section ids (stable, used by workspace template files), titles, order, groups (the PRD's chapters, the
 * deck's acts), which sections a workspace may leave out, and the questions a reader sees when the data a
 * section needs does not exist yet.
 */
export const DOCUMENT_KINDS = [
  'prd',
  'one-pager',
  'pitch-deck',
  'competitive-analysis',
  'decision-brief',
  'pr-faq',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_FORMATS = ['markdown', 'html', 'pdf', 'docx', 'pptx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** How a document is laid out: a flowing text document, one page, or one slide per section. */
export type DocumentLayout = 'document' | 'one-page' | 'slides';

/** Which formats each kind is rendered to: DOCX for the text documents, PPTX for the deck and the one-pager. */
export const FORMATS_BY_KIND: Readonly<Record<DocumentKind, readonly DocumentFormat[]>> = {
  prd: ['markdown', 'html', 'pdf', 'docx'],
  'one-pager': ['markdown', 'html', 'pdf', 'docx', 'pptx'],
  'pitch-deck': ['markdown', 'html', 'pdf', 'pptx'],
  'competitive-analysis': ['markdown', 'html', 'pdf', 'docx'],
  'decision-brief': ['markdown', 'html', 'pdf', 'docx'],
  'pr-faq': ['markdown', 'html', 'pdf', 'docx'],
};

/** The method asks for a pitch of 10 to 12 slides; templates that would leave fewer or more are refused. */
export const PITCH_DECK_SLIDES = { min: 10, max: 12 } as const;

export interface SectionTemplate {
  /** Stable id, used by workspace template files. */
  id: string;
  title: string;
  /** The group (PRD chapter, deck act) the section belongs to, if any. */
  group?: string;
  /** A workspace may leave optional sections out; required ones always appear (saying so when data is missing). */
  optional: boolean;
  /** Shown in the "missing" callout when the data this section needs does not exist yet. */
  questions: readonly string[];
  /** Shown only for ideas in these stages (the lessons of a killed idea, the outcomes of a launched one). */
  only?: readonly StageId[];
  /** Left out for ideas in these stages (a killed idea's ask, its go-to-market). */
  not?: readonly StageId[];
}

export interface GroupTemplate {
  id: string;
  title: string;
}

export interface DocumentTemplate {
  kind: DocumentKind;
  name: string;
  layout: DocumentLayout;
  origin: Origin;
  description: string;
  groups: readonly GroupTemplate[];
  sections: readonly SectionTemplate[];
}

const s = (
  id: string,
  title: string,
  questions: string[],
  extra: { group?: string; optional?: boolean; only?: readonly StageId[]; not?: readonly StageId[] } = {},
): SectionTemplate => ({
  id,
  title,
  questions,
  optional: extra.optional ?? false,
  ...(extra.group ? { group: extra.group } : {}),
  ...(extra.only ? { only: extra.only } : {}),
  ...(extra.not ? { not: extra.not } : {}),
});

const STOPPED: readonly StageId[] = ['killed', 'parked'];
const LAUNCHED: readonly StageId[] = ['launched'];
const LESSONS_QUESTIONS = [
  'Which result or decision stopped the idea, and when?',
  'What did the experiments and the evidence teach us that the next idea should know?',
];
const OUTCOMES_QUESTIONS = ['Which success metric was set, and where does it stand now against its target?'];

const PRD: DocumentTemplate = {
  kind: 'prd',
  name: 'Product requirements document',
  layout: 'document',
  origin: 'method',
  description:
    'The method\'s "visual PRD" in four chapters (Discover, Define, Build, Launch), then open questions and the evidence.',
  groups: [
    { id: 'discover', title: 'Discover' },
    { id: 'define', title: 'Define' },
    { id: 'build', title: 'Build' },
    { id: 'launch', title: 'Launch' },
  ],
  sections: [
    s('summary', 'Summary', [
      'In three sentences: what is it, for whom, and why now?',
      'Who owns it, who reviews it, and for which release is it planned?',
    ]),
    s('lessons', 'What we learned and why we stopped', LESSONS_QUESTIONS, { only: STOPPED }),
    s('outcomes', 'Outcomes against the success metric', OUTCOMES_QUESTIONS, { only: LAUNCHED }),
    s(
      'problem',
      'The problem',
      [
        'What happens today?',
        'What would good look like for them?',
        'What separates the two, in figures where possible?',
      ],
      { group: 'discover' },
    ),
    s(
      'users',
      'Users',
      ['Which specific people or segment feel the pain?', 'In which situation do they meet the problem?'],
      { group: 'discover' },
    ),
    s(
      'market',
      'Market',
      ['Where does the problem live (market, setting, process)?', 'Which forces and trends are changing it?'],
      { group: 'discover', optional: true },
    ),
    s(
      'market-size',
      'Market size',
      [
        'How many people or organisations have the problem, and what would they pay (TAM, SAM, SOM)?',
        'How was it sized: top-down, bottom-up or from the value created?',
      ],
      { group: 'discover' },
    ),
    s(
      'competition',
      'Competition',
      ['What do people use today instead, including doing nothing?', 'What do those alternatives do well and badly?'],
      { group: 'discover' },
    ),
    s(
      'differentiators',
      'Differentiators',
      ['Why would a customer switch from what they use today?', 'How long before a competitor copies it?'],
      { group: 'discover' },
    ),
    s(
      'opportunity',
      'The opportunity',
      ['What is it, for whom, what does it do, and to reach which goal?', 'How does it score, and on what evidence?'],
      { group: 'discover' },
    ),
    s('vision', 'Vision', ['What would good look like for the people who have the problem?'], { group: 'define' }),
    s('value-proposition', 'Value proposition', ['Which value do users get, and in which situation?'], {
      group: 'define',
    }),
    s(
      'happy-path',
      'The happy path',
      ['Which steps does a user take from the moment the need arises to the moment they get the value?'],
      { group: 'define', optional: true },
    ),
    s(
      'mvp-features',
      'Requirements, by priority',
      [
        'Which few features make the smallest version that delivers the value?',
        'For each feature: how will we know it works (acceptance criteria)?',
      ],
      { group: 'define' },
    ),
    s('business-model', 'Business model', ['Who pays, for what, and through which channel?'], { group: 'define' }),
    s(
      'revenue-model',
      'Revenue model',
      [
        'What does a customer pay per month, and what share of it is gross margin?',
        'How many customers leave each month, and what does it cost to win one?',
      ],
      { group: 'define' },
    ),
    s(
      'goals',
      'Goals and non-goals',
      ['Which measurable goal does this serve?', 'What will this deliberately not do?'],
      { group: 'define' },
    ),
    s(
      'hypotheses',
      'Value and growth hypotheses',
      [
        'What must be true for users to get the value (value hypothesis)?',
        'What must be true for it to spread and pay (growth hypothesis)?',
      ],
      { group: 'build' },
    ),
    s('silent-assumptions', 'Silent assumptions', ['What are we taking for granted without having said it?'], {
      group: 'build',
    }),
    s('risks', 'Risks, riskiest first', ['Which assumptions, if wrong, would sink the idea?'], { group: 'build' }),
    s(
      'experiments',
      'Experimentation strategy',
      [
        'Which experiment tests the riskiest assumption?',
        'Which result means success, and which means stop (written before it runs)?',
      ],
      { group: 'build' },
    ),
    s('technology', 'Technology', ['What is the hardest technical part, and has anyone done it?'], {
      group: 'build',
      optional: true,
    }),
    s('roadmap', 'MVP roadmap', ['What ships first, by when, and what follows?'], { group: 'build', optional: true }),
    s('team', 'Team', ['Who would build it, and which skills are missing?'], { group: 'build', optional: true }),
    s(
      'go-to-market',
      'Go-to-market and growth',
      [
        'How do the first customers hear about it and buy it?',
        'Which mechanism brings the next customers: referral, content, sales, network effects?',
      ],
      { group: 'launch', not: STOPPED },
    ),
    s('milestones', 'Launch milestones', ['Which dates must hold for the launch: beta, release, review?'], {
      group: 'launch',
      not: STOPPED,
    }),
    s('approvals', 'Approvals', ['Who has decided at each gate so far, and who signs off next?'], {
      group: 'launch',
    }),
    s(
      'success-metrics',
      'Success metrics',
      ['Which metric shows success, from which value to which target, by when?'],
      { group: 'launch' },
    ),
    s('open-questions', 'Open questions', ['Run the challenger on this idea: which questions does it leave open?'], {
      optional: true,
    }),
    s('evidence', 'Evidence appendix', ['What have you observed or heard that supports or refutes this idea?']),
  ],
};

const ONE_PAGER: DocumentTemplate = {
  kind: 'one-pager',
  name: 'One-pager',
  layout: 'one-page',
  origin: 'method',
  description: "The method's one-page idea template: enough for a reader to decide whether to read further.",
  groups: [],
  sections: [
    s('statement', 'The idea', [
      'What is it, for which users, what does it do, to reach which goal, with which value, in which situation?',
    ]),
    s('problem', 'The problem and who has it', [
      'Which specific people feel the pain?',
      'What happens today, and what would good look like?',
    ]),
    s('proposal', 'The proposal and its value', ['What do we propose, and which value do users get?']),
    s('evidence', 'Evidence', ['What have people done or said, outside the team, that shows the need?']),
    s('why-now', 'Why now', ['Which forces or trends make this the right time?'], { optional: true }),
    s('ask', 'The ask', ['What do we need from the reader: a decision, budget, people, time?'], {
      not: [...STOPPED, ...LAUNCHED],
    }),
    s('lessons', 'What we learned and why we stopped', LESSONS_QUESTIONS, { only: STOPPED }),
    s('outcomes', 'Outcomes against the success metric', OUTCOMES_QUESTIONS, { only: LAUNCHED }),
    s('score', 'Score and what it rests on', ['Has anyone scored the idea on the workspace dimensions?']),
  ],
};

const PITCH_DECK: DocumentTemplate = {
  kind: 'pitch-deck',
  name: 'Pitch deck',
  layout: 'slides',
  origin: 'method',
  description: "A 10 to 12 slide pitch told as the method's five acts.",
  groups: [
    { id: 'world', title: 'Act 1: the world as it is' },
    { id: 'change', title: 'Act 2: the change' },
    { id: 'opportunity', title: 'Act 3: the opportunity' },
    { id: 'win', title: 'Act 4: why we win' },
    { id: 'ask', title: 'Act 5: the ask' },
    { id: 'outcome', title: 'Act 5: where it stands' },
  ],
  sections: [
    s('cover', 'Cover', ['What is the idea, in one sentence?']),
    s('problem', 'The problem', ['Who has the problem, what happens today, and what does it cost them?'], {
      group: 'world',
    }),
    s('why-now', 'Why now', ['Which forces or trends make this the right time?'], { group: 'change' }),
    s('solution', 'The solution', ['What do we propose, and which value do users get?'], { group: 'opportunity' }),
    s('market-size', 'Market size', ['How big is the market: TAM, SAM, SOM, and how was it sized?'], {
      group: 'opportunity',
    }),
    s(
      'business-model',
      'Business model',
      ['Who pays how much, at which margin, and what does a customer cost to win?'],
      {
        group: 'opportunity',
      },
    ),
    s('competition', 'Competition', ['What do people use today instead, including doing nothing?'], { group: 'win' }),
    s('traction', 'Evidence and traction', ['What have people done, not said, that shows they want this?'], {
      group: 'win',
    }),
    s('go-to-market', 'Go-to-market', ['How do the first customers hear about it and buy it?'], {
      group: 'win',
      not: STOPPED,
    }),
    s('roadmap', 'Roadmap', ['What ships first, by when, and what follows?'], { group: 'win', optional: true }),
    s('team', 'Team', ['Who would build it, and which skills are missing?'], { group: 'win', optional: true }),
    s('ask', 'The ask', ['What do we need from the audience: a decision, budget, people, time?'], {
      group: 'ask',
      not: [...STOPPED, ...LAUNCHED],
    }),
    s('why-stopped', 'Why we stopped', [LESSONS_QUESTIONS[0]!], { group: 'outcome', only: STOPPED }),
    s('lessons', 'What we learned', [LESSONS_QUESTIONS[1]!], { group: 'outcome', only: STOPPED }),
    s('outcomes', 'Outcomes against the success metric', OUTCOMES_QUESTIONS, { group: 'outcome', only: LAUNCHED }),
  ],
};

const COMPETITIVE: DocumentTemplate = {
  kind: 'competitive-analysis',
  name: 'Competitive analysis',
  layout: 'document',
  origin: 'vetted',
  description: 'The alternatives a customer has (including doing nothing), how they compare, and where we win or lose.',
  groups: [],
  sections: [
    s('alternatives', 'Competitors and alternatives', [
      'What do people use today instead, including doing nothing?',
      'Which are direct competitors, which indirect, which substitutes?',
    ]),
    s('matrix', 'Capability matrix', ['Which capabilities matter to customers, and how does each alternative rate?']),
    s(
      'positioning',
      'Positioning',
      ['On which two capabilities do the alternatives differ most, and where does each sit?'],
      { optional: true },
    ),
    s('pricing', 'Pricing', ['What does each alternative cost the customer?'], { optional: true }),
    s('win', 'Where we win', [
      'Where are the alternatives weak, and is that what customers care about?',
      'Why would a customer switch?',
    ]),
    s('lose', 'Where we lose', ['What do the alternatives do well that we would have to match or concede?']),
  ],
};

const DECISION_BRIEF: DocumentTemplate = {
  kind: 'decision-brief',
  name: 'Decision brief',
  layout: 'document',
  origin: 'vetted',
  description: 'For a stage gate: the recommendation, the evidence, the scores and their spread, the open risks.',
  groups: [],
  sections: [
    s('recommendation', 'Recommendation', ['Which stage is the idea in, and what does the gate ask for?']),
    s('lessons', 'What we learned and why we stopped', LESSONS_QUESTIONS, { only: STOPPED }),
    s('outcomes', 'Outcomes against the success metric', OUTCOMES_QUESTIONS, { only: LAUNCHED }),
    s('options', 'Options considered', ['Which outcomes can the gate choose, and what follows from each?'], {
      not: [...STOPPED, ...LAUNCHED],
    }),
    s('commitment', 'Cost, owner and deadline', [
      'What would the next stage cost in money, people and time?',
      'Who owns the next step, and by when must the gate decide?',
    ]),
    s('criteria', 'Gate criteria', ['Which exit criteria does this stage have?']),
    s('findings', 'Open challenger findings', [
      'Run the challenger on this idea: which critical or high findings are open?',
    ]),
    s('evidence', 'The evidence', ['What have people done or said, outside the team, that bears on this decision?']),
    s('scores', 'Scores and their spread', ['Has anyone scored the idea on the workspace dimensions?']),
    s('risks', 'Open risks', ['Which assumptions, if wrong, would sink the idea, and which are still untested?']),
    s('change', 'What would change the decision', ['Which result, if it came in, would make us decide differently?']),
    s('history', 'Decisions so far', ['Which gate decisions has this idea been through?'], { optional: true }),
  ],
};

const PR_FAQ: DocumentTemplate = {
  kind: 'pr-faq',
  name: 'PR/FAQ',
  layout: 'document',
  origin: 'method',
  description:
    'Working backwards: the press release the team would publish on launch day, then the questions customers and the company would ask.',
  groups: [],
  sections: [
    s('press-release', 'Press release', [
      'What is it, for whom, what does it do, and which value do they get, in one sentence?',
      'What problem does it end, and how do customers cope today?',
    ]),
    s('lessons', 'What we learned and why we stopped', LESSONS_QUESTIONS, { only: STOPPED }),
    s('outcomes', 'Outcomes against the success metric', OUTCOMES_QUESTIONS, { only: LAUNCHED }),
    s('customer-faq', 'Customer FAQ', [
      'Who is it for, and what does it change for them?',
      'What do people use today instead, and why would they switch?',
    ]),
    s('internal-faq', 'Internal FAQ', [
      'How will we know it worked (success metric and target)?',
      'What must be true for it to work, and what would make us stop?',
      'What does it cost, and what does it earn?',
    ]),
  ],
};

export const DOCUMENT_TEMPLATES: Readonly<Record<DocumentKind, DocumentTemplate>> = {
  prd: PRD,
  'one-pager': ONE_PAGER,
  'pitch-deck': PITCH_DECK,
  'competitive-analysis': COMPETITIVE,
  'decision-brief': DECISION_BRIEF,
  'pr-faq': PR_FAQ,
};

/**
 * How the documents read a gate's exit criteria against the data. A criterion is met only by evidence that
 * carries weight: a lone anecdote, or the submitter's own account, does not show that a pain is real; and an
 * idea with open critical or high challenger findings is never called ready, whatever else is met.
 */
export const GATE_READING = {
  /** The weakest evidence that counts as showing the pain is real (an anecdote does not). */
  minStrength: 'interview' as EvidenceStrength,
  /** Challenger findings of these severities must be answered before an idea is called ready. */
  blockingSeverities: ['critical', 'high'] as readonly Severity[],
  /** Words in an evidence source that mark it as the submitter's or the team's own account. */
  ownSource: /\b(submitter|my own|our own|own experience|own observation|internal|our team|the team)\b/i,
} as const;

/**
 * Where in Vetted the data a document misses is entered: named in every "Missing: … To answer:" callout, so
 * that a reader knows where to go, not only what is absent.
 */
export const ANSWERED_IN = {
  statement: 'the idea page: Edit idea, "One-sentence statement"',
  description: 'the idea page: Edit idea, "Description"',
  frame: 'the idea page, "Problem frame"',
  evidence: 'the idea page, "Evidence"',
  scores: 'the idea page, "Assessment"',
  assumptions: 'the idea page, "Validation", "Assumption map"',
  experiments: 'the idea page, "Validation", "Experiments"',
  competitors: 'the idea page, "Competitors and alternatives"',
  economics: 'the idea page: Edit idea, "Economics and market size"',
  pmf: 'the idea page, "Product-market fit" (survey and cohort imports)',
  launchPlan: 'the idea page, "Launch plan" (the ask, the team, the go-to-market plan)',
  criteria: 'the idea page, "Success and kill criteria"',
  decisions: 'the idea page, "Decisions" (the gate dialog)',
  challenger: 'the idea page, "Challenger"',
  mvp: 'the idea page, "MVP definition" (seven steps)',
  notYet: "no field of its own yet; write it in the idea's description (the idea page, Edit idea)",
} as const;
export type AnsweredIn = keyof typeof ANSWERED_IN;

/** Where the data of each section (by its id, the same id in every kind) is entered in Vetted. */
export const SECTION_ANSWERED_IN: Readonly<Record<string, AnsweredIn>> = {
  summary: 'statement',
  problem: 'frame',
  users: 'frame',
  market: 'frame',
  'market-size': 'economics',
  competition: 'competitors',
  differentiators: 'scores',
  opportunity: 'statement',
  vision: 'frame',
  'value-proposition': 'statement',
  'happy-path': 'mvp',
  'mvp-features': 'mvp',
  requirements: 'notYet',
  'business-model': 'economics',
  'revenue-model': 'economics',
  goals: 'criteria',
  'non-goals': 'mvp',
  hypotheses: 'assumptions',
  'silent-assumptions': 'assumptions',
  risks: 'assumptions',
  experiments: 'experiments',
  technology: 'scores',
  roadmap: 'mvp',
  milestones: 'notYet',
  approvals: 'decisions',
  team: 'launchPlan',
  'go-to-market': 'launchPlan',
  'success-metrics': 'criteria',
  outcomes: 'criteria',
  lessons: 'experiments',
  'open-questions': 'challenger',
  evidence: 'evidence',
  sources: 'evidence',
  statement: 'statement',
  proposal: 'statement',
  'why-now': 'frame',
  ask: 'launchPlan',
  score: 'scores',
  cover: 'statement',
  solution: 'statement',
  traction: 'evidence',
  alternatives: 'competitors',
  matrix: 'competitors',
  positioning: 'competitors',
  pricing: 'competitors',
  win: 'competitors',
  lose: 'competitors',
  recommendation: 'experiments',
  options: 'decisions',
  findings: 'challenger',
  criteria: 'criteria',
  scores: 'scores',
  change: 'experiments',
  history: 'decisions',
  'press-release': 'statement',
  'customer-faq': 'evidence',
  'internal-faq': 'economics',
};

/** Stages whose documents look back (what was learned, why it stopped) instead of asking for anything. */
export const STOPPED_STAGES: readonly StageId[] = STOPPED;

/** The options a gate has, as the decision brief lays them out: what each means and what follows from it. */
export const GATE_OPTIONS = {
  advance: { label: 'Advance to {next}', text: 'the work of {next} starts, with its own exit criteria.' },
  stay: {
    label: 'Stay in {stage}',
    text: 'finish the open experiments and answer the open findings, then come back to the gate.',
  },
  park: { label: 'Park', text: 'keep the idea with a review date; nothing more is spent on it until it is reopened.' },
  kill: { label: 'Kill', text: 'stop for good, and record why, so that the lesson is not lost.' },
} as const;
