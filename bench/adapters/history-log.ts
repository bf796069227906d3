import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlHistoryStore } from '../../electron/adapters/history/jsonl-history-store.js';
import { measureOpenMemory, type OpenMemory } from './open-history-memory.js';
import { RealisticRuns } from './realistic-runs.js';

/** What the history benchmark measured. */
export interface HistoryFigures {
  executions: number;
  /** Lines written: a start and an end record per execution. */
  records: number;
  /** Bytes of the log on disk after the appends. */
  bytes: number;
  appendPerSecond: number;
  firstPageMs: number;
  /** What a fresh process holds after opening the log, when it had this many records. */
  openMemory: ({ records: number } & OpenMemory)[];
}

/** Executions made ahead of recording them, at a time. */
const BATCH = 1_000;

/**
 * The history log with `executions` realistic runs (see RealisticRuns), recorded as the service
 * records them (a start, then an end with output tail and samples): the durable append rate in
 * records per second (the time spent making the runs left out), then opening the log afresh and
 * reading its first page of 100. Whenever the log reaches one of `checkpoints` (executions), it is
 * closed and opened in a fresh process, to tell what the store holds at that size.
 */
export async function measureHistory(
  executions: number,
  checkpoints: readonly number[],
): Promise<HistoryFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'taskdeck-bench-history-'));
  try {
    let writer = new JsonlHistoryStore({ dir });
    await writer.open();
    const runs = new RealisticRuns(Date.parse('2026-01-01T00:00:00Z'));
    const openMemory: HistoryFigures['openMemory'] = [];
    const stops = [...new Set([...checkpoints, executions])].sort((a, b) => a - b);
    // Only recording is timed: the runs are made beforehand, a batch at a time.
    let recordingMs = 0;
    let done = 0;
    for (const stop of stops.filter((count) => count <= executions)) {
      while (done < stop) {
        const batch = Array.from({ length: Math.min(BATCH, stop - done) }, () => runs.next());
        const began = performance.now();
        for (const { start, end } of batch) {
          writer.recordStart(start);
          writer.recordEnd(end);
        }
        recordingMs += performance.now() - began;
        done += batch.length;
      }
      const flushing = performance.now();
      await writer.flush();
      recordingMs += performance.now() - flushing;
      if (!checkpoints.includes(stop)) continue;
      await writer.close();
      openMemory.push({ records: stop * 2, ...(await measureOpenMemory(dir)) });
      writer = new JsonlHistoryStore({ dir });
      await writer.open();
    }
    const appendPerSecond = (executions * 2) / (recordingMs / 1_000);
    await writer.close();
    const bytes = await logBytes(join(dir, 'history'));

    const opening = performance.now();
    const reader = new JsonlHistoryStore({ dir });
    await reader.open();
    const page = await reader.list({ limit: 100 });
    const firstPageMs = performance.now() - opening;
    if (page.items.length !== Math.min(100, executions)) {
      throw new Error(`the first page had ${page.items.length} items`);
    }
    await reader.close();
    return {
      executions,
      records: executions * 2,
      bytes,
      appendPerSecond,
      firstPageMs,
      openMemory,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function logBytes(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) {
    if (name.endsWith('.jsonl')) total += (await stat(join(folder, name))).size;
  }
  return total;
}
