import type { Origin } from './version.ts';

export interface DimensionDefinition {
  /** Stable id, part of the API. */
  id: string;
  name: string;
  origin: Origin;
  description: string;
  /** Default weight in the composite score; workspaces may override. */
  weight: number;
  /** Level anchors, index 0 is score 1 and index 4 is score 5. */
  anchors: [string, string, string, string, string];
  questions: string[];
}

/**
 * The nine-dimension assessment (the method calls its model IM-9). Public sources confirm two of its
 * dimensions, business impact and certainty of demand; the other seven, every anchor and every question
 * are Vetted's own and marked so. A workspace may rename, reweight or replace any of them.
 */
export const DIMENSIONS: readonly DimensionDefinition[] = [
  {
    id: 'problem-significance',
    name: 'Problem significance',
    origin: 'vetted',
    description: 'How much the problem hurts the people who have it, and how often.',
    weight: 1.5,
    anchors: [
      'A mild annoyance, rarely felt; people would not pay or change habits to fix it.',
      'Noticeable but tolerated; workarounds are cheap and good enough.',
      'A real cost felt regularly; some people actively look for better ways.',
      'A frequent, expensive pain; people spend money or time on imperfect workarounds.',
      'A top-three problem for the people who have it; they are actively searching and budgeting for a fix.',
    ],
    questions: [
      'How often does it happen, and what does it cost each time?',
      'What do people do today to cope, and what does that cost them?',
    ],
  },
  {
    id: 'certainty-of-demand',
    name: 'Certainty of demand',
    origin: 'method',
    description: 'How sure we are, from evidence, that people will want and adopt the solution.',
    weight: 1.5,
    anchors: [
      'A belief of the submitter; nobody outside the team has been asked.',
      'A few anecdotes or friendly conversations point to interest.',
      'Structured interviews or a survey with the target segment show consistent interest.',
      'An experiment shows behaviour: sign-ups, clicks on a fake door, a concierge pilot used.',
      'People have paid, pre-ordered or signed a letter of intent.',
    ],
    questions: [
      'What have people done, not said, that shows they want this?',
      'Who outside the team has confirmed the need, and how many of them?',
    ],
  },
  {
    id: 'business-impact',
    name: 'Business impact',
    origin: 'method',
    description: 'The value to the organisation if it works: revenue, savings, retention or strategic option.',
    weight: 1.5,
    anchors: [
      'Negligible: no measurable effect on revenue, cost or retention.',
      'Small: a local improvement worth less than the effort of a small team for a quarter.',
      'Moderate: a measurable effect on one business metric.',
      'Large: a significant effect on a top-line metric or a new revenue stream.',
      'Transformative: changes the trajectory of the business or opens a new market.',
    ],
    questions: [
      'Which business metric moves, by how much, and by when?',
      'What is the size of the prize if we are right?',
    ],
  },
  {
    id: 'strategic-fit',
    name: 'Strategic fit',
    origin: 'vetted',
    description: 'How well it serves the stated strategy and builds on what the organisation already does well.',
    weight: 1,
    anchors: [
      'Contradicts the strategy or distracts from it.',
      'Unrelated to current strategy; a side bet.',
      'Compatible with the strategy without advancing it much.',
      'Directly advances a strategic objective.',
      'Central to the strategy and builds on unique assets or capabilities.',
    ],
    questions: ['Which strategic objective does it serve?', 'What existing assets or capabilities does it use?'],
  },
  {
    id: 'differentiation',
    name: 'Differentiation',
    origin: 'vetted',
    description: 'How clearly better or different it is than the alternatives, including doing nothing.',
    weight: 1,
    anchors: [
      'Equivalent alternatives exist and are cheaper or entrenched.',
      'Slightly better on a dimension customers care little about.',
      'Clearly better for a specific segment or use case.',
      'Much better on what customers value most; hard to copy quickly.',
      'A new category or a durable advantage (network effect, data, patent, brand).',
    ],
    questions: ['Why would a customer switch from what they use today?', 'How long before a competitor copies it?'],
  },
  {
    id: 'feasibility',
    name: 'Feasibility',
    origin: 'vetted',
    description: 'Whether we can build and run it with the technology, skills and partners available.',
    weight: 1,
    anchors: [
      'Depends on technology that does not exist or skills we cannot get.',
      'Major unknowns; needs research before an estimate is possible.',
      'Buildable with known technology, some new skills or partners needed.',
      'Buildable with the current team and stack; a few open questions.',
      'Straightforward; we have built similar things.',
    ],
    questions: ['What is the hardest technical part, and has anyone done it?', 'Who would build it?'],
  },
  {
    id: 'time-to-value',
    name: 'Time to value',
    origin: 'vetted',
    description: 'How soon customers and the business see the first real value.',
    weight: 0.75,
    anchors: [
      'More than two years to first value.',
      'One to two years.',
      'Six to twelve months.',
      'One to six months.',
      'Weeks: a first version can deliver value almost at once.',
    ],
    questions: ['What is the smallest version that delivers value, and how long does it take?'],
  },
  {
    id: 'cost-efficiency',
    name: 'Cost efficiency',
    origin: 'vetted',
    description: 'The expected value for the money and effort needed to build, launch and run it.',
    weight: 0.75,
    anchors: [
      'Costs clearly exceed any plausible return.',
      'Costs are high and the return is uncertain.',
      'Costs and return are roughly balanced.',
      'The return comfortably exceeds the costs.',
      'A small investment with a large expected return.',
    ],
    questions: ['What does it cost to reach the first milestone, and to run it for a year?'],
  },
  {
    id: 'risk',
    name: 'Risk',
    origin: 'vetted',
    description: 'Exposure to legal, reputational, operational or market risk. Scored so that 5 is the least risky.',
    weight: 1,
    anchors: [
      'Severe risks with no mitigation: legal, safety or reputational exposure.',
      'Significant risks; mitigation unclear or expensive.',
      'Moderate risks with known mitigations.',
      'Minor risks, well understood and mitigated.',
      'Negligible risk; easy to reverse if it fails.',
    ],
    questions: ['What is the worst thing that could happen, and how would we undo it?'],
  },
];
