import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Block, ChartData, DocumentModel, ListItem, Section } from '../domain/documents/index.ts';
import { truncate } from '../domain/documents/text.ts';
import {
  citesText,
  evidenceLabel,
  evidenceLine,
  formatFigure,
  keepTogether,
  labelText,
  missingLead,
  missingWhere,
  pointLabel,
  safe,
} from './common.ts';

/**
 * The pure-JS PDF renderer, used when no Chromium is installed. It draws the model with pdfkit: text with
 * system fonts (DejaVu covers Latin, Greek, Cyrillic, Arabic and Hebrew; a CJK font is used for the glyphs
 * it has when one is installed), tables, callouts and vector charts. Like the Chromium print, nothing is
 * clipped: a one-pager or a slide that does not fit continues on the next page.
 */

const FONT_DIRS = [
  '/usr/share/fonts/truetype',
  '/usr/share/fonts/opentype',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts',
];
const CANDIDATES = {
  regular: [
    'dejavu/DejaVuSans.ttf',
    'DejaVuSans.ttf',
    'liberation/LiberationSans-Regular.ttf',
    'noto/NotoSans-Regular.ttf',
  ],
  bold: [
    'dejavu/DejaVuSans-Bold.ttf',
    'DejaVuSans-Bold.ttf',
    'liberation/LiberationSans-Bold.ttf',
    'noto/NotoSans-Bold.ttf',
  ],
  fallback: [
    'droid/DroidSansFallbackFull.ttf',
    'wqy/wqy-microhei.ttc',
    'arphic/uming.ttc',
    'noto/NotoSansCJK-Regular.ttc',
    'noto-cjk/NotoSansCJK-Regular.ttc',
  ],
};

/** A parsed font (fontkit's object, which pdfkit accepts in place of a file): parsed once per process. */
type ParsedFont = { layout: (text: string) => unknown; hasGlyphForCodePoint?: (cp: number) => boolean };

interface Fonts {
  regular?: ParsedFont;
  bold?: ParsedFont;
  fallback?: ParsedFont;
}

let fontCache: Fonts | null = null;
const LAYOUT_CACHE = new Map<string, Record<string, unknown>>();

function findFont(names: string[]): Buffer | undefined {
  for (const dir of FONT_DIRS) {
    for (const n of names) {
      const p = `${dir}/${n}`;
      if (existsSync(p)) {
        try {
          return readFileSync(p);
        } catch {
          // unreadable: try the next one
        }
      }
    }
  }
  return undefined;
}

/**
 * Parse a font file once, through pdfkit itself (so no direct fontkit dependency): parsing DejaVu's tables
 * costs tens of milliseconds per document otherwise, and its glyph caches are then shared.
 */
function parse(file: Buffer | undefined): ParsedFont | undefined {
  if (!file) return undefined;
  try {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('P', file);
    probe.font('P');
    const font = (probe as unknown as { _font?: { font?: ParsedFont } })._font?.font;
    return typeof font?.layout === 'function' ? font : undefined;
  } catch {
    return undefined;
  }
}

function fonts(): Fonts {
  if (fontCache) return fontCache;
  const regularFile = findFont(CANDIDATES.regular);
  const regular = parse(regularFile);
  const bold = regular ? (parse(findFont(CANDIDATES.bold)) ?? regular) : undefined;
  const fallback = regular ? parse(findFont(CANDIDATES.fallback)) : undefined;
  fontCache = { ...(regular ? { regular } : {}), ...(bold ? { bold } : {}), ...(fallback ? { fallback } : {}) };
  return fontCache;
}

type Doc = PDFKit.PDFDocument;
type FontName = 'R' | 'B' | 'F';
interface Run {
  text: string;
  bold?: boolean;
  color?: string;
}
/** A run of text in one font and colour. */
interface Part {
  text: string;
  font: FontName;
  color?: string | undefined;
}
/** A word as laid out: its pieces by font, whether a space comes before it, its width once measured. */
interface Word {
  segs: Part[];
  space: boolean;
  width?: number;
}

