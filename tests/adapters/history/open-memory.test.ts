import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlHistoryStore } from '../../../electron/adapters/history/jsonl-history-store.js';
import type { ExecutionStatus } from '../../../shared/schemas/execution.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { ensureBuilt } from './built-dist.js';
import { T0, ended, seededRandom, started } from './records.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'open-and-measure.mjs');
/** Small segments, so the larger log has hundreds of them. */
const SEGMENT_BYTES = 128 * 1024;
const TASKS = Array.from({ length: 50 }, (_, i) => `task-${String(i).padStart(2, '0')}`);
const STATUSES: ExecutionStatus[] = ['succeeded', 'succeeded', 'succeeded', 'failed'];
/** Both logs cover the same three days, so the aggregates' windows are alike. */
const SPAN_MS = 3 * 86_400_000;
/** Every run takes one of a few durations, so both logs fill the same duration buckets. */
const DURATIONS = [120, 950, 4_000, 61_000];

/** A log of `executions` runs of the 50 tasks, spread evenly over the span. */
async function writeLog(dir: string, executions: number): Promise<void> {
  const store = new JsonlHistoryStore({ dir, segmentBytes: SEGMENT_BYTES });
  await store.open();
  const random = seededRandom(executions);
  for (let i = 0; i < executions; i++) {
    const taskId = TASKS[Math.floor(random() * TASKS.length)] ?? 'task-00';
    const start = started(taskId, T0 + Math.floor((i * SPAN_MS) / executions));
    store.recordStart(start);
    store.recordEnd(ended(start, STATUSES[i % 4] ?? 'failed', DURATIONS[i % 4] ?? 1));
  }
  await store.close();
}

/** What a fresh process holds after opening the log in `dir` and reading its first page. */
async function heldAfterOpen(dir: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--expose-gc',
    CHILD,
    dir,
    String(SEGMENT_BYTES),
  ]);
  const { items, heldBytes } = JSON.parse(stdout) as { items: number; heldBytes: number };
  expect(items).toBe(100);
  return heldBytes;
}

describe('what a fresh process holds after opening the history', () => {
  const dirs: string[] = [];
  beforeAll(ensureBuilt, 120_000);
  afterAll(async () => {
    for (const dir of dirs) await removeDir(dir);
  });

  it('does not grow with the log: ten times the executions and segments hold under 1 MB more', async () => {
    const small = await makeTempDir('open-memory-small');
    const large = await makeTempDir('open-memory-large');
    dirs.push(small, large);
    await writeLog(small, 3_000);
    await writeLog(large, 30_000);
    // The larger log is some 300 sealed segments, the smaller about 30.
    const segments = async (dir: string) =>
      (await readdir(join(dir, 'history'))).filter((name) => name.endsWith('.jsonl')).length;
    expect(await segments(large)).toBeGreaterThan(250);
    expect(await segments(small)).toBeLessThan(40);
    const before = await heldAfterOpen(small);
    const after = await heldAfterOpen(large);
    console.log(
      `held after opening: ${(before / 1_048_576).toFixed(2)} MB at 6,000 records, ${(after / 1_048_576).toFixed(2)} MB at 60,000`,
    );
    // Kept per sealed segment as objects (about 260 bytes a task), the 270 more segments alone
    // would hold 3.5 MB more; kept per execution, 27,000 more executions at even 40 bytes, 1 MB.
    expect(after - before).toBeLessThan(1_048_576);
  }, 120_000);
});
