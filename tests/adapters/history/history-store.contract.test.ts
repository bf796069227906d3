import { JsonlHistoryStore } from '../../../electron/adapters/history/jsonl-history-store.js';
import { MemoryHistoryStore } from '../../../electron/adapters/history/memory-history-store.js';
import type { HistoryStore } from '../../../electron/core/ports/history-store.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { describeHistoryStoreContract } from './history-store-contract.js';

describeHistoryStoreContract('JsonlHistoryStore (small segments)', async () => {
  const dir = await makeTempDir('history-contract');
  // 8 KiB segments: the contract's histories span many sealed segments.
  const make = () => new JsonlHistoryStore({ dir, segmentBytes: 8 * 1024 });
  let current: HistoryStore = make();
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = make();
      return current;
    },
    cleanup: async () => {
      await current.close();
      await removeDir(dir);
    },
  };
});

describeHistoryStoreContract('JsonlHistoryStore (default segments)', async () => {
  const dir = await makeTempDir('history-contract');
  let current: HistoryStore = new JsonlHistoryStore({ dir });
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = new JsonlHistoryStore({ dir });
      return current;
    },
    cleanup: async () => {
      await current.close();
      await removeDir(dir);
    },
  };
});

describeHistoryStoreContract('MemoryHistoryStore', () => {
  const store = new MemoryHistoryStore();
  // Memory lives as long as the instance: "the next open" is the same store.
  return Promise.resolve({
    store,
    reopen: () => Promise.resolve(store),
    cleanup: () => store.close(),
  });
});
