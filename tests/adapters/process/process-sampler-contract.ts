import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readStartToken } from '../../../electron/adapters/process/start-token.js';
import type { ProcessSampler } from '../../../electron/core/ports/process-sampler.js';
import { childrenOf, forceKill, procInfo, scheduledMs, waitUntil } from './proc-helpers.js';
import { spawnGroup, spawnTree } from './process-trees.js';

/**
 * Primes the sampler, lets the trees run for a second, reads again, and says what the scheduler
 * itself counted for `members` over the same window (in percent of one core).
 */
async function measure(sampler: ProcessSampler, roots: number[], members: number[]) {
  const startedMs = scheduledMs(members);
  const startedAt = performance.now();
  const first = await sampler.sample(roots);
  await delay(1_000);
  const second = await sampler.sample(roots);
  const elapsed = performance.now() - startedAt;
  const expected = ((scheduledMs(members) - startedMs) / elapsed) * 100;
  return { first, second, expected };
}

/** The ProcessSampler port's contract, run against every implementation on real processes. */
export function describeProcessSamplerContract(name: string, create: () => ProcessSampler): void {
  describe(`ProcessSampler contract: ${name}`, () => {
    // The machine may be busy with other work, so readings are checked against what the
    // scheduler counted over the same second, not against a fixed 100 %.
    it('reads a busy process as the share of a core it got, after a priming reading of 0 %', async () => {
      const { root, kids } = await spawnTree('yes > /dev/null; exit 0', 1);
      const sampler = create();
      const { first, second, expected } = await measure(sampler, [root], [root, ...kids]);
      expect(first.get(root)?.cpuPercent).toBe(0);
      const reading = second.get(root);
      console.log(
        `one yes: ${reading?.cpuPercent.toFixed(1)} %, scheduler ${expected.toFixed(1)} %`,
      );
      expect(expected).toBeGreaterThan(5);
      expect(Math.abs((reading?.cpuPercent ?? 0) - expected)).toBeLessThan(8);
      expect(reading?.cpuPercent).toBeLessThanOrEqual(105);
      expect(reading?.rssBytes).toBeGreaterThan(0);
      const cpuTimeGrowth = (reading?.cpuTimeMs ?? 0) - (first.get(root)?.cpuTimeMs ?? 0);
      expect(cpuTimeGrowth).toBeGreaterThan(expected * 10 * 0.8);
    });

    it('reads a tree noted as started from its start: its first reading is a real figure', async () => {
      const root = spawnGroup('yes > /dev/null; exit 0');
      const sampler = create();
      // As the executor does right after a spawn, with the token the runner recorded.
      const startedAt = performance.now();
      sampler.started(root, readStartToken(root));
      await delay(1_000);
      const reading = (await sampler.sample([root])).get(root);
      const elapsed = performance.now() - startedAt;
      // Everything the tree used, since it is new: the root and what it started.
      const members = [root, ...childrenOf(root).map((kid) => kid.pid)];
      const expected = (scheduledMs(members) / elapsed) * 100;
      console.log(
        `one yes from its start: ${reading?.cpuPercent.toFixed(1)} %, scheduler ${expected.toFixed(1)} %`,
      );
      expect(expected).toBeGreaterThan(5);
      expect(Math.abs((reading?.cpuPercent ?? 0) - expected)).toBeLessThan(8);
      expect(reading?.cpuTimeMs).toBeGreaterThan(expected * 10 * 0.8);
    });

    it('sums a tree: two busy children read as their sum (about 200 % when idle)', async () => {
      const { root, kids } = await spawnTree('yes > /dev/null & yes > /dev/null & wait', 2);
      const sampler = create();
      const { second, expected } = await measure(sampler, [root, ...kids], [root, ...kids]);
      const whole = second.get(root);
      const parts = kids.map((kid) => second.get(kid));
      const partsCpu = parts.reduce((sum, part) => sum + (part?.cpuPercent ?? 0), 0);
      const partsRss = parts.reduce((sum, part) => sum + (part?.rssBytes ?? 0), 0);
      console.log(
        `two yes: tree ${whole?.cpuPercent.toFixed(1)} %, children ${partsCpu.toFixed(1)} %, scheduler ${expected.toFixed(1)} %`,
      );
      expect(expected).toBeGreaterThan(5);
      expect(Math.abs((whole?.cpuPercent ?? 0) - expected)).toBeLessThan(10);
      expect(Math.abs((whole?.cpuPercent ?? 0) - partsCpu)).toBeLessThan(5);
      expect(whole?.cpuPercent).toBeLessThanOrEqual(210);
      expect(whole?.rssBytes).toBeGreaterThan(partsRss);
      expect(parts.every((part) => (part?.rssBytes ?? 0) > 0)).toBe(true);
    });

    it('leaves out roots that are gone, and primes again after forget()', async () => {
      const { root } = await spawnTree('sleep 100; exit 0', 1);
      const sampler = create();
      const readings = await sampler.sample([root, 999_999_999]);
      expect([...readings.keys()]).toEqual([root]);
      await delay(50);
      sampler.forget(root);
      expect((await sampler.sample([root])).get(root)?.cpuPercent).toBe(0);
      forceKill(-root);
      await waitUntil(() => procInfo(root) === null, 'the root to be gone');
      expect((await sampler.sample([root])).has(root)).toBe(false);
    });
  });
}
