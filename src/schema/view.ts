import { type Static, Type } from 'typebox';
import { Id, Strict, Text, Timestamp } from './common.ts';
import { IdeaFilters } from './idea.ts';

/** A member's named list of ideas: the filters and sort, kept so the same list is one click away. */
export const SavedView = Strict({
  id: Id,
  name: Type.String(),
  filters: IdeaFilters,
  createdAt: Timestamp,
});
export type SavedView = Static<typeof SavedView>;

export const SavedViewCreate = Strict({
  name: Text(80, 1, { pattern: '\\S' }),
  filters: IdeaFilters,
});
export type SavedViewCreate = Static<typeof SavedViewCreate>;
