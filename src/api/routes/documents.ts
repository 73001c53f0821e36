import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { getDocumentTemplates, renderIdeaDocument, setDocumentTemplates } from '../../app/documents.ts';
import { getIdea } from '../../app/ideas.ts';
import type { DocumentRenderer } from '../../documents/index.ts';
import { DOCUMENT_KINDS, FORMATS_BY_KIND } from '../../methodology/index.ts';
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

/** Stakeholder documents, streamed with their content type and a file name; one browser serves every PDF. */
export function documentRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['documents'];
  // The renderers load with the first document asked for (see app/documents.ts); one promise, so two
  // first requests at once still share one renderer and one browser.
  let renderer: Promise<DocumentRenderer> | undefined;
  const shared = () => {
    renderer ??= import('../../documents/index.ts').then((m) => m.createDocumentRenderer());
    return renderer;
  };
  api.addHook('onClose', async () => (await renderer)?.close());

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
          'Generate a PRD, one-pager, pitch deck, competitive analysis or decision brief (Markdown, HTML, PDF, DOCX, PPTX)',
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
      );
      return reply
        .type(doc.contentType)
        .header('content-disposition', `attachment; filename="${doc.fileName.replace(/[^\w.-]+/g, '-')}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(doc.bytes));
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
