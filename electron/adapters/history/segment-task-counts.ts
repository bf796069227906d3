import type { TaskOrdinals } from './task-ordinals.js';

/**
 * How many end and trace records each task has in one sealed segment, packed in a single
 * Uint32Array (task ordinals ascending, then the end counts, then the trace counts): 12 bytes per
 * task, where an object keyed by task id cost some 260 — and a summary is kept for every sealed
 * segment of the log.
 */
export class SegmentTaskCounts {
  private constructor(
    private readonly packed: Uint32Array,
    private readonly size: number,
  ) {}

  /** The counts of `rows` (task id, end records, trace records), each task once. */
  static of(
    rows: Iterable<readonly [string, number, number]>,
    ordinals: TaskOrdinals,
  ): SegmentTaskCounts {
    const numbered = [...rows]
      .map(([id, ends, traces]) => [ordinals.of(id), ends, traces] as const)
      .sort((a, b) => a[0] - b[0]);
    const size = numbered.length;
    const packed = new Uint32Array(size * 3);
    numbered.forEach(([ordinal, ends, traces], i) => {
      packed[i] = ordinal;
      packed[size + i] = ends;
      packed[2 * size + i] = traces;
    });
    return new SegmentTaskCounts(packed, size);
  }

  /** End records of the task with `ordinal` here (0 for none, or for no ordinal at all). */
  ends(ordinal: number | undefined): number {
    const i = this.indexOf(ordinal);
    return i < 0 ? 0 : (this.packed[this.size + i] ?? 0);
  }

  /** Trace records of the task with `ordinal` here (0 for none, or for no ordinal at all). */
  traces(ordinal: number | undefined): number {
    const i = this.indexOf(ordinal);
    return i < 0 ? 0 : (this.packed[2 * this.size + i] ?? 0);
  }

  /** The manifest's form: task id to [end records, trace records]. */
  toJSON(ordinals: TaskOrdinals): Record<string, [number, number]> {
    const json: Record<string, [number, number]> = {};
    for (let i = 0; i < this.size; i++) {
      json[ordinals.id(this.packed[i] ?? 0)] = [
        this.packed[this.size + i] ?? 0,
        this.packed[2 * this.size + i] ?? 0,
      ];
    }
    return json;
  }

  /** Counts from the manifest's form (see `isJSON`). */
  static fromJSON(
    json: Readonly<Record<string, readonly [number, number]>>,
    ordinals: TaskOrdinals,
  ): SegmentTaskCounts {
    return SegmentTaskCounts.of(
      Object.entries(json).map(([id, [ends, traces]]) => [id, ends, traces] as const),
      ordinals,
    );
  }

  /**
   * Whether `value` is the manifest's form: checked by hand, since a manifest lists every task
   * of every sealed segment and a schema would copy each pair.
   */
  static isJSON(value: unknown): value is Record<string, [number, number]> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    for (const pair of Object.values(value as Record<string, unknown>)) {
      if (!Array.isArray(pair) || pair.length !== 2) return false;
      if (!Number.isInteger(pair[0]) || !Number.isInteger(pair[1])) return false;
    }
    return true;
  }

  private indexOf(ordinal: number | undefined): number {
    if (ordinal === undefined) return -1;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.packed[mid] ?? 0) < ordinal) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.size && this.packed[lo] === ordinal ? lo : -1;
  }
}
