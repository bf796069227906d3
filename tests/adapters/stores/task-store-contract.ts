import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings.js';
import type { TaskStore } from '../../../electron/core/ports/task-store.js';
import { makeData, makeTask } from './task-data.js';

/** One implementation under test: a loaded store, a way to reopen it, and cleanup. */
export interface TaskStoreHarness {
  store: TaskStore;
  /** Another store over the same storage, as the next start of Taskdeck would see it. */
  reopen(): Promise<TaskStore>;
  cleanup(): Promise<void>;
}

/** The TaskStore port's contract, run against every implementation. */
export function describeTaskStoreContract(
  name: string,
  create: () => Promise<TaskStoreHarness>,
): void {
  describe(`TaskStore contract: ${name}`, () => {
    let harness: TaskStoreHarness;
    beforeEach(async () => {
      harness = await create();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    async function loadAgain() {
      const store = await harness.reopen();
      return store.load();
    }

    it('starts empty, with default settings and no problems', async () => {
      const { data, problems } = await harness.store.load();
      expect(data).toEqual({ tasks: [], settings: DEFAULT_SETTINGS });
      expect(problems).toEqual([]);
    });

    it('round-trips tasks and settings to the next start', async () => {
      await harness.store.load();
      const data = makeData(3);
      await harness.store.save(data);
      const { data: loaded, problems } = await loadAgain();
      expect(loaded).toEqual(data);
      expect(problems).toEqual([]);
    });

    it('shares one write between saves made together; each resolves after the latest is stored', async () => {
      await harness.store.load();
      const first = makeData(1, 'first');
      const second = makeData(2, 'second');
      const third = makeData(3, 'third');
      const saves = [harness.store.save(first), harness.store.save(second)];
      saves.push(harness.store.save(third));
      await saves[0];
      // The first save's promise resolved only once a write holding the latest data was done.
      expect((await loadAgain()).data).toEqual(third);
      await Promise.all(saves);
      expect((await loadAgain()).data).toEqual(third);
    });

    it('writes a save made after an earlier one resolved (the later data wins)', async () => {
      await harness.store.load();
      await harness.store.save(makeData(2, 'old'));
      const newer = makeData(1, 'new');
      await harness.store.save(newer);
      expect((await loadAgain()).data).toEqual(newer);
    });

    it('keeps what was saved, not later changes to the caller objects', async () => {
      await harness.store.load();
      const data = makeData(1);
      const expected = structuredClone(data);
      await harness.store.save(data);
      data.tasks.push(makeTask('added later'));
      data.settings.maxRunningTasks = 1;
      expect((await loadAgain()).data).toEqual(expected);
    });

    it('stores an empty task list over a full one', async () => {
      await harness.store.load();
      await harness.store.save(makeData(5));
      const empty = { tasks: [], settings: { ...DEFAULT_SETTINGS, notifications: false } };
      await harness.store.save(empty);
      expect((await loadAgain()).data).toEqual(empty);
    });
  });
}
