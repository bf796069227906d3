import { randomUUID } from 'node:crypto';
import { JsonlHistoryStore } from '../../dist/electron/adapters/history/jsonl-history-store.js';
import type { ExecutionRecord } from '../../dist/electron/core/execution-record.js';

/**
 * Writes `count` ended runs of a task into a data folder's history with Taskdeck's own history
 * store (the host must not be running on the folder): a long history without waiting for it.
 * Runs are a minute apart, ending now; every seventh failed.
 */
export async function seedHistory(
  dataDir: string,
  task: { id: string; name: string },
  count: number,
): Promise<void> {
  const store = new JsonlHistoryStore({ dir: dataDir });
  await store.open();
  const end = Date.now();
  for (let index = 0; index < count; index++) {
    const startedAt = end - (count - index) * 60_000;
    const durationMs = 800 + ((index * 7919) % 2_400);
    const failed = index % 7 === 0;
    const id = randomUUID();
    const record: ExecutionRecord = {
      id,
      taskId: task.id,
      taskName: task.name,
      attempt: 1,
      firstExecutionId: id,
      source: 'interval',
      detail: 'every 1 min',
      status: 'running',
      scheduledAt: startedAt,
      queuedAt: startedAt,
      startedAt,
      endedAt: null,
      exitCode: null,
      signal: null,
      error: null,
      outputBytes: 0,
      result: null,
      resources: { cpuTimeMs: null, cpuAvgPercent: null, cpuPeakPercent: null, rssPeakBytes: null },
      pid: null,
      pgid: null,
      startToken: null,
      output: [],
      samples: [],
    };
    store.recordStart(record);
    store.recordEnd({
      ...record,
      status: failed ? 'failed' : 'succeeded',
      endedAt: startedAt + durationMs,
      exitCode: failed ? 1 : 0,
      outputBytes: 12,
      resources: {
        cpuTimeMs: durationMs / 4,
        cpuAvgPercent: 20 + (index % 30),
        cpuPeakPercent: 40 + (index % 55),
        rssPeakBytes: (8 + (index % 24)) * 1024 * 1024,
      },
    });
  }
  await store.close();
}