/** Hebrew, Arabic, Syriac, Thaana, NKo and the Arabic presentation forms: letters written right to left. */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const RTL_LETTER = /[\u05D0-\u05EA\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0700-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_LETTER = /\p{L}/u;

type BidiType = 'R' | 'L' | 'EN' | 'N';

/** A word's direction: its first strong letter; digits without letters are numbers; anything else neutral. */
function bidiType(word: string): BidiType {
  for (const ch of word) {
    if (RTL_LETTER.test(ch)) return 'R';
    if (LTR_LETTER.test(ch)) return 'L';
  }
  return /\d/.test(word) ? 'EN' : 'N';
}

/** The paragraph's direction (rule P2): that of its first strong letter, left to right when it has none. */
function baseDirection(text: string): 0 | 1 {
  for (const ch of text) {
    if (RTL_LETTER.test(ch)) return 1;
    if (LTR_LETTER.test(ch)) return 0;
  }
  return 0;
}

/**
 * The order in which a line's words are drawn, left to right: the Unicode bidirectional algorithm applied
 * word by word (W2/W7 numbers take the previous strong direction, N1/N2 neutrals between two of the same
 * direction take it, I1/I2 levels, L2 reversal). A date after Arabic text stays one piece, on its left.
 */
export function visualOrder(words: string[], base: 0 | 1): number[] {
  // The gaps between words are neutrals of their own: one between a date and Latin text in a right-to-left
  // line takes the line's direction and keeps the two apart, as the space does in the Unicode rules.
  const types: BidiType[] = words.flatMap((w, i) => (i ? ['N' as const, bidiType(w)] : [bidiType(w)]));
  let previous: 'R' | 'L' = base ? 'R' : 'L';
  const resolved = types.map((t) => {
    if (t === 'R' || t === 'L') {
      previous = t;
      return t;
    }
    if (t === 'EN') return previous === 'R' ? 'AN' : 'L';
    return t;
  });
  const strongAt = (i: number, step: 1 | -1): 'R' | 'L' => {
    for (let j = i + step; j >= 0 && j < resolved.length; j += step) {
      const t = resolved[j];
      if (t === 'L') return 'L';
      if (t === 'R' || t === 'AN') return 'R';
    }
    return base ? 'R' : 'L';
  };
  const direction = resolved.map((t, i) => {
    if (t !== 'N') return t;
    const before = strongAt(i, -1);
    return before === strongAt(i, 1) ? before : base ? 'R' : 'L';
  });
  const levels = direction.map((t) => (base === 0 ? (t === 'R' ? 1 : t === 'AN' ? 2 : 0) : t === 'R' ? 1 : 2));
  const order = types.map((_, i) => i);
  const top = Math.max(0, ...levels);
  for (let level = top; level >= 1; level--) {
    let i = 0;
    while (i < order.length) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels[order[j]!]! >= level) j++;
      const run = order.slice(i, j).reverse();
      order.splice(i, j - i, ...run);
      i = j;
    }
  }
  // Words sit at the even positions, gaps at the odd ones.
  return order.filter((t) => t % 2 === 0).map((t) => t / 2);
}

const INK = '#1d2433';
const GREY = '#566179';
const ACCENT = '#3461c1';
const PALETTE = ['#3461c1', '#e08a2c', '#2f9e6e', '#b5476b', '#7a5cc4', '#5b6b82'];

class Writer {
  readonly embedded: boolean;
  private readonly fallback: boolean;
  x: number;
  width: number;
  /** Content may not go below this y (clipped layouts); documents flow onto new pages instead. */
  limit: number;
  clipped = false;

  constructor(
    readonly doc: Doc,
    readonly flow: boolean,
  ) {
    const f = fonts();
    this.embedded = Boolean(f.regular);
    this.fallback = Boolean(f.fallback);
    const register = (name: FontName, font: ParsedFont) => {
      doc.registerFont(name, font as unknown as Buffer);
      // Share pdfkit's per-document cache of shaped words across documents: shaping is most of the cost.
      doc.font(name);
      const embedded = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
      if (embedded?.layoutCache) {
        const shared = LAYOUT_CACHE.get(name) ?? Object.create(null);
        if (Object.keys(shared).length > 50_000) for (const k of Object.keys(shared)) delete shared[k];
        LAYOUT_CACHE.set(name, shared);
        embedded.layoutCache = shared;
      }
    };
    if (f.regular) register('R', f.regular);
    if (f.bold) register('B', f.bold);
    if (f.fallback) register('F', f.fallback);
    this.x = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.limit = doc.page.height - doc.page.margins.bottom;
  }

  private font(name: FontName): void {
    if (this.embedded) this.doc.font(name);
    else this.doc.font(name === 'B' ? 'Helvetica-Bold' : 'Helvetica');
  }

