import { MOSCOW_NAMES, type Moscow } from '../methodology/index.ts';
import type { MvpData, UserStory } from '../schema/index.ts';
import { csvFile } from './csv.ts';
import { storySentence } from './mvp.ts';

export type StoriesCsvFormat = 'jira' | 'linear';

/**
 * The columns each importer reads, from their documentation:
 * - Jira's CSV importer (support.atlassian.com, "Import data from a CSV file"): a header row with a Summary
 *   column is required, header names without punctuation, an empty value keeps its comma; the documentation's
 *   own example header is "Summary, Assignee, Reporter, Issue Type, Description, Priority". A field with
 *   several values (Labels) takes one column per value, all under the same header.
 * - Linear's CSV import (the `@linear/import` README, "Linear CSV"): Title, Description, Priority, Status,
 *   Assignee, Labels, Estimate, Created, Completed; Priority is one of No priority, Urgent, High, Medium, Low
 *   and Labels are separated by ", ".
 * Only the columns Vetted has data for are written.
 */
const HEADERS: Record<StoriesCsvFormat, readonly string[]> = {
  jira: ['Summary', 'Issue Type', 'Description', 'Priority', 'Labels', 'Labels'],
  linear: ['Title', 'Description', 'Priority', 'Status', 'Labels'],
};

/** The cut as each tool's priority: Jira's default scheme (Highest…Lowest) and Linear's fixed one. */
const PRIORITY: Record<StoriesCsvFormat, Record<Moscow, string>> = {
  jira: { must: 'High', should: 'Medium', could: 'Low', wont: 'Lowest' },
  linear: { must: 'High', should: 'Medium', could: 'Low', wont: 'No priority' },
};

/** A Jira label cannot hold a space: "must have" becomes "must-have". */
const label = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

/** The body: the story, its acceptance criteria, what it tests and how it was scored. */
function description(s: UserStory, sentence: string): string {
  const lines = [sentence];
  if (s.acceptance?.length) lines.push('', 'Acceptance criteria:', ...s.acceptance.map((a) => `- ${a}`));
  if (s.tests) lines.push('', `Tests assumption ${s.tests}.`);
  const scores = (['value', 'importance', 'cost', 'feasibility'] as const)
    .filter((c) => s[c] !== undefined)
    .map((c) => `${c} ${s[c]}/5`);
  if (scores.length) lines.push('', `Scores: ${scores.join(', ')}.`);
  if (s.moscow) lines.push('', `Cut: ${MOSCOW_NAMES[s.moscow]} (${s.ref} in Vetted).`);
  else lines.push('', `${s.ref} in Vetted.`);
  return lines.join('\n');
}

/** The backlog (or only the MVP's must-have stories) as a CSV file the chosen tool imports. */
export function storiesCsv(mvp: MvpData | null | undefined, format: StoriesCsvFormat, onlyMvp = false): string {
  const names = new Map((mvp?.userClasses ?? []).map((c) => [c.ref, c.name]));
  const stories = (mvp?.stories ?? []).filter((s) => !onlyMvp || s.moscow === 'must');
  const rows = stories.map((s) => {
    const name = names.get(s.userClass) ?? null;
    const sentence = storySentence(s, name);
    // Jira caps a summary at 255 characters; the whole sentence stays in the description.
    const title = sentence.length > 255 ? `${sentence.slice(0, 254)}…` : sentence;
    const priority = s.moscow ? PRIORITY[format][s.moscow] : format === 'linear' ? 'No priority' : '';
    const labels = [s.moscow ? label(MOSCOW_NAMES[s.moscow].replace(/ \(.*\)$/, '')) : '', name ? label(name) : ''];
    return format === 'jira'
      ? [title, 'Story', description(s, sentence), priority, ...labels]
      : [title, description(s, sentence), priority, 'Backlog', labels.filter(Boolean).join(', ')];
  });
  return csvFile(HEADERS[format], rows);
}
