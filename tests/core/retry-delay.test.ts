import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../electron/core/retry-delay.js';
import { retrySchema } from '../../shared/schemas/task.js';

const policy = (input: object) => retrySchema.parse(input);

describe('retryDelay', () => {
  it('fixed waits the same every time', () => {
    const fixed = policy({ maxRetries: 5, delayMs: 10_000 });
    expect([1, 2, 3].map((n) => retryDelay(fixed, n, Math.random))).toEqual([
      10_000, 10_000, 10_000,
    ]);
  });

  it('exponential doubles and stops at the cap', () => {
    const exp = policy({
      maxRetries: 10,
      delayMs: 1_000,
      backoff: 'exponential',
      maxDelayMs: 10_000,
    });
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(exp, n, Math.random))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('jitter takes a random part of the wait (injected randomness)', () => {
    const jittered = policy({ delayMs: 8_000, backoff: 'exponential', jitter: true });
    expect(retryDelay(jittered, 2, () => 0.5)).toBe(8_000);
    expect(retryDelay(jittered, 2, () => 0)).toBe(0);
    expect(retryDelay(jittered, 2, () => 0.999)).toBe(15_984);
  });

  it('never overflows for huge attempt numbers', () => {
    const exp = policy({ delayMs: 86_400_000, backoff: 'exponential', maxDelayMs: 86_400_000 });
    expect(retryDelay(exp, 1_000, Math.random)).toBe(86_400_000);
  });
});
