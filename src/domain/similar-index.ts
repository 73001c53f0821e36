/**
 * An in-memory trigram index of one workspace's ideas, which ranks the ideas that may score as similar to a
 * text by an upper bound of their score, so that the database need score exactly only the first few
 * (src/app/similar.ts). Pure: the caller feeds it ideas and asks it questions.
 *
 * Two steps. One posting list per trigram code (37³ of them) names the ideas whose search document holds
 * that trigram, with a bit saying whether the title holds it too (the title's trigrams are a subset of the
 * document's: the title is its first words, followed by a space); counting shared trigrams bounds every
 * idea's score cheaply but loosely, since `word_similarity` wants the shared trigrams together and a
 * document may hold a text's words far apart. Then, best counting bound first, an idea's texts are walked
 * as pg_trgm walks them (`bestRunSimilarity`), which bounds its score tightly, in practice exactly, until no
 * idea left could outrank the ones walked. Lists are byte arrays of gaps between idea slots in
 * variable-length encoding: the gaps of these long, dense lists take a byte or two, not four.
 *
 * Each idea's trigram sequences are kept (two bytes a trigram) so that a walk need not read its text
 * again, and the counting bounds go into a heap, not a full sort, since only the first few are taken
 * (measured at 100k generated ideas, same process and answers: p50 127 → 92 ms, p95 657 → 511 ms on a
 * machine under load; 41 → 62 MB).
 *
 * An idea that changes or goes leaves a dead slot and, if it stays, takes a new one: lists only ever grow
 * at their end. `deadShare` tells the owner when a rebuild would pay.
 */
import { bestRunSimilarity, scoreBound, setSimilarity, TRIGRAM_CODES, trigramSequence } from './trigrams.ts';

/** An idea that may score, with an upper bound of its score (Infinity: only the database can tell). */
export interface Ranked {
  id: string;
  number: number;
  bound: number;
}

const EMPTY = new Uint8Array(0);
const EMPTY_SEQUENCE = new Uint16Array(0);

export class SimilarIndex {
  private lists: Uint8Array[] = new Array<Uint8Array>(TRIGRAM_CODES).fill(EMPTY);
  private used = new Int32Array(TRIGRAM_CODES);
  /** The last slot written to each list, -1 for none: the next entry is a gap from it. */
  private lastSlot = new Int32Array(TRIGRAM_CODES).fill(-1);
  /** Per slot: the idea's id (null once dead), number, title, description as the search reads it. */
  private ids: (string | null)[] = [];
  /** Per slot: the title's and the search document's trigram sequences, as the walk reads them. */
  private titleSequences: Uint16Array[] = [];
  private docSequences: Uint16Array[] = [];
  private numbers = new Int32Array(1024);
  private titleSizes = new Uint16Array(1024);
  private slotOf = new Map<string, number>();
  /** Live slots whose text holds characters PostgreSQL may read differently: always ranked first. */
  private uncertain = new Set<number>();
  private dead = 0;
  private textBytes = 0;

  /** Ideas indexed. */
  get size(): number {
    return this.slotOf.size;
  }

  /** Share of slots held by ideas that changed or went since the last build. */
  get deadShare(): number {
    return this.ids.length === 0 ? 0 : this.dead / this.ids.length;
  }

  /** Bytes held: posting lists, per-slot arrays, trigram sequences, ids and map. */
  get bytes(): number {
    let total = this.used.byteLength + this.lastSlot.byteLength + this.titleSizes.byteLength + this.numbers.byteLength;
    for (const list of this.lists) total += list.byteLength;
    return total + this.textBytes + this.ids.length * 100;
  }

