import { spawn } from 'node:child_process';
import { ChildProcessRunner } from '../../electron/adapters/process/child-process-runner.js';
import { createProcessSampler } from '../../electron/adapters/process/create-process-sampler.js';
import { Engine } from '../../electron/core/engine.js';
import { taskDocumentSchema } from '../../shared/schemas/task.js';

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

/** Taskdeck: the engine with the real runner, output capture and sampling, 1 runs at a time per slot. */
async function taskdeck(runs: number, concurrency: number): Promise<number> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined) environment[key] = value;
  environment.SHELL = '/bin/sh';
  const engine = new Engine({
    maxRunningTasks: concurrency,
    runner: new ChildProcessRunner({ environment }),
    sampler: createProcessSampler(),
    sampleIntervalMs: 1_000,
    outputTailBytes: 262_144,
  });
  const document = taskDocumentSchema.parse({
    name: 'true',
    triggers: [{ type: 'event', event: 'manual' }],
    action: { type: 'command', command: 'true' },
    overlap: 'parallel',
    maxParallel: 64,
  });
  const ids = Array.from({ length: 32 }, () => crypto.randomUUID());
  for (const id of ids) engine.add({ ...document, id, savedAt: Date.now() });
  await engine.start();
  let ended = 0;
  const done = new Promise<void>((resolve) => {
    engine.on('execution', (execution) => {
      if (execution.status !== 'queued' && execution.status !== 'running' && ++ended === runs)
        resolve();
    });
  });
  const began = performance.now();
  // Queue them all at once: the engine runs `concurrency` at a time, as its slots free up.
  for (let i = 0; i < runs; i++) engine.runNow(ids[i % ids.length] as string);
  await done;
  const wall = performance.now() - began;
  await engine.stop();
  return wall;
}

/** Command tasks vs bare spawn loops at the same concurrency (wall ms each). */
export async function measureCommandRuns(
  runs: number,
  concurrency: number,
): Promise<{ taskdeck: number; bare: number; bareDetached: number }> {
  // Warm up the page cache and the JIT for all three alike.
  await pool(20, concurrency, bare(false));
  await taskdeck(20, concurrency);
  const plain = await pool(runs, concurrency, bare(false));
  const detached = await pool(runs, concurrency, bare(true));
  const ours = await taskdeck(runs, concurrency);
  return { taskdeck: ours, bare: plain, bareDetached: detached };
}