  /** Split text into runs by the font that has its glyphs (primary first, then the fallback). */
  private split(text: string, bold: boolean): { text: string; font: FontName }[] {
    const primary: FontName = bold ? 'B' : 'R';
    if (!this.embedded) {
      // Standard fonts cover Latin-1 only: anything else becomes "?" rather than a broken glyph.
      return [
        {
          text: text.replace(/[^\t\n\u0020-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/gu, '?'),
          font: primary,
        },
      ];
    }
    if (!this.fallback) return [{ text, font: primary }];
    const f = fonts();
    const has = (name: FontName, cp: number) => {
      const font = name === 'F' ? f.fallback : name === 'B' ? f.bold : f.regular;
      return font?.hasGlyphForCodePoint?.(cp) ?? true;
    };
    const out: { text: string; font: FontName }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const font: FontName = cp < 0x2e80 || has(primary, cp) || !has('F', cp) ? primary : 'F';
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
    return out;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(v: number) {
    this.doc.y = v;
  }

  /** Room for `h` points: a new page in flowing documents; false (and clipped) in one-page layouts. */
  room(h: number): boolean {
    if (this.doc.y + h <= this.limit) return true;
    if (this.flow) {
      this.doc.addPage();
      return true;
    }
    this.clipped = true;
    return false;
  }

  height(runs: Run[], size: number, width = this.width): number {
    const parts = this.parts(runs);
    if (this.ownLayout(parts)) return this.lines(parts, size, width).length * this.lineHeight(size);
    this.font('R');
    this.doc.fontSize(size);
    const text = runs.map((r) => r.text).join('');
    return this.doc.heightOfString(text || ' ', { width }) * 1.04;
  }

  private parts(runs: Run[]): Part[] {
    return runs
      .filter((r) => r.text)
      .flatMap((r) => this.split(r.text, Boolean(r.bold)).map((p) => ({ ...p, color: r.color })));
  }

  /**
   * Right-to-left text and text in more than one font are laid out here, not by pdfkit: pdfkit places words
   * left to right in the order they are stored (so Arabic read backwards), and lets a line of several
   * fonts run past the right edge.
   */
  needsOwnLayout(text: string, bold: boolean): boolean {
    return this.ownLayout(this.parts([{ text, bold }]));
  }

  private ownLayout(parts: Part[]): boolean {
    return this.embedded && parts.some((p) => p.font === 'F' || RTL.test(p.text));
  }

  private lineHeight(size: number): number {
    this.font('R');
    this.doc.fontSize(size);
    return this.doc.currentLineHeight(true);
  }

  private widthOf(text: string, font: FontName, size: number): number {
    this.font(font);
    this.doc.fontSize(size);
    return this.doc.widthOfString(text);
  }

  /** The parts broken into lines of words that fit `width`; a word longer than a line is cut into pieces. */
  private lines(parts: Part[], size: number, width: number): Word[][] {
    const words: Word[] = [];
    let glue = false;
    for (const p of parts) {
      // A no-break space (U+00A0) joins, like a letter.
      for (const token of p.text.split(/([^\S\u00a0]+)/)) {
        if (!token) continue;
        if (/^[^\S\u00a0]+$/.test(token)) {
          glue = false;
          continue;
        }
        // Ideographs break anywhere: each is a word of its own, with no space before it.
        const pieces = p.font === 'F' ? Array.from(token) : [token];
        for (const [k, piece] of pieces.entries()) {
          const seg = { text: piece, font: p.font, ...(p.color ? { color: p.color } : {}) };
          const last = words[words.length - 1];
          if (glue && k === 0 && last) last.segs.push(seg);
          else words.push({ segs: [seg], space: !glue && words.length > 0 && k === 0 });
          glue = p.font !== 'F';
        }
      }
    }
    const space = this.widthOf(' ', 'R', size);
    const out: Word[][] = [];
    let line: Word[] = [];
    let used = 0;
    for (const word of words) {
      for (const piece of this.cut(word, size, width)) {
        const w = piece.segs.reduce((a, sg) => a + this.widthOf(sg.text, sg.font, size), 0);
        piece.width = w;
        const gap = line.length && piece.space ? space : 0;
        if (line.length && used + gap + w > width) {
          out.push(line);
          line = [];
          used = 0;
        }
        used += (line.length && piece.space ? space : 0) + w;
        line.push(piece);
      }
    }
    if (line.length) out.push(line);
    return out;
  }

  /** A word wider than the line, cut into pieces that fit (by character; it cannot break anywhere better). */
  private cut(word: Word, size: number, width: number): Word[] {
    const total = word.segs.reduce((a, sg) => a + this.widthOf(sg.text, sg.font, size), 0);
    if (total <= width) return [word];
    const out: Word[] = [];
    let current: Word = { segs: [], space: word.space };
    let used = 0;
    for (const sg of word.segs) {
      for (const ch of Array.from(sg.text)) {
        const w = this.widthOf(ch, sg.font, size);
        if (used + w > width && current.segs.length) {
          out.push(current);
          current = { segs: [], space: false };
          used = 0;
        }
        const last = current.segs[current.segs.length - 1];
        if (last && last.font === sg.font && last.color === sg.color) last.text += ch;
        else current.segs.push({ ...sg, text: ch });
        used += w;
      }
    }
    if (current.segs.length) out.push(current);
    return out;
  }

  /** Lay the parts out in lines, each in visual order (the Unicode bidirectional rules, word by word). */
  private drawOwn(parts: Part[], size: number, x: number, width: number): void {
    const lines = this.lines(parts, size, width);
    const lh = this.lineHeight(size);
    const base = baseDirection(parts.map((p) => p.text).join(''));
    const space = this.widthOf(' ', 'R', size);
    for (const line of lines) {
      if (!this.room(lh)) return;
      const order = visualOrder(
        line.map((w) => w.segs.map((sg) => sg.text).join('')),
        base,
      );
      const used = line.reduce((a, w, i) => a + (w.width ?? 0) + (i && w.space ? space : 0), 0);
      // A right-to-left paragraph is set flush right, as it is read.
      let cx = base === 1 ? x + Math.max(0, width - used) : x;
      const y = this.doc.y;
      order.forEach((index, k) => {
        const word = line[index]!;
        if (k > 0 && (word.space || line[order[k - 1]!]!.space)) cx += space;
        for (const sg of word.segs) {
          this.font(sg.font);
          this.doc.fontSize(size).fillColor(sg.color ?? INK);
          this.doc.text(sg.text, cx, y, { lineBreak: false });
          cx += this.widthOf(sg.text, sg.font, size);
        }
      });
      this.doc.y = y + lh;
    }
  }

  /** Runs of text at (x, y) in `width`; clipped at the limit in one-page layouts. */
  rich(runs: Run[], size: number, opts: { x?: number; width?: number; gap?: number } = {}): void {
    const x = opts.x ?? this.x;
    const width = opts.width ?? this.width;
    const parts = this.parts(runs);
    if (!parts.length) return;
    if (this.ownLayout(parts)) {
      this.drawOwn(parts, size, x, width);
      this.doc.fillColor(INK);
      this.doc.x = this.x;
      this.doc.y += opts.gap ?? size * 0.35;
      return;
    }
    const h = this.height(runs, size, width);
    if (!this.room(Math.min(h, size * 1.3))) return;
    const maxH = this.flow ? undefined : Math.max(size, this.limit - this.doc.y);
    this.doc.fontSize(size);
    parts.forEach((p, i) => {
      this.font(p.font);
      this.doc.fillColor(p.color ?? INK);
      const last = i === parts.length - 1;
      const o: PDFKit.Mixins.TextOptions = {
        width,
        continued: !last,
        ...(maxH ? { height: maxH, ellipsis: true } : {}),
      };
      if (i === 0) this.doc.text(p.text, x, this.doc.y, o);
      else this.doc.text(p.text, o);
    });
    this.doc.fillColor(INK);
    this.doc.x = this.x;
    this.doc.y += opts.gap ?? size * 0.35;
  }

  rule(color = '#d8dde8'): void {
    const y = this.doc.y;
    this.doc
      .moveTo(this.x, y)
      .lineTo(this.x + this.width, y)
      .lineWidth(1)
      .strokeColor(color)
      .stroke();
    this.doc.y = y + 4;
  }
}

/** A cell's dates and numbers with their unit joined by no-break spaces (pdfkit does not break dates' hyphens). */
const unbreakableSpaces = (text: string): string =>
  keepTogether(text)
    .map((p) => (p.keep ? p.text.replace(/\s/g, '\u00a0') : p.text))
    .join('');

interface Sizes {
  title: number;
  group: number;
  section: number;
  heading: number;
  text: number;
  small: number;
}

const SIZES: Record<DocumentModel['layout'], Sizes> = {
  document: { title: 20, group: 15, section: 13, heading: 11, text: 9.5, small: 8 },
  'one-page': { title: 16, group: 12, section: 10.5, heading: 9, text: 8, small: 7 },
  slides: { title: 22, group: 10, section: 20, heading: 12, text: 12, small: 10 },
};

function itemRuns(i: ListItem): Run[] {
  return [
    ...(i.label ? [{ text: labelText(i.label), bold: true }] : []),
    { text: safe(i.text) },
    ...(i.cite?.length ? [{ text: citesText(i.cite), color: GREY }] : []),
  ];
}

function table(w: Writer, columns: string[], rows: string[][], s: Sizes, caption?: string, numeric?: boolean[]): void {
  const doc = w.doc;
  if (caption) w.rich([{ text: safe(caption), color: GREY }], s.small);
  const size = s.small;
  const n = columns.length;
  // Column widths by content length, bounded so no column starves.
  const lengths = columns.map((c, i) =>
    Math.min(60, Math.max(safe(c).length, ...rows.map((r) => Array.from(safe(r[i] ?? '')).length), 4)),
  );
  const total = lengths.reduce((a, b) => a + b, 0);
  const widths = lengths.map((l) => Math.max(36, (l / total) * w.width));
  const scale = w.width / widths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) widths[i] = widths[i]! * scale;
  const pad = 3;
  // A column is at least as wide as its widest date or number with its unit, and its heading's longest
  // word, taken from the columns that have room to spare: none of them is broken inside ("2026-10-" / "01").
  const mins = columns.map((c, i) => {
    doc.font(w.embedded ? 'B' : 'Helvetica-Bold').fontSize(size);
    const heading = Math.max(
      0,
      ...safe(c)
        .split(/\s+/)
        .map((word) => doc.widthOfString(word)),
    );
    doc.font(w.embedded ? 'R' : 'Helvetica').fontSize(size);
    const kept = rows.flatMap((r) =>
      keepTogether(safe(r[i] ?? ''))
        .filter((p) => p.keep)
        .map((p) => doc.widthOfString(p.text)),
    );
    return Math.min(w.width / 3, Math.max(heading, ...kept) + 2 * pad + 1);
  });
  const short = mins.reduce((a, m, i) => a + Math.max(0, m - widths[i]!), 0);
  const spare = widths.reduce((a, x, i) => a + Math.max(0, x - mins[i]!), 0);
  if (short > 0 && spare > short) {
    for (let i = 0; i < n; i++) {
      widths[i] = widths[i]! < mins[i]! ? mins[i]! : widths[i]! - ((widths[i]! - mins[i]!) / spare) * short;
    }
  }
  const text = (c: string) => unbreakableSpaces(safe(c));
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(w.embedded ? (bold ? 'B' : 'R') : bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    return (
      Math.max(
        ...cells.map((c, i) =>
          // Right-to-left and mixed-font cells are laid out by the writer: as tall as it makes them.
          w.needsOwnLayout(text(c), bold)
            ? w.height([{ text: text(c), bold }], size, widths[i]! - 2 * pad)
            : doc.heightOfString(text(c) || ' ', { width: widths[i]! - 2 * pad }),
        ),
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], header: boolean) => {
    const h = rowHeight(cells, header);
    if (!w.room(h)) return false;
    const y = w.y;
    let x = w.x;
    if (header) doc.rect(w.x, y, w.width, h).fill('#eef1f6');
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).strokeColor('#c9d0dc').stroke();
      w.y = y + pad;
      w.rich([{ text: text(c), bold: header }], size, { x: x + pad, width: widths[i]! - 2 * pad, gap: 0 });
      if (numeric?.[i]) {
        // right alignment is cosmetic; left-aligned figures read fine in the fallback
      }
      x += widths[i]!;
    });
    w.y = y + h;
    return true;
  };
  if (!drawRow(columns, true)) return;
  for (const r of rows) {
    const before = w.doc.bufferedPageRange().count;
    if (
      !drawRow(
        columns.map((_, i) => r[i] ?? ''),
        false,
      )
    )
      return;
    if (w.doc.bufferedPageRange().count !== before) {
      // the row started a new page: the header was left behind, which is fine for a fallback renderer
    }
  }
  w.y += 4;
}