  /** Adds an idea, or replaces what the index holds for it. `description`: its first 300 characters. */
  put(id: string, number: number, title: string, description: string): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    const titleSequence = trigramSequence(title);
    const docSequence = trigramSequence(`${title} ${description}`);
    // Codes are below 37^3 = 50,653: two bytes each.
    this.titleSequences.push(Uint16Array.from(titleSequence ?? []));
    this.docSequences.push(Uint16Array.from(docSequence ?? []));
    this.textBytes += 2 * ((titleSequence?.length ?? 0) + (docSequence?.length ?? 0));
    this.slotOf.set(id, slot);
    if (slot >= this.numbers.length) {
      const numbers = new Int32Array(this.numbers.length * 2);
      numbers.set(this.numbers);
      this.numbers = numbers;
      const sizes = new Uint16Array(this.titleSizes.length * 2);
      sizes.set(this.titleSizes);
      this.titleSizes = sizes;
    }
    this.numbers[slot] = number;
    if (!titleSequence || !docSequence) {
      this.uncertain.add(slot);
      return;
    }
    const inTitle = new Set(titleSequence);
    this.titleSizes[slot] = Math.min(inTitle.size, 0xffff);
    for (const code of new Set(docSequence)) this.append(code, slot, inTitle.has(code));
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = null;
    this.textBytes -= 2 * (this.titleSequences[slot]!.length + this.docSequences[slot]!.length);
    this.titleSequences[slot] = EMPTY_SEQUENCE;
    this.docSequences[slot] = EMPTY_SEQUENCE;
    this.uncertain.delete(slot);
    this.dead++;
  }

  private append(code: number, slot: number, inTitle: boolean): void {
    let value = ((slot - this.lastSlot[code]!) << 1) | (inTitle ? 1 : 0);
    this.lastSlot[code] = slot;
    let list = this.lists[code]!;
    let used = this.used[code]!;
    if (used + 5 > list.length) {
      const grown = new Uint8Array(Math.max(8, list.length * 2));
      grown.set(list.subarray(0, used));
      list = grown;
      this.lists[code] = list;
    }
    while (value >= 0x80) {
      list[used++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    list[used++] = value;
    this.used[code] = used;
  }

  /**
   * The ideas that may score at least `threshold` against `text`, to be taken best bound first, or null when
   * the text holds characters whose trigrams only the database knows (the caller then scores every idea).
   */
  rank(text: string, threshold: number): Ranking | null {
    const sequence = trigramSequence(text);
    if (!sequence) return null;
    const codes = [...new Set(sequence)];
    const slots = this.ids.length;
    // Per slot, the query's trigrams its document holds (low 16 bits) and its title holds (high 16 bits):
    // one write per posting.
    const shared = new Uint32Array(slots);
    for (const code of codes) {
      const list = this.lists[code]!;
      const used = this.used[code]!;
      let slot = -1;
      let i = 0;
      while (i < used) {
        let value = 0;
        let shift = 0;
        let byte: number;
        do {
          byte = list[i++]!;
          value |= (byte & 0x7f) << shift;
          shift += 7;
        } while (byte & 0x80);
        slot += value >>> 1;
        shared[slot]! += 1 + ((value & 1) << 16);
      }
    }
    const bounds = new Float64Array(slots);
    const candidates = new Int32Array(slots);
    let count = 0;
    const uncertain = this.uncertain.size > 0 ? this.uncertain : null;
    for (let slot = 0; slot < slots; slot++) {
      const s = shared[slot]!;
      if (s === 0 || this.ids[slot] === null || uncertain?.has(slot)) continue;
      const bound = scoreBound(s >>> 16, this.titleSizes[slot]!, s & 0xffff, codes.length);
      if (bound < threshold) continue;
      bounds[slot] = bound;
      candidates[count++] = slot;
    }
    const first = [...this.uncertain].sort((a, b) => this.numbers[a]! - this.numbers[b]!);
    const sharedTitle = (slot: number) => shared[slot]! >>> 16;
    // Only the first few are ever taken, so they go into a heap (linear to build), not a full sort.
    const heap = new CandidateHeap(candidates, count, bounds, this.numbers);
    return new Ranking(this.view(), sequence, codes, heap, bounds, first, sharedTitle);
  }

  private view(): IndexView {
    return {
      ids: this.ids,
      numbers: this.numbers,
      titleSequences: this.titleSequences,
      docSequences: this.docSequences,
      titleSizes: this.titleSizes,
    };
  }
}

interface IndexView {
  ids: (string | null)[];
  numbers: Int32Array;
  titleSequences: Uint16Array[];
  docSequences: Uint16Array[];
  titleSizes: Uint16Array;
}

/**
 * Candidate slots in the answers' order (higher counting bound first, then lower number): a heap built in
 * linear time over the array it is given.
 */
class CandidateHeap {
  constructor(
    private slots: Int32Array,
    private count: number,
    private bounds: Float64Array,
    private numbers: Int32Array,
  ) {
    for (let i = (count >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** The first candidate's slot, -1 when none is left. */
  get top(): number {
    return this.count > 0 ? this.slots[0]! : -1;
  }

  pop(): void {
    this.slots[0] = this.slots[--this.count]!;
    this.down(0);
  }

  private before(a: number, b: number): boolean {
    const x = this.bounds[a]!;
    const y = this.bounds[b]!;
    return x > y || (x === y && this.numbers[a]! < this.numbers[b]!);
  }

  private down(i: number): void {
    const s = this.slots;
    const n = this.count;
    const slot = s[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(s[child + 1]!, s[child]!)) child++;
      if (!this.before(s[child]!, slot)) break;
      s[i] = s[child]!;
      i = child;
    }
    s[i] = slot;
  }
}

/**
 * Ideas in falling order of a tight bound (then rising number, the answers' tie-break), computed lazily:
 * an idea is walked only once its counting bound reaches the best walked bound still waiting, since no
 * idea's tight bound exceeds its counting bound. Bounds are compared exactly (both are computed in the same
 * single precision), so a walked idea whose bound equals the next counting bound, with a lower number, is
 * settled without walking the ideas tied behind it: a common word shared by thousands of titles no longer
 * means thousands of walks.
 */
export class Ranking {
  private next_ = 0;
  /** Walked ideas waiting to be taken: a heap, best (bound, then lowest number) on top. */
  private heap: { slot: number; bound: number }[] = [];
  private inQuery: Uint8Array;
  private marks = new Int32Array(TRIGRAM_CODES);
  private stamp = 0;
  /** The walked title's trigrams: those marked with `titleStamp`. */
  private titleMarks = new Int32Array(TRIGRAM_CODES);
  private titleStamp = 0;

  constructor(
    private index: IndexView,
    private sequence: number[],
    private codes: number[],
    private candidates: CandidateHeap,
    private counted: Float64Array,
    private uncertain: number[],
    private sharedTitle: (slot: number) => number,
  ) {
    this.inQuery = new Uint8Array(TRIGRAM_CODES);
    for (const code of codes) this.inQuery[code] = 1;
  }

  /** The best idea not yet taken, without taking it. */
  peek(): Ranked | null {
    // An idea removed meanwhile (the caller awaits the database between takes) is passed over.
    while (this.next_ < this.uncertain.length && this.index.ids[this.uncertain[this.next_]!] === null) this.next_++;
    if (this.next_ < this.uncertain.length) return this.ranked(this.uncertain[this.next_]!, Number.POSITIVE_INFINITY);
    for (;;) {
      this.walkUntilSettled();
      const top = this.heap[0];
      if (!top) return null;
      if (this.index.ids[top.slot] !== null) return this.ranked(top.slot, top.bound);
      this.pop();
    }
  }

  /** Takes the best idea not yet taken. */
  take(): Ranked | null {
    const best = this.peek();
    if (!best) return null;
    if (this.next_ < this.uncertain.length) this.next_++;
    else this.pop();
    return best;
  }

  private ranked(slot: number, bound: number): Ranked {
    return { id: this.index.ids[slot]!, number: this.index.numbers[slot]!, bound };
  }

  private walkUntilSettled(): void {
    for (let slot = this.candidates.top; slot !== -1; slot = this.candidates.top) {
      const top = this.heap[0];
      if (top && this.before(top, { slot, bound: this.counted[slot]! })) return;
      this.candidates.pop();
      this.push({ slot, bound: this.walk(slot) });
    }
  }

  /** The tight bound: each measure as pg_trgm computes it, word similarities over their best runs. */
  private walk(slot: number): number {
    const titleSequence = this.index.titleSequences[slot]!;
    const docSequence = this.index.docSequences[slot]!;
    const titleSize = this.index.titleSizes[slot]!;
    const like = setSimilarity(this.sharedTitle(slot), titleSize, this.codes.length);
    const inQuery = this.inQuery;
    const within = bestRunSimilarity(docSequence, (c) => inQuery[c] === 1, this.codes.length, this.marks, this.stamp);
    const titleMarks = this.titleMarks;
    const titleStamp = ++this.titleStamp;
    for (const code of titleSequence) titleMarks[code] = titleStamp;
    const whole = bestRunSimilarity(
      this.sequence,
      (c) => titleMarks[c] === titleStamp,
      titleSize,
      this.marks,
      within.stamp,
    );
    this.stamp = whole.stamp;
    return Math.max(like, within.score * 0.9, whole.score);
  }

  private before(a: { slot: number; bound: number }, b: { slot: number; bound: number }): boolean {
    return a.bound > b.bound || (a.bound === b.bound && this.index.numbers[a.slot]! < this.index.numbers[b.slot]!);
  }

  private push(item: { slot: number; bound: number }): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < h.length && this.before(h[l]!, h[best]!)) best = l;
      if (r < h.length && this.before(h[r]!, h[best]!)) best = r;
      if (best === i) return;
      [h[i], h[best]] = [h[best]!, h[i]!];
      i = best;
    }
  }
}
