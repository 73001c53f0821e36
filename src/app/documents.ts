import { eq } from 'drizzle-orm';
import type { DocumentRenderer, PackItem, RenderedDocument } from '../documents/index.ts';
import type { DocumentInput, DocumentModel } from '../domain/documents/index.ts';
import { DOCUMENT_KINDS, type DocumentFormat, type DocumentKind, FORMATS_BY_KIND } from '../methodology/index.ts';
import { checkDocumentTemplateFile, type DocumentTemplateFile } from '../schema/index.ts';
import { workspaces } from '../store/schema.ts';
import { type Actor, type AppContext, nowOf } from './context.ts';
import { actorRequired, conflict, invalid } from './errors.ts';
import { findIdea } from './ideas.ts';
import { opportunityOf } from './opportunities.ts';
import { dimensionsOf, findWorkspace } from './workspaces.ts';

// Loaded on first use (see documentInput) and kept: a pack asks for them 21 times over, and each import()
// of a module already loaded still goes through the module loader (and its hooks, under tsx).
let challengerModule: Promise<typeof import('../domain/challenger/index.ts')> | undefined;
let buildersModule: Promise<typeof import('../domain/documents/index.ts')> | undefined;
let renderersModule: Promise<typeof import('../documents/index.ts')> | undefined;
const challenger = () => {
  challengerModule ??= import('../domain/challenger/index.ts');
  return challengerModule;
};
const builders = () => {
  buildersModule ??= import('../domain/documents/index.ts');
  return buildersModule;
};
const renderers = () => {
  renderersModule ??= import('../documents/index.ts');
  return renderersModule;
};

/** Everything a document is made from: the idea's data, the challenger's open questions, the workspace's templates. */
export async function documentInput(ctx: AppContext, slug: string, ref: string): Promise<DocumentInput> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  const opportunity = await opportunityOf(db, ws, idea);
  const dimensions = dimensionsOf(ws);
  const generatedAt = nowOf(ctx);
  // Loaded on first use: the challenger's English tagger and the renderers (docx, pptxgenjs, pdfkit) take
  // a noticeable part of a second to load, which a process that never makes a document should not pay.
  const { challenge } = await challenger();
  const findings = challenge(opportunity, { dimensions, now: generatedAt });
  return {
    opportunity,
    dimensions,
    findings,
    generatedAt,
    ...(ws.documentTemplates ? { templates: ws.documentTemplates } : {}),
  };
}

/**
 * The inputs of recent documents, so that a pack fetched file by file (21 requests, several at once) reads
 * the idea once rather than 21 times (each read is 20-45 ms on the embedded engine: the idea with everything
 * linked to it, then the challenger). An input is kept for `ttlMs` at most and every one is forgotten by
 * `invalidate()`, which the API calls before any write's response leaves: a document asked for after a
 * write answered is made from the data as written. That holds only while every write passes through this
 * process, as the embedded engine's lock guarantees; with PostgreSQL other servers may write, so the API
 * does not keep inputs there (the same rule as its read cache).
 */
export interface DocumentInputCache {
  input(ctx: AppContext, slug: string, ref: string): Promise<DocumentInput>;
  invalidate(): void;
}

export function documentInputCache(
  options: { ttlMs?: number; maxEntries?: number; clock?: () => number } = {},
): DocumentInputCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 32;
  const clock = options.clock ?? Date.now;
  // Insertion order is age order: the oldest is evicted first.
  const entries = new Map<string, { at: number; input: Promise<DocumentInput> }>();
  return {
    input(ctx, slug, ref) {
      const key = `${slug}\n${ref}`;
      const now = clock();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.input;
      // The promise itself is kept, so requests that arrive while it is being read share the one read.
      const input = documentInput(ctx, slug, ref);
      entries.delete(key);
      entries.set(key, { at: now, input });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      input.catch(() => {
        if (entries.get(key)?.input === input) entries.delete(key);
      });
      return input;
    },
    invalidate() {
      // A read under way when this is called finishes for the requests already waiting on it (they were
      // concurrent with the write), but is no longer found by any request that comes after.
      entries.clear();
    },
  };
}

