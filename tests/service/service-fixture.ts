import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { JsonlHistoryStore } from '../../electron/adapters/history/jsonl-history-store.js';
import { ChildProcessRunner } from '../../electron/adapters/process/child-process-runner.js';
import { createProcessSampler } from '../../electron/adapters/process/create-process-sampler.js';
import { ConfTaskStore } from '../../electron/adapters/stores/conf-task-store.js';
import { FileStateStore } from '../../electron/adapters/stores/file-state-store.js';
import type { Clock } from '../../electron/core/ports/clock.js';
import type { TaskStore } from '../../electron/core/ports/task-store.js';
import { TaskdeckService } from '../../electron/core/service/taskdeck-service.js';
import type { ApiEvent } from '../../shared/api.js';

/** A service on real stores in a fresh folder, with real processes. */
export interface ServiceFixture {
  service: TaskdeckService;
  /** The service's history store, e.g. to flush its pending batch before reading the folder. */
  history: JsonlHistoryStore;
  dir: string;
  batches: { at: number; events: ApiEvent[] }[];
  close(): Promise<void>;
}

/** What a test may change about the service it opens. */
export interface ServiceFixtureOptions {
  /** Replaces the real clock (a fake one stands still). */
  clock?: Clock;
  /** Wraps the tasks store, e.g. to count its writes. */
  taskStore?: (store: TaskStore) => TaskStore;
}

/** Opens a service on `dir` with real stores and processes. */
export async function openService(
  dir = mkdtempSync(join(tmpdir(), 'taskdeck-service-')),
  { clock, taskStore = (store) => store }: ServiceFixtureOptions = {},
): Promise<ServiceFixture> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const history = new JsonlHistoryStore({ dir });
  const service = await TaskdeckService.open({
    taskStore: taskStore(new ConfTaskStore({ Store: Conf, cwd: dir })),
    history,
    stateStore: new FileStateStore({ dir }),
    runner: new ChildProcessRunner({ environment: env }),
    sampler: createProcessSampler(),
    examples: false,
    ...(clock === undefined ? {} : { clock }),
  });
  const batches: ServiceFixture['batches'] = [];
  service.subscribe((events) => batches.push({ at: Date.now(), events }));
  return {
    service,
    history,
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
