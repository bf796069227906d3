import { setTimeout as delay } from 'node:timers/promises';
import { FakeClock } from '../../../electron/core/fake-clock.js';
import { timerClock } from '../../../electron/core/timer-clock.js';
import { describeClockContract } from './clock-contract.js';

describeClockContract('timerClock', () => ({
  clock: timerClock,
  elapse: (ms) => delay(ms),
}));

describeClockContract('FakeClock', () => {
  const clock = new FakeClock(Date.parse('2026-03-29T00:30:00Z'), 'Europe/Berlin');
  return {
    clock,
    elapse: (ms) => {
      clock.advance(ms);
      return Promise.resolve();
    },
  };
});
