import zlib from "node:zlib";
import { DocumentError } from "./errors.ts";
import { LIMITS, tooLarge } from "./limits.ts";

// The ZIP packages of .docx, .xlsx and .odt, opened without trusting them: the count of parts and the
// sizes they declare are checked before anything is unpacked, and every part is inflated with a cap on
// its output (declared sizes can lie), charged to one budget for the whole file. Only the parts a reader
// asks for are unpacked: pictures inside a .docx are never inflated.

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

export class SafeZip {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;
  /** parts already charged to the budget: reading one twice costs it once */
  private readonly charged = new Set<string>();

  private constructor(
    readonly fileName: string,
    private readonly bytes: Buffer,
  ) {}

  /** Reads the central directory; a damaged archive is `unreadable`, one over the limits `too_large`. */
  static open(fileName: string, bytes: Buffer): SafeZip {
    const zip = new SafeZip(fileName, bytes);
    try {
      zip.readDirectory();
    } catch (e) {
      if (e instanceof DocumentError) throw e;
      throw damaged(fileName);
    }
    return zip;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** A part as text (UTF-8), or undefined when there is no such part. Parts to be parsed are capped at xmlPartBytes. */
  text(name: string): string | undefined {
    const bytes = this.read(name, LIMITS.xmlPartBytes);
    return bytes?.toString("utf8");
  }

  /** A part's bytes, inflated with a cap; undefined when there is no such part. */
  read(name: string, cap: number = LIMITS.unpackedBytes): Buffer | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.size > cap) throw tooLarge(this.fileName, cap === LIMITS.xmlPartBytes ? "xmlPartBytes" : "unpackedBytes", cap);
    const left = this.charged.has(name) ? LIMITS.unpackedBytes : LIMITS.unpackedBytes - this.inflated;
    const max = Math.min(cap, left);
    let out: Buffer;
    try {
      const start = this.dataStart(e);
      const data = this.bytes.subarray(start, start + e.compressedSize);
      if (data.length < e.compressedSize) throw damaged(this.fileName);
      if (e.method === 0) out = Buffer.from(data);
      else if (e.method === 8) out = zlib.inflateRawSync(data, { maxOutputLength: max + 1 });
      else throw damaged(this.fileName);
    } catch (err) {
      if (err instanceof DocumentError) throw err;
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw overCap(this.fileName, max, cap);
      throw damaged(this.fileName);
    }
    if (out.length > max) throw overCap(this.fileName, max, cap);
    if (!this.charged.has(name)) this.inflated += out.length;
    this.charged.add(name);
    return out;
  }

  /** Every part through read(): a library that unpacks the whole package itself is then safe to call. */
  checkAll(): void {
    for (const name of this.entries.keys()) this.read(name);
  }

  private dataStart(e: Entry): number {
    const b = this.bytes;
    const at = e.headerOffset;
    if (at + 30 > b.length || b.readUInt32LE(at) !== 0x04034b50) throw damaged(this.fileName);
    return at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  }

  private readDirectory(): void {
    const b = this.bytes;
    const end = findEndOfDirectory(b);
    if (end < 0) throw damaged(this.fileName);
    const declared = b.readUInt16LE(end + 10);
    const dirSize = b.readUInt32LE(end + 12);
    let at = b.readUInt32LE(end + 16);
    // a directory that does not fit the file, or holds fewer bytes than its entries need, is damaged, not large
    if (at + dirSize > end || declared * 46 > dirSize) throw damaged(this.fileName);
    if (declared > LIMITS.zipParts) throw tooLarge(this.fileName, "zipParts", LIMITS.zipParts);
    let total = 0;
    for (let i = 0; i < declared; i++) {
      if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) throw damaged(this.fileName);
      const nameLength = b.readUInt16LE(at + 28);
      const entry: Entry = {
        method: b.readUInt16LE(at + 10),
        compressedSize: b.readUInt32LE(at + 20),
        size: b.readUInt32LE(at + 24),
        headerOffset: b.readUInt32LE(at + 42),
        name: b.toString("utf8", at + 46, at + 46 + nameLength),
      };
      if (entry.headerOffset + entry.compressedSize > b.length || !possibleSize(entry)) throw damaged(this.fileName);
      total += entry.size;
      if (total > LIMITS.unpackedBytes) throw tooLarge(this.fileName, "unpackedBytes", LIMITS.unpackedBytes);
      if (!entry.name.endsWith("/")) this.entries.set(entry.name.replace(/^\//, ""), entry);
      at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    }
  }
}

/**
 * Deflate cannot unpack more than about 1 032 bytes per byte: a size beyond that is a damaged directory
 * (a bomb declares small sizes, and is caught while inflating).
 */
function possibleSize(e: Entry): boolean {
  if (e.method === 0) return e.size === e.compressedSize;
  return e.size <= e.compressedSize * 1100 + 1024;
}

/** The end-of-central-directory record: scanned for from the end (a comment of up to 64 KB may follow it). */
function findEndOfDirectory(b: Buffer): number {
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (b.readUInt32LE(at) === 0x06054b50) return at;
  }
  return -1;
}

function damaged(fileName: string): DocumentError {
  return new DocumentError("unreadable", fileName, "the file is damaged: the archive cannot be unpacked (was it fully downloaded?)");
}

/** Which limit an inflation that ran past `max` hit: the part's own cap, or the whole file's budget. */
function overCap(fileName: string, max: number, cap: number): DocumentError {
  if (max === cap && cap === LIMITS.xmlPartBytes) return tooLarge(fileName, "xmlPartBytes", cap);
  return tooLarge(fileName, "unpackedBytes", LIMITS.unpackedBytes);
}
