import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlHistoryStore } from '../../electron/adapters/history/jsonl-history-store.js';
import { newExecution, type ExecutionRecord } from '../../electron/core/execution-record.js';

const TASKS = 200;

function executions(count: number, from: number): ExecutionRecord[] {
  const taskIds = Array.from({ length: TASKS }, () => crypto.randomUUID());
  return Array.from({ length: count }, (_, i) => {
    const at = from + i * 1_000;
    const execution = newExecution(
      taskIds[i % TASKS] as string,
      `task ${i % TASKS}`,
      'interval',
      'every 1 s',
      at,
      at,
    );
    execution.status = 'running';
    execution.startedAt = at;
    return execution;
  });
}

/** Appends start and end records of `count` executions; records (lines) per second, durable. */
async function appendRate(store: JsonlHistoryStore, runs: ExecutionRecord[]): Promise<number> {
  const began = performance.now();
  for (const run of runs) {
    store.recordStart(run);
    store.recordEnd({
      ...run,
      status: 'succeeded',
      endedAt: (run.startedAt ?? 0) + 250,
      exitCode: 0,
    });
  }
  await store.flush();
  return (runs.length * 2) / ((performance.now() - began) / 1_000);
}

/** History log figures: append rate, and opening a 1,000,000-record log to its first page. */
export async function measureHistory(records: number): Promise<{
  appendPerSecond: number;
  firstPageMs: number;
  rssAfterOpenBytes: number;
  records: number;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'taskdeck-bench-history-'));
  try {
    const writer = new JsonlHistoryStore({ dir });
    await writer.open();
    const runs = executions(records / 2, Date.parse('2026-01-01T00:00:00Z'));
    const appendPerSecond = await appendRate(writer, runs);
    await writer.close();
    const began = performance.now();
    const reader = new JsonlHistoryStore({ dir });
    await reader.open();
    const page = await reader.list({ limit: 100 });
    const firstPageMs = performance.now() - began;
    if (page.items.length !== 100) throw new Error(`first page had ${page.items.length} items`);
    const rssAfterOpenBytes = process.memoryUsage().rss;
    await reader.close();
    return { appendPerSecond, firstPageMs, rssAfterOpenBytes, records };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