function chart(w: Writer, c: ChartData, s: Sizes, box?: { x: number; width: number }): void {
  const doc = w.doc;
  const x0 = box?.x ?? w.x;
  const width = box?.width ?? Math.min(w.width, 420);
  const size = s.small;
  if (c.type === 'bar') {
    const labelW = Math.min(150, width * 0.35);
    const plotW = width - labelW - 40;
    const barH = Math.max(6, size);
    const rowH = c.series.length * barH + 5;
    const legend = c.series.length > 1 ? size + 6 : 0;
    const h = legend + c.categories.length * rowH + size + 10;
    if (!w.room(h + size * 2)) return;
    w.rich([{ text: `${safe(c.title)} (${safe(c.unit)})`, color: GREY }], size, { x: x0, width });
    const top = w.y + legend;
    const values = c.series.flatMap((sr) => sr.values.filter((v): v is number => v !== null));
    const min = c.min ?? 0;
    const max = c.max ?? Math.max(1, ...values);
    const px = (v: number) => x0 + labelW + ((Math.max(min, Math.min(max, v)) - min) / (max - min || 1)) * plotW;
    c.series.forEach((sr, j) => {
      if (c.series.length < 2) return;
      doc.rect(x0 + labelW + j * 120, w.y, 8, 8).fill(PALETTE[j % PALETTE.length]!);
      w.rich([{ text: truncate(safe(sr.name), 22) }], size, { x: x0 + labelW + j * 120 + 11, width: 105, gap: 0 });
      w.y = top - legend;
    });
    c.categories.forEach((cat, i) => {
      const y = top + i * rowH;
      w.y = y + rowH / 2 - size / 2 - 1;
      w.rich([{ text: truncate(safe(cat), 26) }], size, { x: x0, width: labelW - 6, gap: 0 });
      c.series.forEach((sr, j) => {
        const v = sr.values[i];
        if (v === null || v === undefined) return;
        const by = y + 2 + j * barH;
        doc.rect(px(min), by, Math.max(0.5, px(v) - px(min)), barH - 2).fill(PALETTE[j % PALETTE.length]!);
        w.y = by - 1;
        w.rich([{ text: formatFigure(v) }], size * 0.85, { x: px(v) + 2, width: 40, gap: 0 });
      });
    });
    w.y = top + c.categories.length * rowH + 4;
    doc.x = w.x;
    return;
  }
  const side = Math.min(width - 110, 200);
  const h = side + size * 4;
  if (!w.room(h)) return;
  w.rich([{ text: safe(c.title), color: GREY }], size, { x: x0, width });
  const top = w.y + 4;
  const left = x0 + 24;
  const span = c.max - c.min || 1;
  const px = (v: number) => left + ((v - c.min) / span) * side;
  const py = (v: number) => top + side - ((v - c.min) / span) * side;
  for (let t = c.min; t <= c.max; t++) {
    doc
      .moveTo(px(t), top)
      .lineTo(px(t), top + side)
      .lineWidth(0.4)
      .strokeColor('#e3e7ef')
      .stroke();
    doc
      .moveTo(left, py(t))
      .lineTo(left + side, py(t))
      .stroke();
  }
  doc.rect(left, top, side, side).lineWidth(0.6).strokeColor('#9aa5b8').stroke();
  c.points.forEach((p, i) => {
    // Our own product: a dark square and a bold label, as in the HTML chart.
    if (p.ours) doc.rect(px(p.x) - 4, py(p.y) - 4, 8, 8).fill(INK);
    else doc.circle(px(p.x), py(p.y), 3.5).fill(PALETTE[i % PALETTE.length]!);
    w.y = py(p.y) - size - 1 + (i % 2) * (size + 4);
    w.rich([{ text: pointLabel(p, 30), bold: Boolean(p.ours) }], size * 0.9, {
      x: px(p.x) + 5,
      width: 120,
      gap: 0,
    });
  });
  w.y = top + side + 3;
  w.rich(
    [{ text: `x: ${truncate(safe(c.xLabel), 40)} · y: ${truncate(safe(c.yLabel), 40)} (0-5)`, color: GREY }],
    size,
    {
      x: x0,
      width,
    },
  );
  doc.x = w.x;
}

