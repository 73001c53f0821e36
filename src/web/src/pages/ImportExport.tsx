import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api, describeError, exportUrl } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { ImportReport } from '../types.ts';
import { Page, ScrollRegion } from '../ui.tsx';

/** Rows listed one by one in a check's report; past this, rows without a problem are counted, not listed. */
const LISTED_ROWS = 200;

interface Picked {
  name: string;
  text: string;
  format: 'csv' | 'json';
}

/**
 * Export the workspace, and import ideas from a file in two steps: a check (the API's dry run, which
 * writes nothing) reported row by row, then the import itself, all or nothing, of exactly the file checked.
 */
export default function ImportExport() {
  const { ws, can, workspace } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [file, setFile] = useState<Picked | null>(null);
  const [readError, setReadError] = useState('');
  const check = useMutation({ mutationFn: (f: Picked) => api.importFile(ws, f.text, f.format, true) });
  const run = useMutation({
    mutationFn: (f: Picked) => api.importFile(ws, f.text, f.format, false),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ws] }),
  });

  const pick = async (picked: File | undefined) => {
    check.reset();
    run.reset();
    setFile(null);
    setReadError('');
    if (!picked) return;
    try {
      const text = await picked.text();
      const format = /\.csv$/i.test(picked.name) || picked.type === 'text/csv' ? 'csv' : 'json';
      const f = { name: picked.name, text, format } as const;
      setFile(f);
      check.mutate(f);
    } catch (e) {
      setReadError(`The file could not be read: ${describeError(e)}`);
    }
  };
  const report = check.data;
  const ready = report && report.errors.length === 0 && report.imported > 0;

  return (
    <Page title="Import and export" lead={`Move ideas in and out of ${workspace.name}.`}>
      <section aria-labelledby={`${id}export`} className="stack">
        <h2 id={`${id}export`}>Export</h2>
        <p>
          The portfolio file keeps everything about every idea and can be imported again; the CSV has one row per idea
          with its scores, for a spreadsheet.
        </p>
        <p className="actions">
          <a className="button" href={exportUrl(ws, 'json')} download>
            Download the portfolio file (JSON)
          </a>
          <a className="button" href={exportUrl(ws, 'csv')} download>
            Download ideas as CSV
          </a>
        </p>
      </section>

      <section aria-labelledby={`${id}import`} className="stack">
        <h2 id={`${id}import`}>Import</h2>
        <NotAllowed permission="administer" to="import ideas" />
        {can('administer') ? (
          <>
            <p>
              A CSV with a header row (a <code>title</code> column at least; tags separated by <code>;</code>), or a
              portfolio or opportunity file in JSON. The file is checked first and nothing is written until you say so;
              then every row is imported, or none.
            </p>
            <div className="field">
              <label htmlFor={`${id}file`}>File to import</label>
              <input
                id={`${id}file`}
                type="file"
                accept=".csv,.json,text/csv,application/json"
                onChange={(e) => void pick(e.target.files?.[0])}
              />
            </div>
            {readError ? (
              <p className="notice notice-error" role="alert">
                {readError}
              </p>
            ) : null}
            <div aria-live="polite">
              {check.isPending ? <p className="muted">Checking {file?.name}…</p> : null}
              {check.error ? (
                <p className="notice notice-error" role="alert">
                  {describeError(check.error)}
                </p>
              ) : null}
              {report && file && !run.data ? <CheckReport report={report} name={file.name} /> : null}
              {run.data ? (
                <div className="notice" role="status" data-testid="import-done">
                  <p>
                    Imported {run.data.imported} idea{run.data.imported === 1 ? '' : 's'}
                    {run.data.numbers.length
                      ? `: #${run.data.numbers[0]}${run.data.numbers.length > 1 ? `–#${run.data.numbers.at(-1)}` : ''}`
                      : ''}
                    .{run.data.membersCreated.length ? ` New members: ${run.data.membersCreated.join(', ')}.` : ''}{' '}
                    <Link href="/list?sort=-number">See them in the list</Link>
                  </p>
                </div>
              ) : null}
              {run.error ? (
                <p className="notice notice-error" role="alert">
                  {describeError(run.error)}
                </p>
              ) : null}
            </div>
            {ready && file && !run.data ? (
              <p className="actions">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={run.isPending}
                  onClick={() => run.mutate(file)}
                >
                  {run.isPending ? 'Importing…' : `Import ${report.imported} idea${report.imported === 1 ? '' : 's'}`}
                </button>
              </p>
            ) : null}
          </>
        ) : null}
      </section>
    </Page>
  );
}

/** A check's outcome, row by row: what each row would become, or what is wrong with it. */
function CheckReport({ report, name }: { report: ImportReport; name: string }) {
  const byRow = new Map<number, ImportReport['errors']>();
  for (const e of report.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const fileErrors = byRow.get(0) ?? [];
  const rows = Array.from({ length: report.rows }, (_, i) => i + 1);
  const listed = rows.filter((r, i) => i < LISTED_ROWS || byRow.has(r));
  const failing = rows.filter((r) => byRow.has(r)).length;
  return (
    <div className="stack" data-testid="import-check">
      <p className={report.errors.length ? 'notice notice-error' : 'notice'}>
        Checked {name}: {report.rows} row{report.rows === 1 ? '' : 's'}.{' '}
        {report.errors.length
          ? `${failing + (fileErrors.length ? 1 : 0)} with problems: fix them and choose the file again. Nothing was written.`
          : `All ${report.imported} can be imported. Nothing was written yet.`}
        {report.membersCreated.length ? ` New members would be added: ${report.membersCreated.join(', ')}.` : ''}
      </p>
      {fileErrors.length ? (
        <ul className="refusals">
          {fileErrors.map((e) => (
            <li key={e.path + e.message}>
              {e.path ? <code>{e.path}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {rows.length ? (
        <ScrollRegion label="The check, row by row">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((r) => (
                <tr key={r} className={byRow.has(r) ? 'row-error' : undefined}>
                  <td className="num">{r}</td>
                  <td>
                    {byRow.has(r) ? (
                      <ul className="plain-list">
                        {byRow.get(r)!.map((e) => (
                          <li key={e.path + e.message}>
                            {e.path ? <code>{e.path}</code> : null} {e.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      'Ready to import'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {listed.length < rows.length ? (
        <p className="muted small">…and {rows.length - listed.length} more rows, all ready to import.</p>
      ) : null}
    </div>
  );
}
