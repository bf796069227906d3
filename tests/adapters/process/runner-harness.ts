import { afterEach } from 'vitest';
import { ChildProcessRunner } from '../../../electron/adapters/process/child-process-runner.js';
import type { RunningProcess } from '../../../electron/core/ports/process-runner.js';
import type { CommandAction } from '../../../shared/schemas/action.js';
import type { OutputChunk } from '../../../shared/schemas/execution.js';
import { forceKill } from './proc-helpers.js';

/** This process's environment as plain strings, the way a resolved login environment looks. */
export function hostEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined) env[name] = value;
  return env;
}

/** A started process with everything its listener received. */
export interface Started {
  proc: RunningProcess;
  batches: OutputChunk[][];
  /** All text delivered so far, in order. */
  text(): string;
}

export interface RunOptions {
  runner?: ChildProcessRunner;
  tailBytes?: number;
  graceMs?: number;
  onOutput?: (chunks: OutputChunk[]) => void;
}

const started: RunningProcess[] = [];

/** Starts an action with the runner; every group started is SIGKILLed after each test. */
export function start(action: Omit<CommandAction, 'type'>, options: RunOptions = {}): Started {
  const batches: OutputChunk[][] = [];
  const runner = options.runner ?? new ChildProcessRunner({ environment: hostEnvironment() });
  const proc = runner.start({
    executionId: 'test',
    action: { type: 'command', ...action },
    outputTailBytes: options.tailBytes ?? 262_144,
    killGraceMs: options.graceMs ?? 5_000,
    onOutput:
      options.onOutput ??
      ((chunks) => {
        batches.push(chunks);
      }),
  });
  started.push(proc);
  return {
    proc,
    batches,
    text: () =>
      batches
        .flat()
        .map((chunk) => chunk.text)
        .join(''),
  };
}

afterEach(async () => {
  for (const proc of started.splice(0)) {
    if (proc.pgid !== null) forceKill(-proc.pgid);
    await proc.done;
  }
});