function block(w: Writer, b: Block, s: Sizes, box?: { x: number; width: number }): void {
  const x = box?.x ?? w.x;
  const width = box?.width ?? w.width;
  switch (b.type) {
    case 'heading':
      w.y += 2;
      w.rich([{ text: safe(b.text), bold: true }], s.heading, { x, width });
      return;
    case 'paragraph':
      w.rich(
        [
          ...(b.label ? [{ text: labelText(b.label), bold: true }] : []),
          { text: safe(b.text), bold: b.style === 'lead', ...(b.style === 'note' ? { color: GREY } : {}) },
          ...(b.cite?.length ? [{ text: citesText(b.cite), color: GREY }] : []),
        ],
        b.style === 'lead' ? s.text * 1.1 : s.text,
        { x, width },
      );
      return;
    case 'list':
      b.items.forEach((item, n) => {
        const marker = b.ordered ? `${n + 1}.` : '•';
        const runs = itemRuns(item);
        if (!w.room(Math.min(w.height(runs, s.text, width - 14), s.text * 2.6))) return;
        const y = w.y;
        w.rich([{ text: marker }], s.text, { x, width: 14, gap: 0 });
        w.y = y;
        w.rich(runs, s.text, { x: x + 14, width: width - 14, gap: s.text * 0.2 });
      });
      w.y += s.text * 0.2;
      return;
    case 'table':
      table(w, b.columns, b.rows, s, b.caption, b.numeric);
      return;
    case 'missing': {
      const runs: Run[] = [{ text: missingLead(b), bold: true }];
      const qs = [
        ...(b.questions.length ? ['To answer:'] : []),
        ...b.questions.map((q) => `– ${safe(q)}`),
        missingWhere(b),
      ].join('\n');
      const h = w.height(runs, s.text, width - 14) + (qs ? w.height([{ text: qs }], s.text, width - 14) : 0) + 8;
      // A callout is kept whole on one page when it can be (up to a third of a page), not split by a line.
      if (!w.room(Math.min(h, 260))) return;
      const y = w.y;
      const fits = y + h <= w.limit;
      if (fits) {
        w.doc.rect(x, y, width, h).fill('#fff7e6');
        w.doc.rect(x, y, 3, h).fill('#d97706');
      }
      w.y = y + 4;
      w.rich(runs, s.text, { x: x + 9, width: width - 14, gap: 0 });
      if (qs) w.rich([{ text: qs }], s.text, { x: x + 9, width: width - 14, gap: 0 });
      // A callout that ran onto the next page ends where its text ends, not a box height below its start.
      w.y = (fits ? Math.max(w.y, y + h) : w.y) + 4;
      return;
    }
    case 'evidence':
      for (const e of b.items) {
        const main: Run[] = [{ text: `${evidenceLabel(e)} `, bold: true }, { text: safe(e.summary) }];
        if (!w.room(Math.min(w.height(main, s.text, width - 8) + s.small * 1.4, s.text * 3))) return;
        const y = w.y;
        w.rich(main, s.text, { x: x + 8, width: width - 8, gap: 0 });
        w.rich([{ text: `— ${evidenceLine(e)}`, color: GREY }], s.small, { x: x + 8, width: width - 8 });
        w.doc.rect(x, y, 2, w.y - y - 2).fill('#7c93c3');
      }
      return;
    case 'metrics': {
      const boxW = Math.min(130, width / Math.min(b.items.length, 4) - 6);
      const h = s.text * 3;
      let col = 0;
      let y = w.y;
      if (!w.room(h)) return;
      y = w.y;
      for (const m of b.items) {
        if (col * (boxW + 6) + boxW > width) {
          col = 0;
          y += h + 4;
          w.y = y;
          if (!w.room(h)) return;
          y = w.y;
        }
        const bx = x + col * (boxW + 6);
        w.doc.roundedRect(bx, y, boxW, h, 3).lineWidth(0.6).strokeColor('#c9d0dc').stroke();
        w.y = y + 3;
        w.rich([{ text: truncate(safe(m.value), 28), bold: true }], s.text * 1.15, {
          x: bx + 5,
          width: boxW - 10,
          gap: 0,
        });
        w.rich([{ text: truncate(safe(m.label), 40), color: GREY }], s.small, { x: bx + 5, width: boxW - 10, gap: 0 });
        col++;
      }
      w.y = y + h + 6;
      return;
    }
    case 'chart':
      chart(w, b.chart, s, box);
      return;
  }
}

