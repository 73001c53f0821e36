import { parse } from 'csv-parse/sync';
import type { Idea } from '../../schema/index.ts';
import type { RowError } from './validate.ts';

export const CSV_COLUMNS = ['title', 'description', 'tags', 'stage', 'channel', 'submitter', 'anonymous'] as const;

/**
 * Ideas from CSV: a header row naming any of CSV_COLUMNS (title required); tags separated by ";" or "|".
 * Each data row becomes an opportunity; anything off is reported with its row number, never guessed at.
 */
export function opportunitiesFromCsv(text: string): { opportunities: unknown[]; errors: RowError[] } {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    return {
      opportunities: [],
      errors: [{ row: 0, path: '', message: `The CSV cannot be read: ${(error as Error).message}` }],
    };
  }
  const errors: RowError[] = [];
  const header = Object.keys(records[0] ?? {});
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    errors.push({
      row: 0,
      path: '',
      message: `Unknown column(s): ${unknown.join(', ')}. Known: ${CSV_COLUMNS.join(', ')}.`,
    });
  if (records.length && !header.includes('title'))
    errors.push({ row: 0, path: '', message: 'The header has no "title" column.' });
  const opportunities = records.map((r) => {
    const idea: Record<string, unknown> = { title: r.title ?? '' };
    if (r.description) idea.description = r.description;
    if (r.tags)
      idea.tags = [
        ...new Set(
          r.tags
            .split(/[;|]/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
    if (r.stage) idea.stage = r.stage.toLowerCase();
    if (r.channel) idea.channel = r.channel.toLowerCase();
    if (r.submitter) idea.submitter = r.submitter;
    if (r.anonymous) idea.anonymous = /^(true|yes|1)$/i.test(r.anonymous);
    return { idea };
  });
  return { opportunities, errors };
}

/** A cell a spreadsheet would run as a formula is prefixed, so an export cannot carry an attack. */
function cell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const IDEA_CSV_HEADER = [
  'number',
  'title',
  'description',
  'tags',
  'stage',
  'channel',
  'submitter',
  'anonymous',
  'composite',
  'adjusted',
  'coverage',
  'created_at',
  'updated_at',
];

/** CSV lines (each ending in a newline) for ideas, without the header. */
export function ideaCsvLines(ideas: Idea[]): string {
  const lines: string[] = [];
  for (const i of ideas) {
    lines.push(
      [
        i.number,
        i.title,
        i.description,
        i.tags.join(';'),
        i.stage,
        i.channel,
        i.submitter?.name ?? '',
        i.anonymous,
        i.score.composite ?? '',
        i.score.adjusted ?? '',
        i.score.coverage,
        i.createdAt,
        i.updatedAt,
      ]
        .map(cell)
        .join(','),
    );
  }
  return lines.map((l) => `${l}\n`).join('');
}
