/**
 * One CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). A leading =, +, - or @ would
 * be a formula in a spreadsheet, so it is prefixed with an apostrophe, as OWASP advises (Linear's own CSV
 * export does the same, and its importer strips it again).
 */
export const csvCell = (v: unknown): string => {
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A whole file: the header, then one line per row, CRLF as RFC 4180 writes it. */
export const csvFile = (header: readonly string[], rows: readonly (readonly unknown[])[]): string =>
  [header, ...rows]
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
