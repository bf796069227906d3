import type { RetryPolicy } from '../../shared/schemas/task.js';

/** A source of randomness in [0, 1); injected so jitter is testable. */
export type Random = () => number;

/**
 * The wait before retry number `retry` (1 = the first retry): `delayMs` every time (fixed), or
 * doubling from it and capped at `maxDelayMs` (exponential). With jitter, a uniformly random part
 * of that wait ("full jitter"), so many failing tasks do not retry in lockstep.
 */
export function retryDelay(policy: RetryPolicy, retry: number, random: Random): number {
  const wait =
    policy.backoff === 'exponential'
      ? Math.min(policy.delayMs * 2 ** Math.min(retry - 1, 52), policy.maxDelayMs)
      : policy.delayMs;
  return policy.jitter ? Math.floor(random() * wait) : wait;
}
