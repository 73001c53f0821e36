import type { IdeaStatement } from '../schema/index.ts';

/** The method's idea format as one sentence. */
export const formatStatement = (s: IdeaStatement): string =>
  `A ${s.object} for ${s.users} that ${s.doesWhat} in order to ${s.goal}; users benefit by ${s.value} when ${s.situation}.`;
