import { FileStateStore } from '../../../electron/adapters/stores/file-state-store.js';
import { MemoryStateStore } from '../../../electron/adapters/stores/memory-state-store.js';
import { describeStateStoreContract } from './state-store-contract.js';
import { makeTempDir, removeDir } from './temp-dir.js';

describeStateStoreContract('FileStateStore', async () => {
  const dir = await makeTempDir('state-contract');
  return {
    store: new FileStateStore({ dir }),
    reopen: () => Promise.resolve(new FileStateStore({ dir })),
    cleanup: () => removeDir(dir),
  };
});

describeStateStoreContract('MemoryStateStore', () => {
  const store = new MemoryStateStore();
  return Promise.resolve({
    store,
    reopen: () => Promise.resolve(store),
    cleanup: () => Promise.resolve(),
  });
});
