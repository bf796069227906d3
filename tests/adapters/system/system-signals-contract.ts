import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SystemSignal, SystemSignals } from '../../../electron/core/ports/system-signals.js';
import { quietPeriod, waitFor } from './wait-for.js';

/** One implementation under test, with the world around it made to act. */
export interface SignalsHarness {
  signals: SystemSignals;
  /** The operating system reports `signal` (a double is told; the real adapter hears its host). */
  report(signal: SystemSignal): void;
  /** Something changes the file at `path` (a double is told; for real, the file is written). */
  change(path: string): Promise<void>;
  /** Long enough for a change to have been reported, if it is going to be. */
  quietMs: number;
  cleanup(): void;
}

/** The SystemSignals port's contract, run against every implementation. */
export function describeSystemSignalsContract(name: string, create: () => SignalsHarness): void {
  describe(`SystemSignals contract: ${name}`, () => {
    let harness: SignalsHarness;
    let dir = '';
    beforeEach(async () => {
      harness = create();
      dir = await mkdtemp(path.join(os.tmpdir(), 'taskdeck-signals-contract-'));
    });
    afterEach(async () => {
      harness.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('tells every subscriber each signal, in order, until it unsubscribes', () => {
      const first: string[] = [];
      const second: string[] = [];
      const stopFirst = harness.signals.subscribe((signal) => first.push(signal.type));
      harness.signals.subscribe((signal) => second.push(signal.type));
      harness.report({ type: 'system.suspend' });
      harness.report({ type: 'system.resume' });
      stopFirst();
      stopFirst();
      harness.report({ type: 'system.lock' });
      expect(first).toEqual(['system.suspend', 'system.resume']);
      expect(second).toEqual(['system.suspend', 'system.resume', 'system.lock']);
    });

    it('reads the machine as booleans and numbers, or null where it cannot tell', () => {
      const { onAcPower, idleMs, cpuPercent } = harness.signals.readings();
      expect(onAcPower === null || typeof onAcPower === 'boolean').toBe(true);
      expect(idleMs === null || (Number.isFinite(idleMs) && idleMs >= 0)).toBe(true);
      expect(cpuPercent === null || (cpuPercent >= 0 && cpuPercent <= 100)).toBe(true);
    });

    it('calls each watcher of a file when it changes, and none after it unwatches', async () => {
      const file = path.join(dir, 'watched.txt');
      let first = 0;
      let second = 0;
      const unwatchFirst = harness.signals.watchFile(file, () => first++);
      const unwatchSecond = harness.signals.watchFile(file, () => second++);
      await harness.change(file);
      await waitFor(() => first > 0 && second > 0, 5_000, 'both watchers to be called');
      unwatchFirst();
      await quietPeriod(harness.quietMs);
      const before = { first, second };
      await harness.change(file);
      await waitFor(() => second > before.second, 5_000, 'the remaining watcher to be called');
      await quietPeriod(harness.quietMs);
      expect(first).toBe(before.first);
      unwatchSecond();
      await harness.change(file);
      await quietPeriod(harness.quietMs);
      expect(second).toBe(before.second + 1);
    });
  });
}
