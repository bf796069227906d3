import { resolve } from 'node:path';
import type { ExecutionRecord } from '../core/execution-record.js';
import { TaskdeckService } from '../core/service/taskdeck-service.js';
import { JsonlHistoryStore } from '../adapters/history/jsonl-history-store.js';
import { ChildProcessRunner } from '../adapters/process/child-process-runner.js';
import { createProcessSampler } from '../adapters/process/create-process-sampler.js';
import { loginEnvironment } from '../adapters/process/login-environment.js';
import { reapMarked } from '../adapters/process/marked-survivors.js';
import { reapSurvivors } from '../adapters/process/survivor-reaper.js';
import { ConfTaskStore, type JsonStoreClass } from '../adapters/stores/conf-task-store.js';
import { FileStateStore } from '../adapters/stores/file-state-store.js';
import type { NodeSystemSignals } from '../adapters/system/node-system-signals.js';
import { favorMemory } from './favor-memory.js';

/** Set on every command: the data folder of the Taskdeck that started it. */
export const DATA_DIR_VARIABLE = 'TASKDECK_DATA_DIR';

/** How often the machine is read for the dashboard and for task conditions. */
const SYSTEM_SAMPLE_MS = 2_000;
/** How long survivors of a crashed run get between SIGTERM and SIGKILL. */
const REAP_GRACE_MS = 2_000;

/** What both hosts (headless and the Electron app) give to open Taskdeck on a data folder. */
export interface OpenOptions {
  dataDir: string;
  /** conf in headless, electron-store in the app: the same task store code either way. */
  Store: JsonStoreClass;
  signals: NodeSystemSignals;
  examples: boolean;
}

/** An open Taskdeck: the service, fed by real processes, stores and system signals. */
export interface OpenTaskdeck {
  service: TaskdeckService;
  /** Stops firing, gives running work the kill grace period, records what was interrupted. */
  close(): Promise<void>;
}

/**
 * The composition both hosts share: the stores in the data folder, the user's login
 * environment for commands, process sampling, crash recovery, and the service on top. The
 * caller holds the folder lock.
 */
export async function openTaskdeck(options: OpenOptions): Promise<OpenTaskdeck> {
  favorMemory();
  // Every command carries the data folder in its environment: whatever a crashed Taskdeck left
  // running on this folder is found and ended before anything new starts.
  const marker = resolve(options.dataDir);
  const history = new JsonlHistoryStore({ dir: options.dataDir });
  const stateStore = new FileStateStore({ dir: options.dataDir });
  await stateStore.load();
  const service = await TaskdeckService.open({
    taskStore: new ConfTaskStore({ Store: options.Store, cwd: options.dataDir }),
    history,
    stateStore,
    runner: new ChildProcessRunner({
      environment: await loginEnvironment(),
      markers: { [DATA_DIR_VARIABLE]: marker },
    }),
    sampler: createProcessSampler(),
    signals: options.signals,
    examples: options.examples,
    problems: stateStore.problems(),
    reapSurvivors: async (unfinished: ExecutionRecord[]) => {
      const running = new Set(unfinished.map((execution) => execution.id));
      // Not what a run that ended left running on purpose (see reapMarked).
      await reapMarked(
        DATA_DIR_VARIABLE,
        marker,
        REAP_GRACE_MS,
        async (id) => id === null || running.has(id) || (await history.get(id)) === null,
      );
      const groups = unfinished.flatMap((execution) =>
        execution.pgid === null ? [] : [{ pgid: execution.pgid, startToken: execution.startToken }],
      );
      await reapSurvivors(groups, REAP_GRACE_MS);
    },
  });
  const unsubscribe = options.signals.onSample((sample) => {
    service.publishSystemSample(sample);
  });
  options.signals.start(SYSTEM_SAMPLE_MS);
  return {
    service,
    close: async () => {
      options.signals.stop();
      unsubscribe();
      await service.stop(service.currentSettings.killGraceMs);
    },
  };
}
