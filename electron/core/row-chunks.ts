/** Rows per chunk: a chunk is one buffer; rows never move once made. */
const CHUNK_SHIFT = 8;
const ROW_MASK = (1 << CHUNK_SHIFT) - 1;

/**
 * Fixed-size rows of numbers kept in chunks of 256 rows, each chunk a buffer seen as float64,
 * int32 and byte arrays. Growing adds a chunk: nothing is copied, and no outgrown buffer lingers
 * in memory until a full garbage collection frees it (doubling a 4 MB table left 4 MB of dead
 * buffers behind). A row's fields are at `offset(row)` in its chunk's arrays (in bytes; divide
 * by 8 or 4 for the wider views, so rows must be a multiple of 8 bytes).
 */
export class RowChunks {
  readonly f64: Float64Array[] = [];
  readonly i32: Int32Array[] = [];
  readonly u8: Uint8Array[] = [];

  constructor(readonly rowBytes: number) {
    if (rowBytes % 8 !== 0) throw new Error('RowChunks: rows must be a multiple of 8 bytes');
  }

  /** Makes room for `row`. */
  ensure(row: number): void {
    while (row >>> CHUNK_SHIFT >= this.f64.length) {
      const buffer = new ArrayBuffer((ROW_MASK + 1) * this.rowBytes);
      this.f64.push(new Float64Array(buffer));
      this.i32.push(new Int32Array(buffer));
      this.u8.push(new Uint8Array(buffer));
    }
  }

  /** Which chunk holds `row`. */
  static chunk(row: number): number {
    return row >>> CHUNK_SHIFT;
  }

  /** Where `row` starts in its chunk, in bytes. */
  offset(row: number): number {
    return (row & ROW_MASK) * this.rowBytes;
  }
}
