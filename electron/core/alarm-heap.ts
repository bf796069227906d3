import { AlarmLane } from './alarm-lane.js';
import { KeyedHeap } from './keyed-heap.js';

/** What the alarm heap holds: a due time and whether it is still wanted. */
export interface HeapAlarm {
  at: number;
  live: boolean;
}

/** Lanes kept at most: beyond, alarms of new periods go to the heap (a lane per task is waste). */
const MAX_LANES = 1_024;

/**
 * Alarms by due time, then by insertion (alarms due together come out in the order they were
 * added). An alarm may name a lane, its period: periodic alarms re-armed one period on arrive in
 * time order, so each lane is a first-in, first-out run, and only the lanes' fronts sit in a
 * (small) heap — ten thousand interval tasks cost a ring read per fire instead of a sift
 * through a heap of ten thousand. An alarm that would precede its lane's back goes to the heap.
 * Pushing and popping allocate nothing.
 */
export class AlarmHeap<A extends HeapAlarm> {
  private readonly heap = new KeyedHeap<A>();
  private readonly lanes = new Map<number, AlarmLane<A>>();
  /** The lane pushed to last and its period: alarms of one period find it without a lookup. */
  private lastLane: AlarmLane<A> | undefined = undefined;
  private lastPeriod = NaN;
  /** The non-empty lanes, by their front entry's time and sequence. */
  private readonly fronts = new KeyedHeap<AlarmLane<A>>();
  private seq = 0;

  /** Due time of the earliest entry, or Infinity when empty. */
  peekAt(): number {
    return Math.min(this.heap.peekKey(), this.fronts.peekKey());
  }

  push(alarm: A, lane?: number): void {
    const seq = this.seq++;
    if (lane !== undefined) {
      let run = lane === this.lastPeriod ? this.lastLane : this.lanes.get(lane);
      if (run === undefined && this.lanes.size < MAX_LANES) {
        run = new AlarmLane<A>();
        this.lanes.set(lane, run);
      }
      this.lastLane = run;
      this.lastPeriod = lane;
      if (run !== undefined && alarm.at >= run.backAt()) {
        if (run.size === 0) this.fronts.push(run, alarm.at, seq);
        run.push(alarm, alarm.at, seq);
        return;
      }
    }
    this.heap.push(alarm, alarm.at, seq);
  }

  /** Takes the earliest entry (live or not), or undefined when empty. */
  pop(): A | undefined {
    const heapAt = this.heap.peekKey();
    const laneAt = this.fronts.peekKey();
    if (laneAt === Infinity || heapAt < laneAt) return this.heap.pop();
    if (heapAt === laneAt && this.heap.peekSeq() < this.fronts.peekSeq()) return this.heap.pop();
    const run = this.fronts.pop() as AlarmLane<A>;
    const alarm = run.shift();
    if (run.size > 0) this.fronts.push(run, run.frontAt(), run.frontSeq());
    return alarm;
  }

  /** Removes every entry that is no longer live, keeping the order of the rest. */
  compact(): void {
    this.heap.filter((alarm) => alarm.live);
    this.fronts.clear();
    for (const run of this.lanes.values()) {
      run.filter((alarm) => alarm.live);
      if (run.size > 0) this.fronts.push(run, run.frontAt(), run.frontSeq());
    }
  }
}
