/** FNV-1a, 32 bits: a cheap, well-spread hash of an execution id. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Bytes before the hashes: the segment's size (float64) the filter was built for. */
const HEADER_BYTES = 8;

/**
 * The sorted hashes of a sealed segment's end-record ids (`segment-NNNNNN.ids`, 4 bytes per
 * execution): tells `get(id)` which segments can hold an id without reading their indexes.
 * A false positive only costs reading one index; there are no false negatives.
 */
export class SegmentIdFilter {
  private constructor(private readonly hashes: Uint32Array) {}

  /** A filter over `ids`. */
  static of(ids: Iterable<string>): SegmentIdFilter {
    const hashes = Uint32Array.from(ids, hashId);
    hashes.sort();
    return new SegmentIdFilter(hashes);
  }

  /** Whether the segment may hold an end record of `id`. */
  mightHave(id: string): boolean {
    const wanted = hashId(id);
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.hashes[mid] ?? 0) < wanted) lo = mid + 1;
      else hi = mid;
    }
    return this.hashes[lo] === wanted;
  }

  /** The file content for a segment of `segmentBytes` bytes. */
  toBuffer(segmentBytes: number): Buffer {
    const buffer = Buffer.alloc(HEADER_BYTES + this.hashes.length * 4);
    buffer.writeDoubleLE(segmentBytes, 0);
    for (let i = 0; i < this.hashes.length; i++) {
      buffer.writeUInt32LE(this.hashes[i] ?? 0, HEADER_BYTES + i * 4);
    }
    return buffer;
  }

  /** Reads a filter file back; null unless it was written for a segment of `segmentBytes`. */
  static fromBuffer(buffer: Buffer, segmentBytes: number): SegmentIdFilter | null {
    if (buffer.length < HEADER_BYTES || (buffer.length - HEADER_BYTES) % 4 !== 0) return null;
    if (buffer.readDoubleLE(0) !== segmentBytes) return null;
    const hashes = new Uint32Array((buffer.length - HEADER_BYTES) / 4);
    for (let i = 0; i < hashes.length; i++) hashes[i] = buffer.readUInt32LE(HEADER_BYTES + i * 4);
    return new SegmentIdFilter(hashes);
  }
}
