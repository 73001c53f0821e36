import { buildDocuments, type DocumentInput, type DocumentModel } from '../domain/documents/index.ts';
import { DOCUMENT_KINDS, type DocumentFormat, type DocumentKind, FORMATS_BY_KIND } from '../methodology/index.ts';
import { fileBase } from './common.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { OfficeThread } from './office-thread.ts';
import { createPdfEngine, type PdfEngine, type PdfEngineName, type PdfEngineOptions } from './pdf.ts';
import { renderPptx } from './pptx.ts';

/**
 * Rendering a document model to a file. One renderer per format; every kind goes through the same ones.
 * PDF needs a browser (or the pdfkit fallback): create one DocumentRenderer for many documents and close it.
 */

export { renderDocx } from './docx.ts';
export { escapeHtml, renderHtml } from './html.ts';
export { escapeMarkdown, renderMarkdown } from './markdown.ts';
export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumAvailable,
  createPdfEngine,
  type PdfEngine,
  type PdfEngineName,
} from './pdf.ts';
export { renderPptx } from './pptx.ts';

export interface RenderedDocument {
  bytes: Uint8Array | Buffer;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES: Readonly<Record<DocumentFormat, string>> = {
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export const EXTENSIONS: Readonly<Record<DocumentFormat, string>> = {
  markdown: 'md',
  html: 'html',
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
};

/** The formats a kind is rendered to. */
export const supportedFormats = (kind: DocumentKind): readonly DocumentFormat[] => FORMATS_BY_KIND[kind];
export const supportsFormat = (kind: DocumentKind, format: DocumentFormat): boolean =>
  FORMATS_BY_KIND[kind].includes(format);

/** Asked for a format the kind is not rendered to (a DOCX deck, a PPTX PRD). Map to 406/400 at the edge. */
export class UnsupportedFormatError extends Error {
  constructor(
    readonly kind: DocumentKind,
    readonly format: DocumentFormat,
  ) {
    super(`A ${kind} is not rendered to ${format}; formats for a ${kind}: ${FORMATS_BY_KIND[kind].join(', ')}.`);
    this.name = 'UnsupportedFormatError';
  }
}

export interface DocumentRenderer {
  render(model: DocumentModel, format: DocumentFormat): Promise<RenderedDocument>;
  /** Which PDF engine this renderer uses: Chromium print, or the pdfkit fallback. */
  readonly pdfEngine: PdfEngineName;
  /** Closes the browser, if PDF rendering launched one. Idempotent. */
  close(): Promise<void>;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

async function bytesFor(
  model: DocumentModel,
  format: DocumentFormat,
  pdf: () => PdfEngine,
): Promise<Uint8Array | Buffer> {
  switch (format) {
    case 'markdown':
      return utf8(renderMarkdown(model));
    case 'html':
      return utf8(renderHtml(model));
    case 'docx':
      return renderDocx(model);
    case 'pptx':
      return renderPptx(model);
    case 'pdf':
      return pdf().render(model);
  }
}

export interface RendererOptions extends PdfEngineOptions {
  /**
   * Make DOCX and PPTX on a thread of their own (office-thread.ts) whenever another document is being made
   * at the same time: for a server, where packs and concurrent requests are the rule. A single document is
   * still made in place, so a one-off command does not start a thread for it.
   */
  officeThread?: boolean;
}

/**
 * A renderer for many documents: the PDF engine (a browser) starts on the first PDF and stays up until
 * close(). Use one per request burst or per process; always close it.
 */
export function createDocumentRenderer(options: RendererOptions = {}): DocumentRenderer {
  const pdf = createPdfEngine(options);
  const office = options.officeThread ? new OfficeThread() : undefined;
  let active = 0;
  return {
    get pdfEngine() {
      return pdf.name;
    },
    async render(model, format) {
      if (!supportsFormat(model.kind, format)) throw new UnsupportedFormatError(model.kind, format);
      active++;
      try {
        const bytes =
          office && active > 1 && (format === 'docx' || format === 'pptx')
            ? Buffer.from(await office.render(model, format))
            : await bytesFor(model, format, () => pdf);
        return { bytes, contentType: CONTENT_TYPES[format], fileName: `${fileBase(model)}.${EXTENSIONS[format]}` };
      } finally {
        active--;
      }
    },
    close: async () => {
      await Promise.all([pdf.close(), office?.close()]);
    },
  };
}

/**
 * Render one model to one format. Without a renderer a temporary one is made (and, for PDF, a browser
 * launched and closed); pass `renderer` to reuse one.
 */
export async function renderDocument(
  model: DocumentModel,
  format: DocumentFormat,
  options: PdfEngineOptions & { renderer?: DocumentRenderer } = {},
): Promise<RenderedDocument> {
  if (options.renderer) return options.renderer.render(model, format);
  const renderer = createDocumentRenderer(options);
  try {
    return await renderer.render(model, format);
  } finally {
    await renderer.close();
  }
}

export interface PackItem extends RenderedDocument {
  kind: DocumentKind;
  format: DocumentFormat;
  /** Wall-clock milliseconds for this piece (PDFs render concurrently, so pieces overlap). */
  ms: number;
}

/**
 * Every kind in every format it supports (or the ones asked for), from one input: the models are built once
 * and the PDFs printed concurrently in one browser.
 */
export async function renderPack(
  input: DocumentInput,
  options: PdfEngineOptions & {
    renderer?: DocumentRenderer;
    kinds?: readonly DocumentKind[];
    formats?: readonly DocumentFormat[];
    /** The models, when the caller has built them already (they must be built from `input`). */
    models?: readonly DocumentModel[];
    /** Called with each piece as soon as it is rendered (PDFs finish in any order), e.g. to send it on. */
    onItem?: (item: PackItem) => void;
  } = {},
): Promise<PackItem[]> {
  const kinds = options.kinds ?? DOCUMENT_KINDS;
  const models = options.models?.filter((m) => kinds.includes(m.kind)) ?? buildDocuments(kinds, input);
  const renderer = options.renderer ?? createDocumentRenderer(options);
  try {
    const jobs = models.flatMap((model) =>
      supportedFormats(model.kind)
        .filter((f) => !options.formats || options.formats.includes(f))
        .map((format) => ({ model, format })),
    );
    const timed = async ({ model, format }: (typeof jobs)[number]): Promise<PackItem> => {
      const t = performance.now();
      const r = await renderer.render(model, format);
      const item = { ...r, kind: model.kind, format, ms: performance.now() - t };
      options.onItem?.(item);
      return item;
    };
    const pdfs = Promise.all(jobs.filter((j) => j.format === 'pdf').map(timed));
    // Awaited below; a PDF that fails while the others are still rendering must not count as unhandled.
    pdfs.catch(() => {});
    const others: PackItem[] = [];
    for (const j of jobs.filter((x) => x.format !== 'pdf')) others.push(await timed(j));
    const all = [...others, ...(await pdfs)];
    const order = (i: PackItem) => jobs.findIndex((j) => j.model.kind === i.kind && j.format === i.format);
    return all.sort((a, b) => order(a) - order(b));
  } finally {
    if (!options.renderer) await renderer.close();
  }
}

/** Build and render one document: what an API route or the CLI calls. */
export async function generateDocument(
  kind: DocumentKind,
  format: DocumentFormat,
  input: DocumentInput,
  options: PdfEngineOptions & { renderer?: DocumentRenderer } = {},
): Promise<RenderedDocument> {
  if (!supportsFormat(kind, format)) throw new UnsupportedFormatError(kind, format);
  const [model] = buildDocuments([kind], input);
  return renderDocument(model!, format, options);
}
