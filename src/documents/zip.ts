import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP rewriter (stored and deflated entries, no ZIP64), enough to patch the XML parts of an
 * Office file that a generator got wrong (entries keep their names, order and timestamps), and a writer
 * for the documents pack.
 */

interface Entry {
  name: string;
  method: number;
  time: number;
  date: number;
  data: Buffer;
}

const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_LOCAL = 0x04034b50;

function readEntries(zip: Buffer): Entry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('Not a ZIP file: no end of central directory.');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== SIG_CENTRAL) throw new Error('Corrupt ZIP central directory.');
    const method = zip.readUInt16LE(p + 10);
    const time = zip.readUInt16LE(p + 12);
    const date = zip.readUInt16LE(p + 14);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (zip.readUInt32LE(local) !== SIG_LOCAL) throw new Error(`Corrupt ZIP local header for ${name}.`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`Unsupported ZIP compression method ${method} for ${name}.`);
    entries.push({ name, method, time, date, data });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One entry's local header (with its name) and central directory record, for data already in hand. */
function records(e: Entry, body: Buffer, offset: number): { local: Buffer[]; central: Buffer[] } {
  const name = Buffer.from(e.name, 'utf8');
  const crc = crc32(e.data) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(SIG_LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(e.method, 8);
  local.writeUInt16LE(e.time, 10);
  local.writeUInt16LE(e.date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(e.data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(SIG_CENTRAL, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(e.method, 10);
  central.writeUInt16LE(e.time, 12);
  central.writeUInt16LE(e.date, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(e.data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(offset, 42);
  return { local: [local, name, body], central: [central, name] };
}

function endRecord(count: number, dirLength: number, dirOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dirLength, 12);
  end.writeUInt32LE(dirOffset, 16);
  return end;
}

function writeEntries(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.method === 8 ? deflateRawSync(e.data) : e.data;
    const r = records(e, body, offset);
    locals.push(...r.local);
    centrals.push(...r.central);
    offset += 30 + r.local[1]!.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  return Buffer.concat([...locals, dir, endRecord(entries.length, dir.length, offset)]);
}

/** MS-DOS time and date fields (local time, 2-second steps; years from 1980), as ZIP stores them. */
function dosTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/**
 * A ZIP written one file at a time, for sending while the rest is still being made: each `add` returns the
 * bytes of that file's entry (its sizes and CRC are in its local header, so a reader can take each file as
 * it arrives), and `finish` the central directory that ends the archive. Files that are compressed already
 * (PDF, DOCX, PPTX) are best stored; text is deflated. No ZIP64: under 65,535 files and 4 GiB.
 */
export function zipWriter() {
  const centrals: Buffer[] = [];
  let offset = 0;
  let count = 0;
  return {
    add(name: string, data: Uint8Array, options: { deflate?: boolean; modified?: Date } = {}): Buffer {
      const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      const e: Entry = {
        name,
        method: options.deflate ? 8 : 0,
        ...dosTime(options.modified ?? new Date()),
        data: bytes,
      };
      const body = e.method === 8 ? deflateRawSync(bytes) : bytes;
      const r = records(e, body, offset);
      centrals.push(...r.central);
      count++;
      const out = Buffer.concat(r.local);
      offset += out.length;
      return out;
    },
    finish(): Buffer {
      const dir = Buffer.concat(centrals);
      return Buffer.concat([dir, endRecord(count, dir.length, offset)]);
    },
  };
}

/** Rewrite the entries whose names match; `patch` gets and returns the entry's text (UTF-8). */
export function patchZipText(zip: Buffer, match: (name: string) => boolean, patch: (text: string) => string): Buffer {
  const entries = readEntries(zip);
  for (const e of entries) {
    if (match(e.name)) e.data = Buffer.from(patch(e.data.toString('utf8')), 'utf8');
  }
  return writeEntries(entries);
}

/** The names and text of a ZIP's entries that match (for tests and checks). */
export function readZipText(zip: Buffer, match: (name: string) => boolean): Map<string, string> {
  return new Map(
    readEntries(zip)
      .filter((e) => match(e.name))
      .map((e) => [e.name, e.data.toString('utf8')]),
  );
}
