import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  documentInputCache,
  getDocumentTemplates,
  ideaPack,
  renderIdeaDocument,
  setDocumentTemplates,
} from '../../app/documents.ts';
import { getIdea } from '../../app/ideas.ts';
import type { DocumentRenderer } from '../../documents/index.ts';
import { zipWriter } from '../../documents/zip.ts';
import { DOCUMENT_KINDS, type DocumentFormat, FORMATS_BY_KIND } from '../../methodology/index.ts';
import {
  DocumentFormatSchema,
  DocumentKindSchema,
  DocumentOffer,
  DocumentTemplateFile,
  DocumentTemplatesState,
  Strict,
  Version,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed, WsParams } from './common.ts';

const EXTENSION: Readonly<Record<DocumentFormat, string>> = {
  markdown: 'md',
  html: 'html',
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
};
/** Formats worth deflating in the pack; the others are compressed already. */
const TEXT = new Set<DocumentFormat>(['markdown', 'html']);

/** Stakeholder documents, streamed with their content type and a file name; one browser serves every PDF. */
export function documentRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['documents'];
  // The renderers load with the first document asked for (see app/documents.ts); one promise, so two
  // first requests at once still share one renderer and one browser.
  let renderer: Promise<DocumentRenderer> | undefined;
  const shared = () => {
    renderer ??= import('../../documents/index.ts').then((m) => m.createDocumentRenderer({ officeThread: true }));
    return renderer;
  };
  api.addHook('onClose', async () => (await renderer)?.close());

  // The files of one pack share one reading of the idea (app/documents.ts), on the embedded engine only:
  // there every write passes through this server, and each one forgets every kept input before its
  // response leaves (onSend runs for every route of this API, errors included).
  const inputs = ctx.store.engine === 'pglite' ? documentInputCache() : undefined;
  if (inputs) {
    api.addHook('onSend', async (req) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') inputs.invalidate();
    });
  }

  app.get(
    '/workspaces/:ws/ideas/:idea/documents',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'The documents this idea can be turned into, in which formats',
        params: IdeaParams,
        response: {
          200: Type.Array(DocumentOffer),
          ...problems,
        },
      },
    },
    async (req) => {
      // Only for an idea that exists in this workspace (a 404 otherwise, like every other idea route).
      const idea = await getIdea(ctx, req.params.ws, req.params.idea);
      return DOCUMENT_KINDS.map((kind) => ({
        kind,
        formats: [...FORMATS_BY_KIND[kind]],
        url: `/api/workspaces/${encodeURIComponent(req.params.ws)}/ideas/${idea.number}/documents/${kind}`,
      }));
    },
  );

  app.get(
    '/workspaces/:ws/ideas/:idea/documents/:kind',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary:
          'Generate a PRD, one-pager, pitch deck, competitive analysis, decision brief or PR/FAQ (Markdown, HTML, PDF, DOCX, PPTX)',
        params: Strict({ ...IdeaParams.properties, kind: DocumentKindSchema }),
        querystring: Strict({ format: Type.Optional(DocumentFormatSchema) }),
        produces: [
          'text/markdown',
          'text/html',
          'application/pdf',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ],
        response: { 200: Type.Unknown({ description: 'The document file' }), ...problems },
      },
    },
    async (req, reply) => {
      const doc = await renderIdeaDocument(
        ctx,
        await shared(),
        req.params.ws,
        req.params.idea,
        req.params.kind,
        req.query.format ?? 'markdown',
        inputs,
      );
      return reply
        .type(doc.contentType)
        .header('content-disposition', `attachment; filename="${doc.fileName.replace(/[^\w.-]+/g, '-')}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(doc.bytes));
    },
  );

  app.get(
    '/workspaces/:ws/ideas/:idea/document-pack',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'Every document in every format, as one ZIP file (read once, PDFs printed concurrently)',
        description:
          'Entries are named `<kind>.<extension>` (prd.md, prd.pdf, pitch-deck.pptx…) and sent as each is made, ' +
          'in the order they finish; each entry carries its size and checksum in its local header. A failure ' +
          'after the first bytes ends the response early, without the closing directory.',
        params: IdeaParams,
        produces: ['application/zip'],
        response: { 200: Type.Unknown({ description: 'The ZIP file' }), ...problems },
      },
    },
    async (req, reply) => {
      // The idea is read before anything is sent: a missing one is a 404 like on every other route.
      const [pack, documents] = await Promise.all([ideaPack(ctx, req.params.ws, req.params.idea, inputs), shared()]);
      const zip = zipWriter();
      const modified = new Date(pack.input.generatedAt);
      const body = new PassThrough();
      pack
        .render(documents, (item) => {
          const name = `${item.kind}.${EXTENSION[item.format]}`;
          body.write(zip.add(name, item.bytes, { deflate: TEXT.has(item.format), modified }));
        })
        .then(
          () => body.end(zip.finish()),
          (error) => {
            req.log.error({ err: error }, 'the documents pack failed after it started');
            body.destroy(error as Error);
          },
        );
      return reply
        .type('application/zip')
        .header(
          'content-disposition',
          `attachment; filename="idea-${req.params.idea.replace(/[^\w.-]+/g, '-')}-documents.zip"`,
        )
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/workspaces/:ws/document-templates',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: "The workspace's document template file (null: the method's defaults)",
        params: WsParams,
        response: { 200: Type.Union([DocumentTemplateFile, Type.Null()]), ...problems },
      },
    },
    async (req) => getDocumentTemplates(ctx, req.params.ws),
  );
  app.put(
    '/workspaces/:ws/document-templates',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary:
          'Override section order, titles and optional sections with a template file (null restores the defaults)',
        params: WsParams,
        body: Strict({
          templates: Type.Unknown({ description: 'A vetted.document-templates/v1 file, or null' }),
          version: Version,
        }),
        response: {
          200: DocumentTemplatesState,
          ...problems,
        },
      },
    },
    async (req) => setDocumentTemplates(ctx, req.params.ws, req.body.templates ?? null, req.body.version, req.actor),
  );
}
