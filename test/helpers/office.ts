import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Pages in each PDF, as poppler's pdfinfo reads them (NaN where it cannot read one). One shell runs pdfinfo
 * on all of them: a spawn from the test process, which holds a server and a database, cost ~50 ms each.
 */
export function pdfPages(files: readonly string[]): number[] {
  if (files.length === 0) return [];
  const script =
    'for f do p=$(pdfinfo "$f" 2>/dev/null | sed -n "s/^Pages:[[:space:]]*//p"); [ -n "$p" ] || p=unreadable; echo "$p"; done';
  const out = execFileSync('sh', ['-c', script, 'sh', ...files], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const pages = out.trimEnd().split('\n').map(Number);
  if (pages.length !== files.length) throw new Error(`pdfinfo answered for ${pages.length} of ${files.length} files`);
  return pages;
}

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
