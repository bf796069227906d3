import { percentile } from './stats.js';
import { wallNow } from './wall-clock.js';

/** Lateness of the fires in a window, in ms. */
export interface LatenessSummary {
  p50: number;
  p99: number;
  max: number;
}

/**
 * Records the fires whose due time falls in the measured window: how late each one ran (wall
 * time at the call minus due time) and how many there were. Slots a library reports as missed
 * are counted too. Storage is allocated up front so recording costs the same for every library.
 */
export class FireLog {
  private start = Infinity;
  private end = Infinity;
  private readonly lateness: Float64Array;
  private fires = 0;
  private missed = 0;

  constructor(capacity: number) {
    this.lateness = new Float64Array(capacity);
  }

  /** From now on, fires due in [start, end) (ms since the epoch) are counted. */
  open(start: number, end: number): void {
    this.start = start;
    this.end = end;
  }

  /** Called from a job's callback: the job was due at `due` and runs now. */
  record(due: number): void {
    if (due < this.start || due >= this.end) return;
    if (this.fires < this.lateness.length) this.lateness[this.fires] = wallNow() - due;
    this.fires++;
  }

  /** A library says it skipped the slot due at `due`. */
  recordMissed(due: number): void {
    if (due >= this.start && due < this.end) this.missed++;
  }

  /** Fires counted in the window. */
  get delivered(): number {
    return this.fires;
  }

  /** Slots in the window the library reported as missed. */
  get reportedMissed(): number {
    return this.missed;
  }

  /** Lateness percentiles of the recorded fires; null when none ran. */
  summary(): LatenessSummary | null {
    const count = Math.min(this.fires, this.lateness.length);
    if (count === 0) return null;
    const sorted = this.lateness.slice(0, count).sort();
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[count - 1] ?? Number.NaN,
    };
  }
}
