/**
 * An in-memory trigram index of one workspace's ideas, which finds the few ideas that may score as
 * similar to a text, each with an upper bound of its score; the database then scores those exactly
 * (src/app/similar.ts). Pure: the caller feeds it ideas and asks it questions.
 *
 * One posting list per trigram code (37³ of them) names the ideas whose search document holds that
 * trigram, with a bit saying whether the title holds it too: the title's trigrams are a subset of the
 * document's (the title is the document's first words, followed by a space). Lists are kept as byte arrays
 * of gaps between idea slots in variable-length encoding, since most of them are long and dense: a few
 * bytes per idea per trigram would be tens of megabytes per 100k ideas; the gaps are one or two bytes.
 *
 * An idea that changes or goes gets a dead slot and, if it stays, a new one: lists only ever grow at their
 * end. `deadShare` tells the owner when a rebuild would pay.
 */
import { scoreBound, searchDocument, TRIGRAM_CODES, trigramCodes } from './trigrams.ts';

export interface Candidates {
  /** Idea ids, highest bound first. */
  ids: string[];
  /** Their upper bounds, same order. Ideas with uncertain text come first, bound Infinity. */
  bounds: number[];
}

const EMPTY = new Uint8Array(0);

export class SimilarIndex {
  private lists: Uint8Array[] = new Array<Uint8Array>(TRIGRAM_CODES).fill(EMPTY);
  private used = new Int32Array(TRIGRAM_CODES);
  /** The last slot written to each list, -1 for none: the next entry is a gap from it. */
  private lastSlot = new Int32Array(TRIGRAM_CODES).fill(-1);
  private ids: (string | null)[] = [];
  private titleSizes = new Uint16Array(1024);
  private slotOf = new Map<string, number>();
  /** Live slots whose text holds characters PostgreSQL may read differently: always candidates. */
  private uncertain = new Set<number>();
  private dead = 0;

  /** Ideas indexed. */
  get size(): number {
    return this.slotOf.size;
  }

  /** Share of slots held by ideas that changed or went since the last build. */
  get deadShare(): number {
    return this.ids.length === 0 ? 0 : this.dead / this.ids.length;
  }

  /** Bytes held by posting lists and per-slot arrays (ids and the id map estimated at 100 bytes each). */
  get bytes(): number {
    let total = this.used.byteLength + this.lastSlot.byteLength + this.titleSizes.byteLength;
    for (const list of this.lists) total += list.byteLength;
    return total + this.ids.length * 100;
  }

  /** Adds an idea, or replaces what the index holds for it. */
  put(id: string, title: string, description: string): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    if (slot >= this.titleSizes.length) {
      const grown = new Uint16Array(this.titleSizes.length * 2);
      grown.set(this.titleSizes);
      this.titleSizes = grown;
    }
    const title_ = trigramCodes(title);
    const doc = trigramCodes(searchDocument(title, description));
    if (!title_.certain || !doc.certain) {
      this.uncertain.add(slot);
      return;
    }
    this.titleSizes[slot] = Math.min(title_.codes.length, 0xffff);
    const inTitle = new Set(title_.codes);
    for (const code of doc.codes) this.append(code, slot, inTitle.has(code));
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = null;
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
   * The ideas that may score at least `threshold` against `text`, highest bound first, or null when the
   * text holds characters whose trigrams only the database knows (the caller then scores every idea).
   */
  candidates(text: string, threshold: number): Candidates | null {
    const query = trigramCodes(text);
    if (!query.certain) return null;
    const slots = this.ids.length;
    const sharedDoc = new Uint16Array(slots);
    const sharedTitle = new Uint16Array(slots);
    for (const code of query.codes) {
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
        sharedDoc[slot]!++;
        if (value & 1) sharedTitle[slot]!++;
      }
    }
    const found: { slot: number; bound: number }[] = [];
    for (const slot of this.uncertain) found.push({ slot, bound: Number.POSITIVE_INFINITY });
    const q = query.codes.length;
    for (let slot = 0; slot < slots; slot++) {
      if (sharedDoc[slot] === 0 || this.ids[slot] === null) continue;
      const bound = scoreBound(sharedTitle[slot]!, this.titleSizes[slot]!, sharedDoc[slot]!, q);
      if (bound >= threshold) found.push({ slot, bound });
    }
    found.sort((x, y) => y.bound - x.bound);
    return { ids: found.map((f) => this.ids[f.slot]!), bounds: found.map((f) => f.bound) };
  }
}
