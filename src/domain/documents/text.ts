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

/** Present and not blank. */
export const has = (text: string | null | undefined): text is string => typeof text === 'string' && clean(text) !== '';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export const formatNumber = (n: number): string => (Number.isInteger(n) ? integer.format(n) : decimal.format(n));

export const formatPercent = (share: number): string => `${decimal.format(Math.round(share * 1000) / 10)} %`;

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

/**
 * Money from minor units: "EUR 12.50", "EUR 4.2 M", "EUR 1.3 B". Without a currency the amount is shown in
 * major units and says the currency is not given.
 */
export function formatMoney(minor: number, currency: string | undefined): string {
  const major = toMajor(minor, currency);
  const abs = Math.abs(major);
  let figure: string;
  if (abs >= 1e9) figure = `${decimal.format(Math.round(major / 1e7) / 100)} B`;
  else if (abs >= 1e6) figure = `${decimal.format(Math.round(major / 1e4) / 100)} M`;
  else if (abs >= 1e4) figure = integer.format(Math.round(major));
  else {
    const digits = currencyDigits(currency);
    figure = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      major,
    );
  }
  return currency ? `${currency} ${figure}` : `${figure} (currency not given)`;
}

/** An instant as "2026-11-23 09:15 UTC". */
export const formatInstant = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Upper-case the first letter. */
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Join with commas and a final "and". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
