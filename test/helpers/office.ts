import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Pages in a PDF, as poppler's pdfinfo reads them. */
export const pdfPages = (file: string) =>
  Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);

/** LibreOffice opens each file and prints it to PDF in `outdir`: one run for all (names must be unique). */
export function convertWithLibreOffice(files: readonly string[], outdir: string) {
  const profile = mkdtempSync(join(tmpdir(), 'vetted-lo-'));
  try {
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${profile}`,
        '--convert-to',
        'pdf',
        '--outdir',
        outdir,
        ...files,
      ],
      { stdio: 'ignore', timeout: 600_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
