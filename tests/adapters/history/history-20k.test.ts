import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlHistoryStore } from '../../../electron/adapters/history/jsonl-history-store.js';
import type { ExecutionStatus } from '../../../shared/schemas/execution.js';
import type { ExecutionRecord } from '../../../electron/core/execution-record.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { listAll } from './history-store-contract.js';
import { T0, ended, listed, seededRandom, started } from './records.js';

// A smaller twin of the 1,000,000-record measurement (scripts in the report): the same shape of
// log, checked for correctness rather than time.
const EXECUTIONS = 10_000; // a start and an end each: 20,000 records
const TASKS = Array.from({ length: 50 }, (_, i) => `task-${String(i).padStart(2, '0')}`);
const STATUSES: ExecutionStatus[] = ['succeeded', 'succeeded', 'failed', 'timed-out', 'cancelled'];

describe('JsonlHistoryStore with 20,000 records', () => {
  let dir: string;
  let store: JsonlHistoryStore;
  const recorded: ExecutionRecord[] = [];
  const stillOpen: ExecutionRecord[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('history-20k');
    const writer = new JsonlHistoryStore({ dir, segmentBytes: 256 * 1024 });
    await writer.open();
    const random = seededRandom(20_000);
    for (let i = 0; i < EXECUTIONS; i++) {
      const taskId = TASKS[Math.floor(random() * TASKS.length)] ?? 'task-00';
      const start = started(taskId, T0 + i * 1_000);
      writer.recordStart(start);
      if (i % 3_000 === 0) {
        stillOpen.push(start);
        continue;
      }
      const end = ended(start, STATUSES[i % STATUSES.length] ?? 'failed', 10 + (i % 997));
      writer.recordEnd(end);
      recorded.push(end);
      // Yield now and then, like a live process, so timed syncs interleave with appends.
      if (i % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.close();
    store = new JsonlHistoryStore({ dir, segmentBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await store.close();
    await removeDir(dir);
  });

  it('reopens with exactly the executions left open', async () => {
    const { unfinished, problems } = await store.open();
    expect(problems).toEqual([]);
    expect(unfinished.map((e) => e.id).sort()).toEqual(stillOpen.map((e) => e.id).sort());
  });

  it('pages through every ended execution, newest first, none lost or repeated', async () => {
    const { items, pages } = await listAll(store, { limit: 500 });
    expect(pages).toBe(Math.ceil(recorded.length / 500));
    expect(items.map((e) => e.id)).toEqual(recorded.map((e) => e.id).reverse());
    const sample = recorded[recorded.length - 1 - 1234];
    expect(sample && items[1234]).toEqual(sample && listed(sample));
  });

  it('lists one task, and one status, exactly', async () => {
    for (const taskId of ['task-00', 'task-17', 'task-49']) {
      const { items } = await listAll(store, { taskId, limit: 100 });
      expect(items.map((e) => e.id)).toEqual(
        recorded
          .filter((e) => e.taskId === taskId)
          .map((e) => e.id)
          .reverse(),
      );
    }
    const { items } = await listAll(store, {
      statuses: ['cancelled'],
      taskId: 'task-03',
      limit: 50,
    });
    expect(items.map((e) => e.id)).toEqual(
      recorded
        .filter((e) => e.status === 'cancelled' && e.taskId === 'task-03')
        .map((e) => e.id)
        .reverse(),
    );
  });

  it('gets any execution whole, with output and samples', async () => {
    const random = seededRandom(5);
    for (let i = 0; i < 40; i++) {
      const wanted = recorded[Math.floor(random() * recorded.length)];
      expect(await store.get(wanted?.id ?? '')).toEqual(wanted);
    }
  });

  it('keeps per-task figures equal to the records', () => {
    for (const taskId of TASKS) {
      const mine = recorded.filter((e) => e.taskId === taskId);
      const count = (s: ExecutionStatus) => mine.filter((e) => e.status === s).length;
      expect(store.taskStats(taskId)).toMatchObject({
        runs: mine.length,
        succeeded: count('succeeded'),
        failed: count('failed') + count('timed-out'),
      });
    }
    expect(store.summary({}).byStatus.succeeded).toBe(
      recorded.filter((e) => e.status === 'succeeded').length,
    );
  });
});
