/**
 * The documents pack over HTTP: every kind in every format for the richest sample opportunity, fetched from a
 * running server (embedded PGlite, the sample portfolio loaded) with 4 requests in flight, as a client would
 * download the pack; then the same files as one ZIP (`GET …/document-pack`, what `vetted doc pack` uses); then
 * both again with the idea changed before each run (so no kept input helps: the first pack after an edit);
 * beside them the same pack rendered in-process in the same run. Prints figures; asserts nothing. Target
 * (from the issue): the whole pack (25 files, six kinds) over HTTP in under 1 s, warm.
 *
 *   node --import tsx bench/run.ts documents-http [--runs 5] [--in-flight 4]
 */
import { loadavg } from 'node:os';
import { buildServer } from '../src/api/server.ts';
import { documentInput } from '../src/app/documents.ts';
import { loadDemo } from '../src/app/portfolio/demo.ts';
import { createDocumentRenderer, renderPack, supportedFormats } from '../src/documents/index.ts';
import { DOCUMENT_KINDS } from '../src/methodology/index.ts';
import { loadSamplePortfolio } from '../src/sample/index.ts';
import { openMemoryStore } from '../src/store/database.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

export async function documentsHttpBenchmark() {
  const runs = Math.max(1, Number(arg('runs', '5')));
  const inFlight = Math.max(1, Number(arg('in-flight', '4')));
  console.log(`\n## Documents pack over HTTP (${inFlight} requests in flight) and in-process`);
  const store = await openMemoryStore();
  const ctx = { store };
  const { slug } = await loadDemo(ctx);
  const sample = loadSamplePortfolio();
  const richest = [...sample.opportunities].sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0]!;
  // The machine's own key, for a server that asks callers who they are (ignored by one that does not).
  const localKey = `bench-${process.pid}-${Date.now()}`;
  const app = await buildServer(ctx, { logger: false, ...({ identity: { localKey } } as object) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/workspaces/${slug}`;
  const headers = { authorization: `Bearer ${localKey}` };
  const get = (url: string) => fetch(url, { headers });
  try {
    const list = (await (await get(`${base}/ideas?limit=200&sort=number`)).json()) as {
      items: { number: number; title: string; description?: string; version: number }[];
    };
    const idea = list.items.find((i) => i.title === richest.idea.title) ?? list.items[0]!;
    const owner = ((await (await get(`${base}/members`)).json()) as { id: string; role: string }[]).find(
      (m) => m.role === 'owner',
    )!;
    const jobs = DOCUMENT_KINDS.flatMap((kind) => supportedFormats(kind).map((format) => ({ kind, format })));
    // An edit to the idea (its description, back and forth): every kept input is forgotten.
    let edits = 0;
    const edit = async () => {
      const current = (await (await get(`${base}/ideas/${idea.number}`)).json()) as typeof idea;
      const r = await fetch(`${base}/ideas/${idea.number}`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json', 'vetted-actor': owner.id },
        body: JSON.stringify({
          description: `${richest.idea.description ?? ''}${edits++ % 2 ? '' : ' (edited)'}`.trim(),
          version: current.version,
        }),
      });
      if (r.status !== 200) throw new Error(`edit: ${r.status} ${await r.text()}`);
    };

    const pack = async () => {
      const queue = [...jobs];
      const slowest: { what: string; ms: number }[] = [];
      let bytes = 0;
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const t = performance.now();
          const r = await get(`${base}/ideas/${idea.number}/documents/${job.kind}?format=${job.format}`);
          if (r.status !== 200) throw new Error(`${job.kind} ${job.format}: ${r.status} ${await r.text()}`);
          bytes += (await r.arrayBuffer()).byteLength;
          slowest.push({ what: `${job.kind} ${job.format}`, ms: performance.now() - t });
        }
      };
      const t = performance.now();
      await Promise.all(Array.from({ length: inFlight }, worker));
      return { ms: performance.now() - t, bytes, slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 3) };
    };

    const zip = async () => {
      const t = performance.now();
      const r = await get(`${base}/ideas/${idea.number}/document-pack`);
      if (r.status !== 200) throw new Error(`document-pack: ${r.status} ${await r.text()}`);
      const bytes = (await r.arrayBuffer()).byteLength;
      return { ms: performance.now() - t, bytes };
    };

    const cold = await pack(); // launches the browser
    const http: number[] = [];
    let last = cold;
    for (let i = 0; i < runs; i++) {
      last = await pack();
      http.push(last.ms);
    }
    const zipped: number[] = [];
    let zipBytes = 0;
    for (let i = 0; i < runs; i++) {
      const z = await zip();
      zipped.push(z.ms);
      zipBytes = z.bytes;
    }
    const httpEdited: number[] = [];
    const zipEdited: number[] = [];
    for (let i = 0; i < runs; i++) {
      await edit();
      httpEdited.push((await pack()).ms);
      await edit();
      zipEdited.push((await zip()).ms);
    }

    // The same pack in-process: the input read once, the PDFs printed concurrently in one browser, DOCX and
    // PPTX on the office thread, as the server's renderer does.
    const renderer = createDocumentRenderer({ officeThread: true });
    const inProcess: number[] = [];
    try {
      await renderPack(await documentInput(ctx, slug, String(idea.number)), { renderer });
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await renderPack(await documentInput(ctx, slug, String(idea.number)), { renderer });
        inProcess.push(performance.now() - t);
      }
    } finally {
      await renderer.close();
    }
    const input: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await documentInput(ctx, slug, String(idea.number));
      input.push(performance.now() - t);
    }

    console.log(`idea #${idea.number} "${idea.title}": ${jobs.length} files, ${(last.bytes / 1024).toFixed(0)} KiB`);
    console.log(`cold first pack over HTTP (incl. browser launch): ${ms(cold.ms)}`);
    console.log(
      `pack over HTTP, warm: median ${ms(median(http))}, best ${ms(Math.min(...http))} of ${runs} (target < 1000 ms)`,
    );
    console.log(`  slowest requests of the last run: ${last.slowest.map((s) => `${s.what} ${ms(s.ms)}`).join(', ')}`);
    console.log(
      `pack as one ZIP over HTTP (${(zipBytes / 1024).toFixed(0)} KiB), warm: median ${ms(median(zipped))}, best ${ms(Math.min(...zipped))}`,
    );
    console.log(
      `the idea edited before each run: ${jobs.length} files median ${ms(median(httpEdited))}, one ZIP median ${ms(median(zipEdited))}`,
    );
    console.log(
      `pack in-process (input read once), warm: median ${ms(median(inProcess))}, best ${ms(Math.min(...inProcess))}; ratio HTTP / in-process ${(median(http) / median(inProcess)).toFixed(2)}`,
    );
    console.log(`reading one document's input from the database: median ${ms(median(input))}`);
    console.log(`(load average ${loadavg()[0]!.toFixed(2)})`);
  } finally {
    await app.close();
    await store.close();
  }
}
