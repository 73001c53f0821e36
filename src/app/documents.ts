import { eq } from 'drizzle-orm';
import type { DocumentRenderer, RenderedDocument } from '../documents/index.ts';
import type { DocumentInput } from '../domain/documents/index.ts';
import { type DocumentFormat, type DocumentKind, FORMATS_BY_KIND } from '../methodology/index.ts';
import { checkDocumentTemplateFile, type DocumentTemplateFile } from '../schema/index.ts';
import { workspaces } from '../store/schema.ts';
import { type Actor, type AppContext, nowOf } from './context.ts';
import { actorRequired, conflict, invalid } from './errors.ts';
import { findIdea } from './ideas.ts';
import { opportunityOf } from './opportunities.ts';
import { dimensionsOf, findWorkspace } from './workspaces.ts';

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
  const { challenge } = await import('../domain/challenger/index.ts');
  const findings = challenge(opportunity, { dimensions, now: generatedAt });
  return {
    opportunity,
    dimensions,
    findings,
    generatedAt,
    ...(ws.documentTemplates ? { templates: ws.documentTemplates } : {}),
  };
}

export async function renderIdeaDocument(
  ctx: AppContext,
  renderer: DocumentRenderer,
  slug: string,
  ref: string,
  kind: DocumentKind,
  format: DocumentFormat,
): Promise<RenderedDocument> {
  if (!FORMATS_BY_KIND[kind].includes(format)) {
    throw invalid(`A ${kind} is not made as ${format}.`, [
      { path: 'querystring:/format', message: `is not available for ${kind}` },
    ]);
  }
  const [{ buildDocument }, { renderDocument }] = await Promise.all([
    import('../domain/documents/index.ts'),
    import('../documents/index.ts'),
  ]);
  const model = buildDocument(kind, await documentInput(ctx, slug, ref));
  return renderDocument(model, format, { renderer });
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