/** Every kind's model from one input, built once: the input's facts are shared by all five. */
const modelsByInput = new WeakMap<DocumentInput, Promise<DocumentModel[]>>();
function modelsOf(input: DocumentInput): Promise<DocumentModel[]> {
  let models = modelsByInput.get(input);
  if (!models) {
    models = builders().then((m) => m.buildDocuments(DOCUMENT_KINDS, input));
    modelsByInput.set(input, models);
  }
  return models;
}

const inputOf = (ctx: AppContext, slug: string, ref: string, cache: DocumentInputCache | undefined) =>
  cache ? cache.input(ctx, slug, ref) : documentInput(ctx, slug, ref);

export async function renderIdeaDocument(
  ctx: AppContext,
  renderer: DocumentRenderer,
  slug: string,
  ref: string,
  kind: DocumentKind,
  format: DocumentFormat,
  cache?: DocumentInputCache,
): Promise<RenderedDocument> {
  if (!FORMATS_BY_KIND[kind].includes(format)) {
    throw invalid(`A ${kind} is not made as ${format}.`, [
      { path: 'querystring:/format', message: `is not available for ${kind}` },
    ]);
  }
  const [input, { buildDocument }, { renderDocument }] = await Promise.all([
    inputOf(ctx, slug, ref, cache),
    builders(),
    renderers(),
  ]);
  // A kept input is asked for its other kinds too (a pack): build them all once. Otherwise just this one.
  const model = cache ? (await modelsOf(input)).find((m) => m.kind === kind)! : buildDocument(kind, input);
  return renderDocument(model, format, { renderer });
}

/**
 * Every kind of document in every format for one idea, from one reading of its data. Reads the idea first
 * (a missing idea fails here, before anything is rendered); `render` then makes the pieces, handing each to
 * `onItem` as soon as it is done, the PDFs printed concurrently in the renderer's browser.
 */
export async function ideaPack(
  ctx: AppContext,
  slug: string,
  ref: string,
  cache?: DocumentInputCache,
): Promise<{
  input: DocumentInput;
  render(renderer: DocumentRenderer, onItem?: (item: PackItem) => void): Promise<PackItem[]>;
}> {
  const input = await inputOf(ctx, slug, ref, cache);
  return {
    input,
    async render(renderer, onItem) {
      const [models, { renderPack }] = await Promise.all([modelsOf(input), renderers()]);
      return renderPack(input, { renderer, models, ...(onItem ? { onItem } : {}) });
    },
  };
}

export async function getDocumentTemplates(ctx: AppContext, slug: string): Promise<DocumentTemplateFile | null> {
  return (await findWorkspace(ctx.store.db, slug)).documentTemplates ?? null;
}

/** Replace the workspace's template file (null restores the defaults); checked before anything is stored. */
export async function setDocumentTemplates(
  ctx: AppContext,
  slug: string,
  file: unknown,
  version: number,
  actor: Actor | null,
) {
  if (!actor) throw actorRequired();
  let value: DocumentTemplateFile | null = null;
  if (file !== null) {
    const checked = checkDocumentTemplateFile(file);
    if (!checked.ok)
      throw invalid(
        'The template file is not valid; nothing was changed.',
        checked.errors.map((e) => ({ path: `/templates${e.path === '/' ? '' : e.path}`, message: e.message })),
      );
    value = checked.value;
  }
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    if (ws.version !== version) throw conflict(`Workspace "${slug}"`, ws.version);
    await tx
      .update(workspaces)
      .set({ documentTemplates: value, updatedAt: nowOf(ctx), version: ws.version + 1 })
      .where(eq(workspaces.id, ws.id));
    return { templates: value, version: ws.version + 1 };
  });
}
