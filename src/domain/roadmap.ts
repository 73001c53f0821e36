import {
  ROADMAP_COLUMNS,
  ROADMAP_PER_COLUMN,
  type RoadmapColumnId,
  roadmapColumnOf,
  type StageId,
} from '../methodology/index.ts';
import type { Roadmap, RoadmapItem } from '../schema/index.ts';

/** What the roadmap needs to know about one idea; nothing else of it is read, so nothing else can leak. */
export interface RoadmapIdea {
  number: number;
  title: string;
  stage: StageId;
  /** YYYY-MM-DD */
  createdOn: string;
  /** Higher first; null (not assessed) last. */
  score: number | null;
  /** Its gate decisions, oldest first. */
  decisions: readonly { toStage: StageId; on: string; reviewOn: string | null }[];
  objectives: readonly string[];
}

/**
 * Now / Next / Later (src/methodology/strategy.ts): each idea in the column its stage maps to, dated by the
 * decision that put it in that stage; a parked idea carries the review date its park decision set. Within a
 * column the best scored (adjusted score) come first, then by number; at most `perColumn` items, the rest counted.
 */
export function buildRoadmap(
  workspace: string,
  northStar: string,
  ideas: readonly RoadmapIdea[],
  options: { perColumn?: number; totals?: Partial<Record<RoadmapColumnId, number>> } = {},
): Roadmap {
  const perColumn = options.perColumn ?? ROADMAP_PER_COLUMN;
  const columns = ROADMAP_COLUMNS.map((c) => {
    const all = ideas
      .filter((i) => roadmapColumnOf(i.stage) === c.id)
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.number - b.number);
    const items = all.slice(0, perColumn).map((i): RoadmapItem => {
      const entered = i.decisions.filter((d) => d.toStage === i.stage).at(-1);
      return {
        number: i.number,
        title: i.title,
        stage: i.stage,
        since: entered?.on ?? i.createdOn,
        reviewOn: i.stage === 'parked' ? (entered?.reviewOn ?? null) : null,
        objectives: [...i.objectives],
      };
    });
    // The caller may pass only the first ideas of a column (a large workspace), with how many there are in all.
    const total = Math.max(options.totals?.[c.id] ?? 0, all.length);
    return { id: c.id, name: c.name, meaning: c.meaning, items, more: total - items.length };
  });
  return { workspace, northStar, columns };
}
