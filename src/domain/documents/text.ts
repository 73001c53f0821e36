/**
 * Text helpers shared by the document builders. Everything here is deterministic: fixed locale, no clock.
 */

// C0/C1 control characters (except tab and newline), non-characters, and bidi embedding/override/isolate
// controls: none belongs in a document, some break XML (DOCX, PPTX) and some reorder text (spoofing).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Unsafe characters removed and line ends normalised; spacing kept (for text fragments and runs). */
export function scrub(text: string | null | undefined): string {
  if (!text) return '';
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Text as it may appear in any format: unsafe characters removed, line ends normalised, trimmed. */
export const clean = (text: string | null | undefined): string => scrub(text).trim();

/** One line: newlines and runs of spaces become one space. */
export const oneLine = (text: string | null | undefined): string => clean(text).replace(/\s+/g, ' ');

/** At most `max` characters (code points), cut at a word boundary when one is near, marked with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const SENTENCE = /[\s\S]+?(?:[.!?。！？]+["'”’)\]]*(?=\s|$)|$)\s*/gu;

/**
 * Text shortened to whole sentences: as many as fit in `max` characters, and always the first one, however
 * long (a sentence is never cut). " …" says that sentences were left out.
 */
export function shorten(text: string, max: number): string {
  if (Array.from(text).length <= max) return text;
  const sentences = text.match(SENTENCE) ?? [text];
  let out = '';
  for (const s of sentences) {
    if (out && Array.from(out + s).length > max) break;
    out += s;
  }
  out = out.trim();
  return out.length < text.trim().length ? `${out} …` : out;
}

/**
 * A headline for an idea: its title when short, else the title's first clause when that says enough, else
 * the whole title: a headline is never cut inside a sentence.
 */
export function headline(title: string, max = 70): string {
  if (Array.from(title).length <= max) return title;
  for (const sep of [': ', '; ', ' – ', ' — ', ', ']) {
    const i = title.indexOf(sep);
    if (i >= 20 && i <= max) return title.slice(0, i);
  }
  return title;
}

/** Present and not blank. */
export const has = (text: string | null | undefined): text is string => typeof text === 'string' && clean(text) !== '';

/*
 * The one number format of every document in every format (Markdown, HTML, PDF, DOCX, PPTX, charts): a
 * figure is written once, here, so that no two renderings of the same fact disagree, and rounding never
 * hides a difference that a comparison rests on (0.006 against 0.015, 0.078).
 */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const FRACTION = Array.from({ length: 8 }, (_, d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d }));
const SIGNIFICANT = Array.from(
  { length: 8 },
  (_, d) => new Intl.NumberFormat('en-US', { maximumSignificantDigits: d + 1 }),
);

/**
 * A number: integers grouped ("1,840,000"); from 1 up, at most two decimals ("3.83"); below 1, three
 * significant digits ("0.078", "0.006"). `extra` adds precision (formatAlike uses it to keep values apart).
 */
export function formatNumber(n: number, extra = 0): string {
  if (Number.isInteger(n)) return integer.format(n);
  const abs = Math.abs(n);
  if (abs >= 1) return FRACTION[Math.min(7, 2 + extra)]!.format(n);
  return SIGNIFICANT[Math.min(7, 2 + extra)]!.format(n);
}

/** A share (0..1) as a percentage: "0.6 %", "1.5 %", "33.3 %", "4 %". */
export function formatPercent(share: number, extra = 0): string {
  const p = share * 100;
  const abs = Math.abs(p);
  const text =
    Number.isInteger(p) || abs >= 1 ? FRACTION[Math.min(7, 1 + extra)]!.format(p) : formatNumber(p, extra - 1);
  return `${text} %`;
}

/**
 * Several numbers that are read against each other (a threshold and a result): written with the precision
 * that keeps different values different, so that rounding never makes them look equal or flips them.
 */
export function formatAlike(values: readonly number[], format: (n: number, extra: number) => string): string[] {
  for (let extra = 0; extra < 6; extra++) {
    const out = values.map((v) => format(v, extra));
    const clash = values.some((a, i) => values.some((b, j) => a !== b && out[i] === out[j]));
    if (!clash) return out;
  }
  return values.map((v) => format(v, 6));
}

/** Fraction digits of a currency (2 for EUR, 0 for JPY); 2 when unknown. */
export function currencyDigits(currency: string | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units to major units. */
export const toMajor = (minor: number, currency: string | undefined): number => minor / 10 ** currencyDigits(currency);

/** A large figure in words a board reads at a glance: "1.84 M", "1.3 B"; below a million, grouped ("630,000"). */
export function formatCompact(major: number): string {
  const abs = Math.abs(major);
  if (abs >= 1e9) return `${FRACTION[2]!.format(major / 1e9)} B`;
  if (abs >= 1e6) return `${FRACTION[2]!.format(major / 1e6)} M`;
  return formatNumber(major);
}

/**
 * Money from minor units, one way everywhere: "EUR 350", "EUR 12.50", "EUR 630,000", "EUR 1.84 M",
 * "EUR 1.3 B" (cents only when there are some, below 10,000). Without a currency the amount is shown in
 * major units and says the currency is not given.
 */
export function formatMoney(minor: number, currency: string | undefined): string {
  const major = toMajor(minor, currency);
  const abs = Math.abs(major);
  let figure: string;
  if (abs >= 1e6) figure = formatCompact(major);
  else if (abs >= 1e4 || Number.isInteger(major)) figure = integer.format(Math.round(major));
  else {
    const digits = currencyDigits(currency);
    figure = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      major,
    );
  }
  return currency ? `${currency} ${figure}` : `${figure} (currency not given)`;
}

/** "1 record", "3 records": a count with its noun, singular or plural ("criterion" → "criteria" is given). */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** An instant as "2026-11-23 09:15 UTC". */
export const formatInstant = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Upper-case the first letter. */
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Join with commas and a final "and". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
