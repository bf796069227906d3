import { realpath, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../history/built-dist.js';
import { canTrace, fileEvents, traceFileCalls } from './syscall-trace.js';
import { makeTask } from './task-data.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'load-store.mjs');

let dir = '';
afterEach(async () => {
  await removeDir(dir);
});

// Durability cannot be seen in the files afterwards, only in the order of the system calls.
describe.skipIf(!canTrace())('ConfTaskStore migration backup (traced with strace)', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  it('makes the backup and its folder entry durable before tasks.json is replaced', async () => {
    dir = await realpath(await makeTempDir('migration-trace'));
    const task = { ...makeTask('nightly'), timeoutMs: undefined, timeoutSeconds: 60 };
    await writeFile(join(dir, 'tasks.json'), JSON.stringify({ version: 1, tasks: [task] }));

    const { calls, status, stderr } = await traceFileCalls([process.execPath, CHILD, dir], dir);

    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const migrated = JSON.parse(await readFile(join(dir, 'tasks.json'), 'utf8')) as {
      schemaVersion?: number;
    };
    expect(migrated.schemaVersion).toBe(2);
    const events = fileEvents(calls);
    const at = (kind: 'synced' | 'renamed', test: (path: string) => boolean, from = 0) =>
      events.findIndex((event, i) => i >= from && event.kind === kind && test(event.path));
    const replaced = at('renamed', (path) => path === join(dir, 'tasks.json'));
    const backupSynced = at('synced', (path) => /\/tasks\.v1-backup-[^/]+\.json$/.test(path));
    const folderSynced = at('synced', (path) => path === dir, backupSynced);
    expect(replaced, 'tasks.json is replaced').toBeGreaterThan(-1);
    expect(backupSynced, 'the backup is synced').toBeGreaterThan(-1);
    expect(backupSynced).toBeLessThan(replaced);
    expect(folderSynced, 'the folder is synced after the backup').toBeGreaterThan(backupSynced);
    expect(folderSynced).toBeLessThan(replaced);
  });
});
