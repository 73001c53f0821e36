import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DocumentModel } from '../domain/documents/index.ts';
import { renderHtml } from './html.ts';
import { renderPdfKit } from './pdfkit.ts';

/**
 * PDF: Chromium prints the HTML rendering when a Chromium binary exists (the same document, byte for byte
 * the same markup), otherwise a pure-JS renderer (pdfkit) draws the model. The browser is launched once,
 * on first use, and reused until close(): a pack of five PDFs pays for one launch.
 */

/**
 * Debian's Chromium builds, lightest first. `chromium-headless-shell` is the same engine (Blink, V8, the
 * same version) without the browser's own interface: it is what Playwright drives for headless runs, and
 * here the browser tests ran in 58 % of the time and 70 % of the CPU they took with the full browser (docs/stack.md,
 * Chromium). The full `chromium` serves when only it is installed.
 */
export const CHROMIUM_BUILDS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'] as const;

/** The Chromium that prints PDFs and runs the browser tests: the first of CHROMIUM_BUILDS installed here. */
export const CHROMIUM_PATH: string = CHROMIUM_BUILDS.find((path) => existsSync(path)) ?? CHROMIUM_BUILDS[1];

/** Launch flags that work as root on a closed network (docs/stack.md, Chromium). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type PdfEngineName = 'chromium' | 'pdfkit';

export interface PdfEngine {
  /** The engine in use (an auto engine reports pdfkit once it has fallen back). */
  readonly name: PdfEngineName;
  render(model: DocumentModel): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface PdfEngineOptions {
  /** `auto` (default): Chromium when the binary exists, else pdfkit. */
  engine?: 'auto' | PdfEngineName;
  executablePath?: string;
}

class ChromiumEngine implements PdfEngine {
  readonly name = 'chromium';
  private context: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  private closed = false;
  /** The browser could not be launched (the auto engine then falls back to pdfkit). */
  failedToStart = false;

  constructor(private readonly executablePath: string) {}

  private start(): Promise<{ browser: Browser; context: BrowserContext }> {
    if (this.closed) return Promise.reject(new Error('The PDF engine is closed.'));
    this.context ??= (async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS });
      try {
        // No script runs and nothing loads: the document is self-contained, and hostile content stays inert.
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
        await context.route('**/*', (route) => route.abort());
        return { browser, context };
      } catch (e) {
        await browser.close();
        throw e;
      }
    })();
    this.context.catch(() => {
      this.context = null;
      this.failedToStart = true;
    });
    return this.context;
  }

  /** Pages are reused: opening one costs more than printing a document on it. */
  private idle: Page[] = [];

  private async page(): Promise<Page> {
    const { context } = await this.start();
    return this.idle.pop() ?? context.newPage();
  }

  async render(model: DocumentModel): Promise<Uint8Array> {
    const page = await this.page();
    let reusable = false;
    try {
      await page.setContent(renderHtml(model), { waitUntil: 'load' });
      const footer = model.layout === 'document';
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: footer,
        headerTemplate: '<span></span>',
        footerTemplate: footer
          ? '<div style="font-size:8px;color:#777;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'
          : '<span></span>',
      });
      reusable = true;
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      if (reusable && !this.closed && this.idle.length < 8) this.idle.push(page);
      else await page.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const started = this.context;
    this.context = null;
    this.idle = [];
    if (!started) return;
    try {
      const { browser } = await started;
      await browser.close();
    } catch {
      // a launch that failed has nothing to close
    }
  }
}

class PdfKitEngine implements PdfEngine {
  readonly name = 'pdfkit';
  render(model: DocumentModel): Promise<Uint8Array> {
    return renderPdfKit(model);
  }
  async close(): Promise<void> {}
}

/** Chromium when it starts; the pdfkit renderer when the binary exists but cannot be launched. */
class AutoEngine implements PdfEngine {
  private engine: PdfEngine;
  private fellBack = false;
  constructor(path: string) {
    this.engine = new ChromiumEngine(path);
  }
  get name(): PdfEngineName {
    return this.engine.name;
  }
  /** Why Chromium was not used, if it was not. */
  fallbackReason: string | null = null;
  async render(model: DocumentModel): Promise<Uint8Array> {
    try {
      return await this.engine.render(model);
    } catch (e) {
      if (this.fellBack || !(this.engine instanceof ChromiumEngine) || !this.engine.failedToStart) throw e;
      this.fellBack = true;
      this.fallbackReason = (e as Error).message;
      await this.engine.close();
      this.engine = new PdfKitEngine();
      return this.engine.render(model);
    }
  }
  close(): Promise<void> {
    return this.engine.close();
  }
}

/** Whether Chromium printing is available here. */
export const chromiumAvailable = (path = CHROMIUM_PATH): boolean => existsSync(path);

/** A PDF engine; call close() when done (it closes the browser, if one was launched). */
export function createPdfEngine(options: PdfEngineOptions = {}): PdfEngine {
  const path = options.executablePath ?? CHROMIUM_PATH;
  const engine = options.engine ?? 'auto';
  if (engine === 'pdfkit' || (engine === 'auto' && !chromiumAvailable(path))) return new PdfKitEngine();
  return engine === 'auto' ? new AutoEngine(path) : new ChromiumEngine(path);
}
