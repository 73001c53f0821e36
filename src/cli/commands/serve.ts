import { createInterface } from 'node:readline/promises';
import { buildServer } from '../../api/server.ts';
import { loadDemo } from '../../app/portfolio/demo.ts';
import { listWorkspaces } from '../../app/workspaces.ts';
import { SAMPLE_SLUG } from '../../sample/index.ts';
import { openStore } from '../../store/database.ts';
import { defaultDataDir } from '../../store/paths.ts';
import { writeLocalKey } from '../local-key.ts';
import { print } from '../output.ts';

async function offerDemo(): Promise<boolean> {
  if (!process.stdin.isTTY) {
    print('The database is empty. Run `vetted demo` (or start with --demo-if-empty) to load the sample portfolio.');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(
    'The database is empty. Load the sample portfolio (a fictional company, 20+ ideas)? [Y/n] ',
  );
  rl.close();
  return !/^n/i.test(answer.trim());
}

export async function serve(o: { port?: string; host?: string; 'demo-if-empty'?: boolean; 'data-dir'?: string }) {
  const port = Number(o.port ?? process.env.PORT ?? 3000);
  const host = o.host ?? process.env.HOST ?? '127.0.0.1';
  const store = await openStore({ dataDir: o['data-dir'] });
  const ctx = { store };
  const existing = await listWorkspaces(ctx);
  // With --demo-if-empty, an install holding nothing but the sample is handed to loadDemo too: it does
  // nothing when the sample is whole, and finishes one an older version left empty by a badly timed kill.
  const demo = o['demo-if-empty']
    ? existing.every((w) => w.slug === SAMPLE_SLUG)
    : existing.length === 0 && (await offerDemo());
  if (demo) {
    const r = await loadDemo(ctx);
    if (r.created) print(`Loaded the sample portfolio: ${r.imported} ideas in workspace "${r.slug}".`);
  }
  const { webPlugin } = await import('../../api/web.ts');
  // The CLI beside an embedded database finds this server through the lock, and acts through it with the
  // local key; a PostgreSQL install has no such neighbour (the CLI opens the database itself).
  const local = store.engine === 'pglite' ? writeLocalKey(o['data-dir'] ?? defaultDataDir()) : undefined;
  const app = await buildServer(ctx, { extend: webPlugin, identity: { localKey: local?.key } });
  await app.listen({ port, host });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${(app.server.address() as { port: number }).port}`;
  store.advertise({ url });
  print(`Vetted is running at ${url}  (API reference: ${url}/docs; data: ${store.location} on ${store.engine})`);
  // Runs until told to stop; then closes the database cleanly (releasing its lock) and returns.
  await new Promise<void>((resolve) => {
    const stop = async () => {
      await app.close();
      local?.remove();
      await store.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
