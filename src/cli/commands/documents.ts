import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS, type DocumentFormat, type DocumentKind } from '../../methodology/index.ts';
import type { DocumentOffer, Idea } from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, describeProblem, json, print, write } from '../output.ts';
import { progressBar } from '../progress.ts';

const EXTENSION: Record<DocumentFormat, string> = {
  markdown: 'md',
  html: 'html',
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
};
const FORMAT_ALIASES: Record<string, DocumentFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
};

async function fetchDocument(s: Session, ref: string, kind: DocumentKind, format: DocumentFormat) {
  const r = await s.client.download(await s.ws(`/ideas/${encodeURIComponent(ref)}/documents/${kind}?format=${format}`));
  if (r.status >= 400) throw new CliError(describeProblem(r.status, r.body));
  return r.bytes;
}

/** `vetted doc <kind> <idea> --format pdf -o prd.pdf`, or `vetted doc pack <idea> -o folder` for everything. */
export async function doc(
  s: Session,
  kind: string | undefined,
  ref: string | undefined,
  o: { format?: string; output?: string },
) {
  const usage = `Usage: vetted doc <${DOCUMENT_KINDS.join('|')}> <idea> [--format ${DOCUMENT_FORMATS.join('|')}] [-o FILE]\n       vetted doc pack <idea> [-o FOLDER]`;
  if (!kind || !ref) throw new CliError(usage, 2);
  if (kind === 'pack') return pack(s, ref, o.output);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind))
    throw new CliError(`Unknown document kind "${kind}".\n${usage}`, 2);
  const format = FORMAT_ALIASES[(o.format ?? 'markdown').toLowerCase()];
  if (!format) throw new CliError(`Unknown format "${o.format}": choose ${DOCUMENT_FORMATS.join(', ')}.`, 2);
  const bytes = await fetchDocument(s, ref, kind as DocumentKind, format);
  if (!o.output) {
    if ((format === 'markdown' || format === 'html') && !s.flags.json) return write(bytes);
    throw new CliError(`A ${format} file is binary: write it with -o FILE.`, 2);
  }
  await writeFile(o.output, bytes);
  print(`Wrote ${o.output} (${bytes.length.toLocaleString('en-US')} bytes).`);
}

async function pack(s: Session, ref: string, output: string | undefined) {
  const idea = await s.call<Idea>('GET', await s.ws(`/ideas/${encodeURIComponent(ref)}`));
  const list = await s.call<DocumentOffer[]>('GET', await s.ws(`/ideas/${encodeURIComponent(ref)}/documents`));
  const folder = output ?? `idea-${idea.number}-documents`;
  await mkdir(folder, { recursive: true });
  const jobs = list.flatMap((d) => d.formats.map((format) => ({ kind: d.kind, format })));
  const bar = progressBar('Writing documents');
  const written: { file: string; bytes: number; ms: number }[] = [];
  const started = performance.now();
  try {
    for (const [i, job] of jobs.entries()) {
      const t = performance.now();
      const bytes = await fetchDocument(s, ref, job.kind, job.format);
      const file = join(folder, `${job.kind}.${EXTENSION[job.format]}`);
      await writeFile(file, bytes);
      written.push({ file, bytes: bytes.length, ms: Math.round(performance.now() - t) });
      bar.update(i + 1, jobs.length);
    }
  } finally {
    bar.done();
  }
  if (s.flags.json) return json(written);
  print(
    `Wrote ${written.length} documents for #${idea.number} into ${folder}/ in ${Math.round(performance.now() - started)} ms.`,
  );
}
