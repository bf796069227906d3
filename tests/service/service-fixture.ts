import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { JsonlHistoryStore } from '../../electron/adapters/history/jsonl-history-store.js';
import { ChildProcessRunner } from '../../electron/adapters/process/child-process-runner.js';
import { createProcessSampler } from '../../electron/adapters/process/create-process-sampler.js';
import { ConfTaskStore } from '../../electron/adapters/stores/conf-task-store.js';
import { FileStateStore } from '../../electron/adapters/stores/file-state-store.js';
import { TaskdeckService } from '../../electron/core/service/taskdeck-service.js';
import type { ApiEvent } from '../../shared/api.js';

/** A service on real stores in a fresh folder, with real processes. */
export interface ServiceFixture {
  service: TaskdeckService;
  dir: string;
  batches: { at: number; events: ApiEvent[] }[];
  close(): Promise<void>;
}

export async function openService(
  dir = mkdtempSync(join(tmpdir(), 'taskdeck-service-')),
): Promise<ServiceFixture> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const service = await TaskdeckService.open({
    taskStore: new ConfTaskStore({ Store: Conf, cwd: dir }),
    history: new JsonlHistoryStore({ dir }),
    stateStore: new FileStateStore({ dir }),
    runner: new ChildProcessRunner({ environment: env }),
    sampler: createProcessSampler(),
    examples: false,
  });
  const batches: ServiceFixture['batches'] = [];
  service.subscribe((events) => batches.push({ at: Date.now(), events }));
  return {
    service,
    dir,
    batches,
    close: () => service.stop(0),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A minimal valid task document. */
export const taskDoc = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  triggers: [{ type: 'event', event: 'manual' }],
  action: { type: 'command', command: 'echo ok' },
  ...extra,
});
