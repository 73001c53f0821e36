import type { Worker } from 'node:worker_threads';
import type { DocumentModel } from '../domain/documents/index.ts';
import { startThread } from '../platform/thread.ts';
import type { OfficeJob, OfficeResult } from './office-worker.ts';

/**
 * DOCX and PPTX made on a thread of their own. Both generators are plain JavaScript that holds the event
 * loop for 20-100 ms a file; when files are made several at a time (a pack, or its files asked for at
 * once), that work queues up on the main thread while the browser prints the PDFs beside it. On this
 * thread it runs alongside instead, and the server keeps answering meanwhile. The same renderers run
 * there, so the files are the same.
 *
 * The thread starts on first use and stays until close(); it keeps the process alive only while it has
 * work. If it fails, the jobs it held fail with it and the next job starts a new thread.
 */
export class OfficeThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  private next = 0;

  render(model: DocumentModel, format: 'docx' | 'pptx'): Promise<Uint8Array> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.next++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, format, model } satisfies OfficeJob);
    });
  }

  private start(): Worker {
    const worker = startThread('office-worker', import.meta.url);
    worker.unref();
    worker.on('message', (r: OfficeResult) => {
      const job = this.pending.get(r.id);
      if (!job) return;
      this.pending.delete(r.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in r) job.reject(new Error(r.error));
      else job.resolve(r.bytes);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The office document thread stopped (exit code ${code}).`)));
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