function meta(w: Writer, model: DocumentModel, s: Sizes): void {
  w.rich(
    [{ text: model.metadata.map((m) => `${safe(m.label)}: ${safe(m.value)}`).join('   ·   '), color: GREY }],
    s.small,
  );
}

function section(w: Writer, sec: Section, s: Sizes, size: number): void {
  if (!w.room(size * 3)) return;
  w.y += size * 0.4;
  w.rich([{ text: safe(sec.title), bold: true, color: ACCENT }], size);
  for (const b of sec.blocks) block(w, b, s);
}

function documentPages(w: Writer, model: DocumentModel): void {
  const s = SIZES[model.layout];
  if (model.toc) w.y = w.doc.page.height * 0.3;
  w.rich([{ text: safe(model.title), bold: true }], s.title);
  if (model.subtitle) w.rich([{ text: safe(model.subtitle), color: GREY }], s.section);
  meta(w, model, s);
  w.rule();
  if (model.toc) {
    // The cover on its own page, then the contents (as the Chromium print has them), then the sections.
    w.doc.addPage();
    w.y = w.doc.page.margins.top;
    w.rich([{ text: 'Contents', bold: true }], s.group);
    let chapter: string | undefined;
    for (const sec of model.sections) {
      if (sec.group && sec.group.id !== chapter) w.rich([{ text: safe(sec.group.title) }], s.text);
      chapter = sec.group?.id;
      w.rich([{ text: `${sec.group ? '      ' : ''}${safe(sec.title)}` }], s.text);
    }
    w.doc.addPage();
    w.y = w.doc.page.margins.top;
  }
  let group: string | undefined;
  for (const sec of model.sections) {
    if (sec.group && sec.group.id !== group) {
      if (!w.room(s.group * 4)) break;
      w.y += s.group * 0.5;
      w.rich([{ text: safe(sec.group.title), bold: true }], s.group);
      w.rule();
    }
    group = sec.group?.id;
    section(w, sec, s, sec.group ? s.section : s.group * 0.9);
  }
  if (w.clipped) {
    w.limit = w.doc.page.height - 14;
    w.y = w.doc.page.height - w.doc.page.margins.bottom + 4;
    w.rich([{ text: 'Shortened to fit one page; the full text is in the other formats.', color: GREY }], s.small);
  }
}

