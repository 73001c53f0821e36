import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
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

/**
 * Reads a ZIP as it arrives, for the documents pack: the server writes each entry's sizes and checksum in its
 * local header, so each file can be taken as soon as its bytes are in. Only what the pack uses: stored or
 * deflated entries, plain names, no data descriptors.
 */
function zipReader(onEntry: (name: string, data: Buffer) => void) {
  let pending: Buffer = Buffer.alloc(0);
  let complete = false;
  return {
    push(chunk: Buffer) {
      if (complete) return;
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 4) {
        // Anything but another file is the central directory that closes the archive.
        if (pending.readUInt32LE(0) !== 0x04034b50) {
          complete = true;
          return;
        }
        if (pending.length < 30) return;
        const method = pending.readUInt16LE(8);
        const crc = pending.readUInt32LE(14);
        const size = pending.readUInt32LE(18);
        const start = 30 + pending.readUInt16LE(26) + pending.readUInt16LE(28);
        if (pending.readUInt16LE(6) & 0x08) throw new CliError('The documents pack is not in the expected form.');
        if (pending.length < start + size) return;
        const name = pending.toString('utf8', 30, 30 + pending.readUInt16LE(26));
        const raw = pending.subarray(start, start + size);
        const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
        if ((method !== 0 && method !== 8) || crc32(data) >>> 0 !== crc || !/^[a-z-]+\.[a-z]+$/.test(name))
          throw new CliError(`The documents pack holds a damaged or unexpected entry (${JSON.stringify(name)}).`);
        onEntry(name, data);
        pending = pending.subarray(start + size);
      }
    },
    /** Whether the archive ended properly (its closing directory arrived). */
    get complete() {
      return complete;
    },
  };
}

/**
 * Every kind in every format, as one ZIP from the server (the idea read once, the PDFs printed at the same
 * time), each file written as it arrives. A server from before the pack route gets the files one by one.
 */
async function pack(s: Session, ref: string, output: string | undefined) {
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const idea = await s.call<Idea>('GET', base);
  const list = await s.call<DocumentOffer[]>('GET', `${base}/documents`);
  const folder = output ?? `idea-${idea.number}-documents`;
  await mkdir(folder, { recursive: true });
  const jobs = list.flatMap((d) => d.formats.map((format) => ({ kind: d.kind, format })));
  const names = jobs.map((j) => `${j.kind}.${EXTENSION[j.format]}`);
  const bar = progressBar('Writing documents');
  const written: { file: string; bytes: number; ms: number }[] = [];
  const writes: Promise<void>[] = [];
  const started = performance.now();
  try {
    const reader = zipReader((name, data) => {
      if (!names.includes(name)) throw new CliError(`The documents pack holds an unexpected file "${name}".`);
      const file = join(folder, name);
      writes.push(writeFile(file, data));
      // ms: when the file arrived, from the start of the pack (the pieces are made at the same time).
      written.push({ file, bytes: data.length, ms: Math.round(performance.now() - started) });
      bar.update(written.length, jobs.length);
    });
    // Called from the socket's events: a damaged entry is kept and thrown once the download is over.
    let damaged: unknown;
    const r = await s.client.download(`${base}/document-pack`, (chunk) => {
      try {
        if (!damaged) reader.push(chunk);
      } catch (error) {
        damaged = error;
      }
    });
    if (r.status === 404) {
      // The idea exists (read above): it is the route that does not, on an older server.
      await Promise.all(writes);
      return finish(s, idea, folder, await fileByFile(s, ref, folder, jobs, bar), started);
    }
    if (r.status >= 400) throw new CliError(describeProblem(r.status, r.body));
    await Promise.all(writes);
    if (damaged) throw damaged;
    const missing = names.filter((n) => !written.some((w) => w.file === join(folder, n)));
    if (!reader.complete || missing.length)
      throw new CliError(
        `The documents pack from the server ended early${missing.length ? ` (missing ${missing.join(', ')})` : ''}. Try again.`,
      );
  } finally {
    bar.done();
  }
  written.sort((a, b) => names.indexOf(basename(a.file)) - names.indexOf(basename(b.file)));
  return finish(s, idea, folder, written, started);
}

function finish(
  s: Session,
  idea: Idea,
  folder: string,
  written: { file: string; bytes: number; ms: number }[],
  started: number,
) {
  if (s.flags.json) return json(written);
  print(
    `Wrote ${written.length} documents for #${idea.number} into ${folder}/ in ${Math.round(performance.now() - started)} ms.`,
  );
}

async function fileByFile(
  s: Session,
  ref: string,
  folder: string,
  jobs: { kind: DocumentKind; format: DocumentFormat }[],
  bar: ReturnType<typeof progressBar>,
) {
  const written: { file: string; bytes: number; ms: number }[] = [];
  for (const [i, job] of jobs.entries()) {
    const t = performance.now();
    const bytes = await fetchDocument(s, ref, job.kind, job.format);
    const file = join(folder, `${job.kind}.${EXTENSION[job.format]}`);
    await writeFile(file, bytes);
    written.push({ file, bytes: bytes.length, ms: Math.round(performance.now() - t) });
    bar.update(i + 1, jobs.length);
  }
  return written;
}
