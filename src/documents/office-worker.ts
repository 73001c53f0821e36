import { parentPort } from 'node:worker_threads';
import type { DocumentModel } from '../domain/documents/index.ts';
import { renderDocx } from './docx.ts';
import { renderPptx } from './pptx.ts';

/**
 * The office thread (see office-thread.ts): renders DOCX and PPTX for the main thread, one job at a time,
 * and sends each file back as a buffer of its own (transferred, not copied).
 */
export interface OfficeJob {
  id: number;
  format: 'docx' | 'pptx';
  model: DocumentModel;
}
export type OfficeResult = { id: number; bytes: Uint8Array } | { id: number; error: string };

parentPort?.on('message', async (job: OfficeJob) => {
  try {
    const out = job.format === 'docx' ? await renderDocx(job.model) : await renderPptx(job.model);
    const bytes = new Uint8Array(out.byteLength);
    bytes.set(out);
    parentPort!.postMessage({ id: job.id, bytes } satisfies OfficeResult, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message } satisfies OfficeResult);
  }
});
