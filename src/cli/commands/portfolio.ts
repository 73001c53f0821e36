import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { DemoLoaded, ImportReport } from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, describeProblem, json, note, print, write } from '../output.ts';
import { progressBar } from '../progress.ts';

export async function init(s: Session, o: { name?: string; owner?: string }) {
  const slug = s.flags.workspace ?? 'default';
  const owner = o.owner ?? process.env.USER ?? 'Owner';
  const r = await s.client.request(
    'POST',
    '/api/workspaces',
    { slug, name: o.name ?? 'My workspace', owner: { name: owner } },
    await s.installActor(),
  );
  if (r.status === 409) return print(`Workspace "${slug}" already exists in ${s.client.where}.`);
  if (r.status >= 400) throw new CliError(describeProblem(r.status, r.body));
  if (s.flags.json) return json(r.body);
  print(`Created workspace "${slug}" with owner ${owner}, in ${s.client.where}.`);
}

export async function demo(s: Session) {
  const r = await s.call<DemoLoaded>('POST', '/api/demo', undefined, await s.installActor());
  if (s.flags.json) return json(r);
  print(
    r.created
      ? `Loaded the sample portfolio into workspace "${r.slug}": ${r.imported} ideas.`
      : `The sample portfolio is already loaded (workspace "${r.slug}").`,
  );
}

function printReport(r: ImportReport) {
  for (const e of r.errors.slice(0, 100)) print(`  row ${e.row}${e.path ? ` ${e.path}` : ''}: ${e.message}`);
  if (r.errors.length > 100) print(`  … and ${r.errors.length - 100} more`);
  if (r.dryRun) {
    print(
      r.errors.length
        ? `Dry run: ${r.errors.length} error(s) in ${r.rows} row(s); nothing would be imported until they are fixed.`
        : `Dry run: all ${r.rows} row(s) are valid and would be imported${r.membersCreated.length ? `; new members: ${r.membersCreated.join(', ')}` : ''}. Nothing was written.`,
    );
  } else {
    print(
      `Imported ${r.imported} idea(s)${r.membersCreated.length ? `; new members: ${r.membersCreated.join(', ')}` : ''}.`,
    );
  }
}

/** Local mode writes through the use case directly, so it can show progress; remote mode posts the file. */
export async function importFile(s: Session, path: string | undefined, o: { 'dry-run'?: boolean }) {
  if (!path) throw new CliError('Usage: vetted import <file.csv|file.json> [--dry-run]', 2);
  const dryRun = !!o['dry-run'];
  let report: ImportReport;
  if (s.client.ctx) {
    const ctx = s.client.ctx;
    // Loaded here: a CLI talking to a server only posts the file.
    const [{ AppError }, { ensureWorkspace, readImportFile }, { importOpportunities }] = await Promise.all([
      import('../../app/errors.ts'),
      import('../../app/portfolio/files.ts'),
      import('../../app/portfolio/import.ts'),
    ]);
    try {
      const input = await readImportFile(path);
      const slug =
        input.workspace && !s.flags.workspace
          ? await ensureWorkspace(ctx, input.workspace, input.members)
          : await s.workspace();
      const bar = progressBar('Importing');
      try {
        report = await importOpportunities(ctx, slug, input, { dryRun, onProgress: (d, t) => bar.update(d, t) });
      } finally {
        bar.done();
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new CliError(describeProblem(error.status, { detail: error.message, errors: error.errors }));
    }
  } else {
    const csv = extname(path).toLowerCase() === '.csv';
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CliError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code}.`);
    }
    let body: unknown = text;
    if (!csv) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new CliError(`The file is not valid JSON: ${(error as Error).message}`);
      }
    }
    note(`Sending ${path} to ${s.client.where}…\n`);
    report = await s.call<ImportReport>('POST', `${await s.ws('/import')}?dryRun=${dryRun}`, body, await s.actor());
  }
  if (s.flags.json) return json(report);
  printReport(report);
  if (report.errors.length) throw new CliError('', 1);
}

export async function exportFile(s: Session, o: { format?: string; output?: string }) {
  const format = o.format ?? (o.output && extname(o.output).toLowerCase() === '.csv' ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new CliError('--format must be json or csv', 2);
  const r = await s.client.request('GET', `${await s.ws('/export')}?format=${format}`);
  if (r.status >= 400) throw new CliError(describeProblem(r.status, r.body));
  const text = format === 'csv' ? r.text : `${JSON.stringify(r.body, null, 2)}\n`;
  if (!o.output) return write(text);
  await writeFile(o.output, text);
  print(`Wrote ${o.output}.`);
}