function slidePages(w: Writer, model: DocumentModel): void {
  const s = SIZES.slides;
  const doc = w.doc;
  model.sections.forEach((sec, i) => {
    if (i > 0) doc.addPage();
    w.clipped = false;
    w.y = doc.page.margins.top;
    if (sec.id === 'cover') {
      w.y = doc.page.height * 0.28;
      w.rich([{ text: safe(model.title), bold: true }], s.title * 1.2);
      for (const b of sec.blocks) block(w, b, s);
      w.y = doc.page.height - doc.page.margins.bottom - s.small * 2.5;
      meta(w, model, s);
      return;
    }
    if (sec.group) w.rich([{ text: safe(sec.group.title).toUpperCase(), color: GREY }], s.group);
    w.rich([{ text: safe(sec.title), bold: true }], s.section);
    const charts = sec.blocks.filter((b) => b.type === 'chart');
    const text = sec.blocks.filter((b) => b.type !== 'chart');
    const top = w.y + 4;
    if (charts.length) {
      const half = (w.width - 20) / 2;
      const saved = { x: w.x, width: w.width };
      w.width = half;
      w.y = top;
      for (const b of text) block(w, b, s);
      w.x = saved.x + half + 20;
      w.width = half;
      w.y = top;
      for (const b of charts) block(w, b, s, { x: w.x, width: half });
      w.x = saved.x;
      w.width = saved.width;
    } else {
      w.y = top;
      for (const b of text) block(w, b, s);
    }
  });
}

