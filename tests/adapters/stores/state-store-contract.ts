import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../electron/core/ports/state-store.js';

/** One implementation under test: a store, a way to reopen it, and cleanup. */
export interface StateStoreHarness {
  store: StateStore;
  reopen(): Promise<StateStore>;
  cleanup(): Promise<void>;
}

/** The StateStore port's contract, run against every implementation. */
export function describeStateStoreContract(
  name: string,
  create: () => Promise<StateStoreHarness>,
): void {
  describe(`StateStore contract: ${name}`, () => {
    let harness: StateStoreHarness;
    beforeEach(async () => {
      harness = await create();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('loads empty state when nothing was saved', async () => {
      expect(await harness.store.load()).toEqual({ lastFires: {}, heartbeat: null });
    });

    it('round-trips last fires and the heartbeat to the next start', async () => {
      const state = { lastFires: { a: 1_700_000_000_000, b: 1_700_000_060_000 }, heartbeat: 42 };
      await harness.store.save(state);
      expect(await (await harness.reopen()).load()).toEqual(state);
    });

    it('keeps the last of several saves made together', async () => {
      const saves = [1, 2, 3].map((heartbeat) =>
        harness.store.save({ lastFires: { a: heartbeat }, heartbeat }),
      );
      await Promise.all(saves);
      expect(await (await harness.reopen()).load()).toEqual({ lastFires: { a: 3 }, heartbeat: 3 });
    });

    it('keeps what was saved, not later changes to the caller object', async () => {
      const state = { lastFires: { a: 1 }, heartbeat: 5 };
      await harness.store.save(state);
      state.lastFires.a = 99;
      expect(await (await harness.reopen()).load()).toEqual({ lastFires: { a: 1 }, heartbeat: 5 });
    });
  });
}
