/**
 * Bucket growth factor. A value is reported as its bucket's geometric middle, so the error is
 * at most sqrt(1.05) - 1 ≈ 2.5%, inside the 5% asked of p50/p95.
 */
const RATIO = 1.05;
const LOG_RATIO = Math.log(RATIO);

/** Bucket 0 holds durations under 1 ms; bucket i >= 1 holds [RATIO^(i-1), RATIO^i) ms. */
function bucketOf(ms: number): number {
  return ms < 1 ? 0 : 1 + Math.floor(Math.log(ms) / LOG_RATIO);
}

function middleOf(bucket: number): number {
  return bucket === 0 ? 0.5 : Math.pow(RATIO, bucket - 0.5);
}

/**
 * A log-scale histogram of durations (ms): percentiles within ~2.5%, and memory bounded by the
 * distinct buckets in use (a few hundred at most), however many runs. The buckets in use are
 * `[bucket, count]` pairs of one Float64Array, ascending by bucket (16 bytes each, where a Map
 * entry took some 40; every task keeps one).
 */
export class DurationHistogram {
  private pairs = new Float64Array(0);
  private used = 0;
  private total = 0;

  add(ms: number, count = 1): void {
    this.addTo(bucketOf(Math.max(0, ms)), count);
  }

  /** Adds every count of `other` to this one. */
  merge(other: DurationHistogram): void {
    for (let i = 0; i < other.used; i++) {
      this.addTo(other.pairs[2 * i] ?? 0, other.pairs[2 * i + 1] ?? 0);
    }
  }

  get size(): number {
    return this.total;
  }

  /** The nearest-rank percentile (`p` in 0..1), or null when empty. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.total));
    let seen = 0;
    for (let i = 0; i < this.used; i++) {
      seen += this.pairs[2 * i + 1] ?? 0;
      if (seen >= rank) return middleOf(this.pairs[2 * i] ?? 0);
    }
    return null;
  }

  /** `[bucket, count]` pairs for persistence. */
  toJSON(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.used; i++)
      out.push([this.pairs[2 * i] ?? 0, this.pairs[2 * i + 1] ?? 0]);
    return out;
  }

  /** Rebuilds a histogram from `toJSON()` output. */
  static fromJSON(pairs: readonly (readonly [number, number])[]): DurationHistogram {
    const histogram = new DurationHistogram();
    for (const [bucket, count] of pairs) histogram.addTo(bucket, count);
    return histogram;
  }

  /** Whether `value` is the persisted form (see `toJSON`), checked by hand: no copy per pair. */
  static isJSON(value: unknown): value is [number, number][] {
    if (!Array.isArray(value)) return false;
    for (const pair of value as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) return false;
      if (!Number.isInteger(pair[0]) || !Number.isInteger(pair[1])) return false;
    }
    return true;
  }

  private addTo(bucket: number, count: number): void {
    let lo = 0;
    let hi = this.used;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.pairs[2 * mid] ?? 0) < bucket) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.used || this.pairs[2 * lo] !== bucket) {
      if (2 * (this.used + 1) > this.pairs.length) {
        const grown = new Float64Array(2 * Math.max(4, this.used * 2));
        grown.set(this.pairs.subarray(0, 2 * this.used));
        this.pairs = grown;
      }
      this.pairs.copyWithin(2 * (lo + 1), 2 * lo, 2 * this.used);
      this.pairs[2 * lo] = bucket;
      this.pairs[2 * lo + 1] = 0;
      this.used++;
    }
    this.pairs[2 * lo + 1] = (this.pairs[2 * lo + 1] ?? 0) + count;
    this.total += count;
  }
}