/** Render a model to PDF with pdfkit. */
export function renderPdfKit(model: DocumentModel): Promise<Uint8Array> {
  const slides = model.layout === 'slides';
  const size: [number, number] = slides ? [720, 405] : [595.28, 841.89];
  const margin = slides ? 36 : model.layout === 'one-page' ? 34 : 50;
  const doc = new PDFDocument({
    size,
    margins: { top: margin, bottom: margin, left: margin + (slides ? 8 : 0), right: margin + (slides ? 8 : 0) },
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: safe(model.subtitle ? `${model.title} – ${model.subtitle}` : model.title),
      Creator: 'Vetted',
      Producer: 'Vetted (pdfkit)',
      CreationDate: new Date(model.generatedAt),
    },
    lang: 'en',
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => {
      const b = Buffer.concat(chunks);
      resolve(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    });
    doc.on('error', reject);
  });
  // Every layout flows: what does not fit a page (or a slide) continues on the next one, never clipped.
  const w = new Writer(doc, true);
  if (slides) slidePages(w, model);
  else documentPages(w, model);
  if (model.layout === 'document') {
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font(w.embedded ? 'R' : 'Helvetica')
        .fontSize(7.5)
        .fillColor(GREY);
      doc.text(`${i + 1} / ${range.count}`, 0, doc.page.height - bottom / 2, {
        width: doc.page.width,
        align: 'center',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return done;
}
