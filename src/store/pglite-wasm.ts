import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PGliteOptions } from '@electric-sql/pglite';

type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;
/** The platform's WebAssembly, which @types/node 20 does not declare (TypeScript has it in its DOM library only). */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };

let compiled: Promise<WasmModule> | undefined;

/**
 * PGlite's PostgreSQL as a compiled WebAssembly module, compiled once per process and shared by every
 * database it opens. Left to itself, each `new PGlite()` reads and compiles its 9 MB again. The compiling
 * runs on V8's background threads from the first call, so a CLI command asks for it before it loads the
 * server's modules, and the two overlap.
 */
export function pgliteModule(): Promise<WasmModule> {
  compiled ??= readFile(createRequire(import.meta.url).resolve('@electric-sql/pglite/pglite.wasm')).then((bytes) =>
    WebAssembly.compile(bytes),
  );
  return compiled;
}
