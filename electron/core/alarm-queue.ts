import { AlarmHeap } from './alarm-heap.js';
import type { CancelTimer, Clock } from './ports/clock.js';

/** Something due at a wall time; cancelled alarms are skipped when their time comes. */
export interface Alarm {
  at: number;
  live: boolean;
}

/**
 * Longest single wait. Timers measure elapsed time but the schedule is in wall time, and a
 * machine that sleeps or has its clock changed tells no timer; waking at least this often is
 * how a jump is noticed (croner does the same).
 */
export const MAX_WAIT_MS = 30_000;

/** Dead alarms are dropped in one sweep once they outnumber live ones by this much. */
const COMPACT_AFTER = 1_024;

/**
 * Every timed thing the engine waits for, in ONE min-heap by due time and ONE timer armed for
 * the earliest. Nothing polls.
 */
export class AlarmQueue<A extends Alarm> {
  private readonly heap = new AlarmHeap<A>();
  private cancelTimer: CancelTimer | null = null;
  private armedFor = Infinity;
  private expectedWake = 0;
  /** The wall time at the last wake or arming: a later reading below it means the clock went back. */
  private lastSeen = -Infinity;
  private running = false;
  private processing = false;
  private live = 0;
  private dead = 0;

  /**
   * `onDue` runs for each live alarm whose time has come, with that time (its `at` as the queue
   * keeps it: reading the alarm's own field would cost a fire a cache miss); `onWake` runs first
   * on every wake with how far the wall clock moved beyond what the timer waited (a jump when
   * large), and `afterWake` once all due alarms ran (so simultaneous fires are ordered as a batch).
   */
  constructor(
    private readonly clock: Clock,
    private readonly onDue: (alarm: A, now: number, at: number) => void,
    private readonly onWake: (now: number, drift: number) => void,
    private readonly afterWake: () => void,
  ) {}

  get size(): number {
    return this.live;
  }

  /**
   * Adds an alarm; re-arms the timer only when it is earlier than the one armed. `lane` names
   * a period for alarms re-armed one period on (see AlarmHeap): it changes nothing but speed.
   */
  add(alarm: A, lane?: number): void {
    alarm.live = true;
    this.live++;
    this.heap.push(alarm, lane);
    if (this.running && !this.processing && alarm.at < this.armedFor) this.arm();
  }

  /** Cancels an alarm (it stays in the heap until swept or due, then is skipped). */
  cancel(alarm: A): void {
    if (!alarm.live) return;
    alarm.live = false;
    this.live--;
    this.dead++;
    if (this.dead > COMPACT_AFTER && this.dead > this.live) this.compact();
  }

  /** Starts the timer and runs whatever is already due. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.expectedWake = this.clock.now();
    this.wake(true);
  }

  stop(): void {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.armedFor = Infinity;
  }

  /** Runs due alarms now, e.g. when the system says it resumed from sleep. */
  wakeNow(): void {
    if (this.running && !this.processing) this.wake(false);
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const top = this.heap.peekAt();
    const now = this.clock.now();
    this.lastSeen = now;
    const delay = top === Infinity ? MAX_WAIT_MS : Math.min(Math.max(0, top - now), MAX_WAIT_MS);
    this.armedFor = top - now <= MAX_WAIT_MS ? top : now + delay;
    this.expectedWake = now + delay;
    if (top === Infinity) {
      // Nothing to wait for: no timer at all, so an idle engine costs nothing.
      this.armedFor = Infinity;
      return;
    }
    this.cancelTimer = this.clock.setTimer(delay, () => {
      this.cancelTimer = null;
      this.wake(true);
    });
  }

  /**
   * Runs what is due. After a timer, the drift is how far the wall clock moved beyond the wait;
   * a wake on request (no timer elapsed) can only tell that the clock went back.
   */
  private wake(fromTimer: boolean): void {
    const now = this.clock.now();
    const drift = fromTimer ? now - this.expectedWake : Math.min(0, now - this.lastSeen);
    this.lastSeen = now;
    this.processing = true;
    try {
      this.onWake(now, drift);
      for (let at = this.heap.peekAt(); at <= now; at = this.heap.peekAt()) {
        const alarm = this.heap.pop() as A;
        if (!alarm.live) {
          this.dead--;
          continue;
        }
        alarm.live = false;
        this.live--;
        this.onDue(alarm, now, at);
      }
    } finally {
      this.processing = false;
      this.afterWake();
    }
    if (this.running) this.arm();
  }

  private compact(): void {
    this.heap.compact();
    this.dead = 0;
  }
}
