import type { CancelTimer, Clock } from './ports/clock.js';

interface FakeTimer {
  due: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock tests drive by hand. It models what real machines do: timers wait *elapsed* time
 * (`advance`), while the wall clock can jump on its own (`jump`, a sleep or a clock change).
 */
export class FakeClock implements Clock {
  private elapsed = 0;
  private wallOffset: number;
  private seq = 0;
  private timers: FakeTimer[] = [];
  private zone: string;

  constructor(start: number | string | Date = 0, zone = 'UTC') {
    this.wallOffset = new Date(start).getTime();
    this.zone = zone;
  }

  now(): number {
    return this.elapsed + this.wallOffset;
  }

  timeZone(): string {
    return this.zone;
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    const timer: FakeTimer = { due: this.elapsed + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
    };
  }

  /** Lets `ms` of real time pass, running every timer that comes due, in order. */
  advance(ms: number): void {
    const end = this.elapsed + ms;
    for (;;) {
      const next = this.nextTimer();
      if (next === undefined || next.due > end) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.elapsed = Math.max(this.elapsed, next.due);
      next.fn();
    }
    this.elapsed = end;
  }

  /** Advances until the wall clock reads `time`. */
  advanceTo(time: number | string | Date): void {
    this.advance(new Date(time).getTime() - this.now());
  }

  /** Moves the wall clock by `ms` without any timer noticing (sleep, NTP, a person). */
  jump(ms: number): void {
    this.wallOffset += ms;
  }

  /** Changes the system time zone, as a traveller's laptop does. */
  setTimeZone(zone: string): void {
    this.zone = zone;
  }

  /** Timers waiting to run. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Elapsed ms until the next timer is due (0 if overdue), or null when none is set. */
  msUntilNextTimer(): number | null {
    const next = this.nextTimer();
    return next === undefined ? null : Math.max(0, next.due - this.elapsed);
  }

  private nextTimer(): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const timer of this.timers) {
      if (
        best === undefined ||
        timer.due < best.due ||
        (timer.due === best.due && timer.seq < best.seq)
      ) {
        best = timer;
      }
    }
    return best;
  }
}
