import Conf from 'conf';
import { ConfTaskStore } from '../../../electron/adapters/stores/conf-task-store.js';
import { MemoryTaskStore } from '../../../electron/adapters/stores/memory-task-store.js';
import { describeTaskStoreContract } from './task-store-contract.js';
import { makeTempDir, removeDir } from './temp-dir.js';

describeTaskStoreContract('ConfTaskStore with conf', async () => {
  const dir = await makeTempDir('conf-contract');
  return {
    store: new ConfTaskStore({ Store: Conf, cwd: dir }),
    reopen: () => Promise.resolve(new ConfTaskStore({ Store: Conf, cwd: dir })),
    cleanup: () => removeDir(dir),
  };
});

describeTaskStoreContract('MemoryTaskStore', () => {
  const store = new MemoryTaskStore();
  // Memory lives as long as the instance: "the next start" is the same store.
  return Promise.resolve({
    store,
    reopen: () => Promise.resolve(store),
    cleanup: () => Promise.resolve(),
  });
});
