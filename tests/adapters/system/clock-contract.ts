import { describe, expect, it } from 'vitest';
import type { CancelTimer, Clock } from '../../../electron/core/ports/clock.js';

/** One implementation under test, and how time passes for it. */
export interface ClockHarness {
  clock: Clock;
  /** Lets `ms` of elapsed time pass (really, or by driving a fake clock forward). */
  elapse: (ms: number) => Promise<void>;
}

/** The Clock port's contract, run against every implementation. */
export function describeClockContract(name: string, create: () => ClockHarness): void {
  describe(`Clock contract: ${name}`, () => {
    it('tells the wall clock in ms since the epoch, moving on with elapsed time', async () => {
      const { clock, elapse } = create();
      const before = clock.now();
      expect(Number.isFinite(before)).toBe(true);
      expect(new Date(before).getUTCFullYear()).toBeGreaterThanOrEqual(2020);
      await elapse(120);
      const passed = clock.now() - before;
      expect(passed).toBeGreaterThanOrEqual(120);
      expect(passed).toBeLessThan(2_000);
    });

    it('fires a timer once after its delay, not before', async () => {
      const { clock, elapse } = create();
      let fired = 0;
      clock.setTimer(100, () => fired++);
      await elapse(40);
      expect(fired).toBe(0);
      await elapse(160);
      expect(fired).toBe(1);
      await elapse(200);
      expect(fired).toBe(1);
    });

    it('fires timers in order of due time, and those due together in the order they were set', async () => {
      const { clock, elapse } = create();
      const order: string[] = [];
      clock.setTimer(60, () => order.push('a'));
      clock.setTimer(20, () => order.push('b'));
      clock.setTimer(60, () => order.push('c'));
      // A negative delay is no delay at all.
      clock.setTimer(-5, () => order.push('d'));
      await elapse(150);
      expect(order).toEqual(['d', 'b', 'a', 'c']);
    });

    it('never fires a cancelled timer; cancelling twice, or after it fired, is harmless', async () => {
      const { clock, elapse } = create();
      const fired: string[] = [];
      const cancelKept = clock.setTimer(10, () => fired.push('kept'));
      const cancelDropped = clock.setTimer(30, () => fired.push('dropped'));
      cancelDropped();
      cancelDropped();
      await elapse(80);
      expect(fired).toEqual(['kept']);
      cancelKept();
      await elapse(20);
      expect(fired).toEqual(['kept']);
    });

    it('lets a timer set and cancel timers from its callback', async () => {
      const { clock, elapse } = create();
      const fired: string[] = [];
      let cancelLater: CancelTimer = () => undefined;
      clock.setTimer(10, () => {
        fired.push('first');
        cancelLater();
        clock.setTimer(20, () => fired.push('set inside'));
      });
      cancelLater = clock.setTimer(25, () => fired.push('cancelled inside'));
      await elapse(15);
      expect(fired).toEqual(['first']);
      await elapse(80);
      expect(fired).toEqual(['first', 'set inside']);
    });

    it('names an IANA time zone the platform knows', () => {
      const zone = create().clock.timeZone();
      expect(zone).toMatch(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/);
      expect(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone).toBe(
        zone,
      );
    });
  });
}
