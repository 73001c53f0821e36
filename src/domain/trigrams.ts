/**
 * Trigrams as pg_trgm makes them, so that the similar-ideas index (`similar-index.ts`) can bound the
 * database's scores without asking it. pg_trgm lower-cases the text, splits it into words (runs of
 * alphanumeric characters), pads each word with two spaces before and one after, and keeps the distinct
 * three-character windows. `similarity` and `word_similarity` are ratios of counts of those trigrams.
 *
 * Only ASCII is decided here. What PostgreSQL counts as a letter beyond ASCII, and how it lower-cases it,
 * depends on the database's locale and version (and it hashes trigrams holding such characters to 3 bytes,
 * so two of them may collide), so a text holding a non-ASCII letter, digit, mark or symbol is reported as
 * uncertain and its callers must not rely on its trigrams. Non-ASCII punctuation and spaces (curly quotes,
 * dashes, no-break spaces, which pasted text is full of) separate words under every locale: they are
 * read as separators.
 */

/** Trigram codes: three characters of ' ', a-z, 0-9 read as a number in base 37. */
export const TRIGRAM_CODES = 37 * 37 * 37;

/** The characters of a search document's description, as `left(description, 300)` counts them. */
export const DESCRIPTION_CHARS = 300;

/** The search document the score's word similarity reads: `title || ' ' || left(description, 300)`. */
export function searchDocument(title: string, description: string): string {
  return `${title} ${leftChars(description, DESCRIPTION_CHARS)}`;
}

/** The first n characters as PostgreSQL counts them (code points, not UTF-16 units). */
export function leftChars(s: string, n: number): string {
  let units = 0;
  for (let chars = 0; chars < n && units < s.length; chars++) {
    const c = s.charCodeAt(units);
    units += c >= 0xd800 && c <= 0xdbff && units + 1 < s.length ? 2 : 1;
  }
  return s.slice(0, units);
}

const SEPARATOR = /[\p{P}\p{Z}]/u;

/** 0: separator, 1..36: the letter or digit's code, -1: a character whose reading depends on the database. */
function classify(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c < 128) {
    if (c >= 97 && c <= 122) return c - 96;
    if (c >= 65 && c <= 90) return c - 64;
    if (c >= 48 && c <= 57) return c - 48 + 27;
    return 0;
  }
  return SEPARATOR.test(ch) ? 0 : -1;
}

export interface TextTrigrams {
  /** Distinct trigram codes, unsorted; empty when uncertain. */
  codes: number[];
  /** false: the text holds a character PostgreSQL may read differently; `codes` must not be used. */
  certain: boolean;
}

/**
 * Every trigram pg_trgm makes of a text, repeats included, in its order (word by word, left to right), as
 * `word_similarity` walks them; null when the text is uncertain.
 */
export function trigramSequence(text: string): number[] | null {
  const out: number[] = [];
  // The window of the last two characters of the padded word, as base-37 digits (0 is the padding space).
  let a = 0;
  let b = 0;
  let inWord = false;
  for (const ch of text) {
    const k = classify(ch);
    if (k < 0) return null;
    if (k === 0) {
      if (inWord) out.push((a * 37 + b) * 37); // the word's last letters and the right padding
      inWord = false;
      continue;
    }
    if (!inWord) {
      a = 0;
      b = 0;
      inWord = true;
    }
    out.push((a * 37 + b) * 37 + k);
    a = b;
    b = k;
  }
  if (inWord) out.push((a * 37 + b) * 37);
  return out;
}

/** The distinct trigrams pg_trgm makes of a text, as codes. */
export function trigramCodes(text: string): TextTrigrams {
  const sequence = trigramSequence(text);
  return sequence ? { codes: [...new Set(sequence)], certain: true } : { codes: [], certain: false };
}

/**
 * The best similarity between a set of trigrams (`size` of them) and any run of consecutive trigrams of a
 * sequence: shared / (size + distinct in the run - shared), in single precision as pg_trgm computes it.
 * pg_trgm's `word_similarity` reports the score of one such run, found by a greedy walk, so this is at
 * least its value, and in practice equal. `inSet(code)` says whether the set holds a trigram; `marks` is
 * scratch space of TRIGRAM_CODES entries, all below `stamp` on entry.
 */
