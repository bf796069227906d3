/** Bucket growth factor: a bucket spans 5%, so a percentile is never off by more than that. */
const RATIO = 1.05;
const LOG_RATIO = Math.log(RATIO);
/** Numbers kept per bucket in use: its index, how many durations fell in it, and their sum. */
const STRIDE = 3;

/** Bucket 0 holds durations under 1 ms; bucket i >= 1 holds [RATIO^(i-1), RATIO^i) ms. */
function bucketOf(ms: number): number {
  return ms < 1 ? 0 : 1 + Math.floor(Math.log(ms) / LOG_RATIO);
}

function middleOf(bucket: number): number {
  return bucket === 0 ? 0.5 : Math.pow(RATIO, bucket - 0.5);
}

/** A persisted bucket: `[bucket, count, sum]`, or `[bucket, count]` as older files have it. */
export type HistogramBucketJson = [number, number, number] | [number, number];

/**
 * A log-scale histogram of durations (ms) with memory bounded by the distinct buckets in use
 * (a few hundred at most), however many runs. A percentile is the mean of the durations in
 * the bucket it falls in: inside that bucket's 5% span, and exact when they are alike (two runs
 * of 2.01 s read 2.01 s, not the bucket's middle, 1.97 s). The buckets in use are `[bucket,
 * count, sum]` triples of one Float64Array, ascending by bucket.
 */
export class DurationHistogram {
  private numbers = new Float64Array(0);
  private used = 0;
  private total = 0;

  add(ms: number, count = 1): void {
    const value = Math.max(0, ms);
    this.addTo(bucketOf(value), count, value * count);
  }

  /** Adds every count of `other` to this one. */
  merge(other: DurationHistogram): void {
    const n = other.numbers;
    for (let i = 0; i < other.used; i++) {
      this.addTo(n[STRIDE * i] ?? 0, n[STRIDE * i + 1] ?? 0, n[STRIDE * i + 2] ?? 0);
    }
  }

  get size(): number {
    return this.total;
  }

  /** The nearest-rank percentile (`p` in 0..1), or null when empty. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.total));
    const n = this.numbers;
    let seen = 0;
    for (let i = 0; i < this.used; i++) {
      const count = n[STRIDE * i + 1] ?? 0;
      seen += count;
      if (seen >= rank) return count > 0 ? (n[STRIDE * i + 2] ?? 0) / count : 0;
    }
    return null;
  }

  /** `[bucket, count, sum]` triples for persistence. */
  toJSON(): [number, number, number][] {
    const out: [number, number, number][] = [];
    const n = this.numbers;
    for (let i = 0; i < this.used; i++) {
      out.push([n[STRIDE * i] ?? 0, n[STRIDE * i + 1] ?? 0, n[STRIDE * i + 2] ?? 0]);
    }
    return out;
  }

  /** Rebuilds a histogram from `toJSON()` output (a bucket without a sum counts at its middle). */
  static fromJSON(buckets: readonly HistogramBucketJson[]): DurationHistogram {
    const histogram = new DurationHistogram();
    for (const [bucket, count, sum] of buckets) {
      histogram.addTo(bucket, count, sum ?? middleOf(bucket) * count);
    }
    return histogram;
  }

  /** Whether `value` is the persisted form (see `toJSON`), checked by hand: no copy per bucket. */
  static isJSON(value: unknown): value is HistogramBucketJson[] {
    if (!Array.isArray(value)) return false;
    for (const bucket of value as unknown[]) {
      if (!Array.isArray(bucket) || (bucket.length !== 2 && bucket.length !== 3)) return false;
      if (!Number.isInteger(bucket[0]) || !Number.isInteger(bucket[1])) return false;
      if (bucket.length === 3 && !(Number.isFinite(bucket[2]) && (bucket[2] as number) >= 0))
        return false;
    }
    return true;
  }

  private addTo(bucket: number, count: number, sum: number): void {
    let lo = 0;
    let hi = this.used;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.numbers[STRIDE * mid] ?? 0) < bucket) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.used || this.numbers[STRIDE * lo] !== bucket) {
      if (STRIDE * (this.used + 1) > this.numbers.length) {
        const grown = new Float64Array(STRIDE * Math.max(4, this.used * 2));
        grown.set(this.numbers.subarray(0, STRIDE * this.used));
        this.numbers = grown;
      }
      this.numbers.copyWithin(STRIDE * (lo + 1), STRIDE * lo, STRIDE * this.used);
      this.numbers[STRIDE * lo] = bucket;
      this.numbers[STRIDE * lo + 1] = 0;
      this.numbers[STRIDE * lo + 2] = 0;
      this.used++;
    }
    this.numbers[STRIDE * lo + 1] = (this.numbers[STRIDE * lo + 1] ?? 0) + count;
    this.numbers[STRIDE * lo + 2] = (this.numbers[STRIDE * lo + 2] ?? 0) + sum;
    this.total += count;
  }
}
