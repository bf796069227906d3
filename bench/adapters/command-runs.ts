import { spawn } from 'node:child_process';
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

/** Wall ms for `runs` processes, `concurrency` at a time, each started by `start`. */
async function pool(
  runs: number,
  concurrency: number,
  start: () => Promise<void>,
): Promise<number> {
  const began = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < runs) {
      next++;
      await start();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - began;
}

/** A bare `child_process.spawn` of `sh -c true` with piped output, as a hand-written loop would. */
function bare(detached: boolean): () => Promise<void> {
  return () =>
    new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', 'true'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached,
      });
      child.stdout.resume();
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', () => {
        resolve();
      });
    });
}

/**
 * Taskdeck as a host runs it: the service on the real stores in a fresh data folder (tasks.json,
 * the history log with a start and an end record per run, the state file), the real runner with
 * output capture, and sampling every second. `runs` runs of `true` are asked for with
 * tasks.runNow, and the wall time is from the first request to the last run's end (seen, like
 * a desktop notification, the moment the service records it).
 */
async function taskdeck(runs: number, concurrency: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'taskdeck-bench-commands-'));
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined) environment[key] = value;
  environment.SHELL = '/bin/sh';
  const service = await TaskdeckService.open({
    taskStore: new ConfTaskStore({ Store: Conf, cwd: dir }),
    history: new JsonlHistoryStore({ dir }),
    stateStore: new FileStateStore({ dir }),
    runner: new ChildProcessRunner({ environment }),
    sampler: createProcessSampler(),
    examples: false,
  });
  try {
    await service.invoke('settings.update', {
      maxRunningTasks: concurrency,
      sampleIntervalMs: 1_000,
      outputTailBytes: 262_144,
    });
    const ids: string[] = [];
    for (let i = 0; i < 32; i++) {
      const task = await service.invoke('tasks.create', {
        name: `true ${i}`,
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: 'true' },
        overlap: 'parallel',
        maxParallel: 64,
        notify: 'always',
      });
      ids.push(task.id);
    }
    let ended = 0;
    const done = new Promise<void>((resolve) => {
      service.onNotice(() => {
        if (++ended === runs) resolve();
      });
    });
    const began = performance.now();
    // Asked for all at once: the engine runs `concurrency` at a time, as its slots free up.
    for (let i = 0; i < runs; i++) {
      await service.invoke('tasks.runNow', { id: ids[i % ids.length] as string });
    }
    await done;
    return performance.now() - began;
  } finally {
    await service.stop(0);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the command-run comparison measured: medians over interleaved rounds (wall ms). */
export interface CommandRunFigures {
  taskdeck: number;
  bare: number;
  bareDetached: number;
  /** Median of each round's Taskdeck ÷ bare loop. */
  ratio: number;
  /** Each round's ratio, in round order. */
  ratios: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Command tasks vs bare spawn loops at the same concurrency, in `rounds` interleaved rounds (the
 * order rotating each round), so a noisy stretch of a shared machine hits every contender alike;
 * the figures are medians and the ratio is the median of the rounds' ratios.
 */
export async function measureCommandRuns(
  runs: number,
  concurrency: number,
  rounds: number,
): Promise<CommandRunFigures> {
  // Warm up the page cache and the JIT for all three alike.
  await pool(20, concurrency, bare(false));
  await pool(20, concurrency, bare(true));
  await taskdeck(20, concurrency);
  const contenders = [
    () => pool(runs, concurrency, bare(false)),
    () => pool(runs, concurrency, bare(true)),
    () => taskdeck(runs, concurrency),
  ];
  const times: number[][] = [[], [], []];
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const which = (round + k) % contenders.length;
      times[which]?.push(await (contenders[which] as () => Promise<number>)());
    }
  }
  const [plain = [], detached = [], ours = []] = times;
  const ratios = ours.map((ms, round) => ms / (plain[round] as number));
  return {
    taskdeck: median(ours),
    bare: median(plain),
    bareDetached: median(detached),
    ratio: median(ratios),
    ratios,
  };
}
