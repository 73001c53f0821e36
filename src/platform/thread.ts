import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the script `name` that sits beside the calling module (`caller`: its
 * import.meta.url). In dist/ the build emits `name.js` beside the chunks (scripts/build.js); from the
 * sources (tsx: tests, development) it is `name.ts`, imported once tsx is in place in the thread.
 */
export function startThread(name: string, caller: string, options: WorkerOptions = {}): Worker {
  const fromSource = caller.endsWith('.ts');
  const script = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, caller);
  if (!fromSource) return new Worker(script, options);
  const boot = `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(script.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}