export function bestRunSimilarity(
  sequence: ArrayLike<number>,
  inSet: (code: number) => boolean,
  size: number,
  marks: Int32Array,
  stamp: number,
): { score: number; stamp: number } {
  const n = sequence.length;
  // found[i]: the trigram at i is in the set. after[i]: distinct set trigrams from i to the end, which no run
  // starting at or after i can exceed; counted from the right, a trigram at its rightmost place.
  const found = new Uint8Array(n);
  const after = new Uint16Array(n + 1);
  stamp++;
  for (let i = n - 1; i >= 0; i--) {
    const code = sequence[i]!;
    after[i] = after[i + 1]!;
    if (!inSet(code)) continue;
    found[i] = 1;
    if (marks[code] !== stamp) {
      marks[code] = stamp;
      after[i]!++;
    }
  }
  const total = after[0]!;
  if (total === 0 || size === 0) return { score: 0, stamp };
  let best = 0;
  // A best run starts and ends on shared trigrams: trimming others off its ends only raises the score.
  // Runs that cannot beat the best so far are cut short, by bounds in the same single precision (a run
  // whose bound rounds to at most `best` cannot round above it), so the answer is the full search's.
  for (let i = 0; i < n; i++) {
    if (!found[i]) continue;
    if (Math.fround(after[i]! / size) <= best) break; // nor can any later start
    stamp++;
    let distinct = 0;
    let shared = 0;
    for (let j = i; j < n; j++) {
      const code = sequence[j]!;
      if (marks[code] !== stamp) {
        marks[code] = stamp;
        distinct++;
        if (found[j]) shared++;
      }
      if (found[j]) {
        const score = Math.fround(shared / (size + distinct - shared));
        if (score > best) best = score;
      }
      // Going on adds at most the set trigrams still ahead, and never fewer others.
      if (Math.fround((shared + after[j + 1]!) / (size + distinct - shared)) <= best) break;
    }
  }
  return { score: best, stamp };
}

const LETTERS = ' abcdefghijklmnopqrstuvwxyz0123456789';

/** A code as the three characters `show_trgm` prints. */
export const trigramText = (code: number): string =>
  LETTERS[Math.floor(code / 1369)]! + LETTERS[Math.floor(code / 37) % 37]! + LETTERS[code % 37]!;

/** `similarity(a, b)` from the sizes of two trigram sets and of their intersection, as pg_trgm computes it. */
export const setSimilarity = (shared: number, sizeA: number, sizeB: number): number =>
  sizeA === 0 || sizeB === 0 ? 0 : Math.fround(shared / (sizeA + sizeB - shared));

/**
 * Upper bounds of the similar-ideas score's three measures from counts of shared trigrams, which is all an
 * index of trigrams knows (the exact `word_similarity` also needs the shared trigrams to lie together):
 * - `similarity(title, q)` is shared / (|title| + |q| - shared): exact;
 * - `word_similarity(q, doc)` is the best extent of the document's trigrams holding at most every shared
 *   one, over |q|: at most shared_doc / |q|, then discounted to 0.9 as the score does;
 * - `word_similarity(title, q)` likewise at most shared_title / |title|.
 * Each in the single precision the walk of runs (`bestRunSimilarity`) computes in, so that a walked score
 * equal to its counting bound is seen to be equal: the index then knows that no idea left can beat it.
 * PostgreSQL computes in single precision too; callers leave a slack when comparing with it.
 */
export function scoreBound(sharedTitle: number, titleSize: number, sharedDoc: number, querySize: number): number {
  if (querySize === 0 || sharedDoc === 0) return 0;
  const like = setSimilarity(sharedTitle, titleSize, querySize);
  const within = Math.fround(sharedDoc / querySize) * 0.9;
  const whole = titleSize > 0 ? Math.fround(sharedTitle / titleSize) : 0;
  return Math.max(like, within, whole);
}
