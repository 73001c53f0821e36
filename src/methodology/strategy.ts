import type { StageId } from './stages.ts';
import type { Origin } from './version.ts';

/**
 * Strategy as the method states it: a workspace's goals lead to one North Star metric for the product, and
 * team objectives move it, each with a named owner of its key metric. An idea says which objectives it
 * serves; that link is the evidence for its strategic fit.
 */
export const STRATEGY = {
  /** The dimension an objective link gives evidence for. */
  fitDimension: 'strategic-fit',
  limits: { goals: 10, objectives: 50, objectivesPerIdea: 10 },
  /** What each part asks, shown where it is edited. */
  prompts: {
    goals: 'What must the organisation achieve this year or two? A few goals, in its own words.',
    northStar: 'The one metric that best measures the value customers get from the product.',
    definition: 'What it counts, and how: the sentence that settles arguments about the number.',
    objective: 'A team objective that moves the North Star, with the key metric that shows it and who owns it.',
  },
} as const;

export const ROADMAP_COLUMN_IDS = ['now', 'next', 'later'] as const;
export type RoadmapColumnId = (typeof ROADMAP_COLUMN_IDS)[number];

export interface RoadmapColumn {
  id: RoadmapColumnId;
  name: string;
  origin: Origin;
  /** What being in the column means, shown under its heading. */
  meaning: string;
  /** The stages whose ideas stand in this column; a stage appears in one column at most. */
  stages: readonly StageId[];
}

/**
 * Now / Next / Later from the pipeline: what is being built, what is being tested, and what is still being
 * understood or was parked for later (with the review date its park decision set). Launched and killed ideas
 * are off the roadmap, and so are merged and archived ones.
 */
export const ROADMAP_COLUMNS: readonly RoadmapColumn[] = [
  {
    id: 'now',
    name: 'Now',
    origin: 'vetted',
    meaning: 'Being built: passed the gate into Realization.',
    stages: ['realization'],
  },
  {
    id: 'next',
    name: 'Next',
    origin: 'vetted',
    meaning: 'Being tested: its riskiest assumptions are in Validation.',
    stages: ['validation'],
  },
  {
    id: 'later',
    name: 'Later',
    origin: 'vetted',
    meaning: 'Still being understood in Discovery, or parked until its review date.',
    stages: ['discovery', 'parked'],
  },
];

/** Ideas listed per column; the rest are counted ("…and 40 more"). */
export const ROADMAP_PER_COLUMN = 100;

export const roadmapColumnOf = (stage: StageId): RoadmapColumnId | null =>
  ROADMAP_COLUMNS.find((c) => c.stages.includes(stage))?.id ?? null;
