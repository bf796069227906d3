import { describe, expect, it } from 'vitest';
import type {
  ProcessOutcome,
  ProcessRunner,
  RunningProcess,
} from '../../../electron/core/ports/process-runner.js';

/** One implementation under test, and how time passes for what it runs. */
export interface RunnerHarness {
  runner: ProcessRunner;
  /** Lets `ms` of time pass for the processes (really, or on a fake clock). */
  elapse(ms: number): Promise<void>;
  /** Ends whatever a test left running. */
  cleanup(): void;
}

/** A started process and whether (and how) it has ended so far. */
function watch(proc: RunningProcess): {
  proc: RunningProcess;
  outcome: () => ProcessOutcome | null;
} {
  let outcome: ProcessOutcome | null = null;
  void proc.done.then((value) => {
    outcome = value;
  });
  return { proc, outcome: () => outcome };
}

/**
 * The ProcessRunner port's contract, run against every implementation. Commands are written so
 * that a real shell and the engine's scripted double read them alike: `sleep N`, `exit N`, and
 * `# ignore-term` for a tree that ignores SIGTERM (the trap does that for real).
 */
export function describeProcessRunnerContract(name: string, create: () => RunnerHarness): void {
  describe(`ProcessRunner contract: ${name}`, () => {
    function start(harness: RunnerHarness, command: string, killGraceMs = 5_000) {
      return watch(
        harness.runner.start({
          executionId: crypto.randomUUID(),
          action: { type: 'command', command },
          outputTailBytes: 1_024,
          killGraceMs,
          onOutput: () => undefined,
        }),
      );
    }

    it('starts a tree of its own, with an identity, and settles with the exit code', async () => {
      const harness = create();
      try {
        const run = start(harness, 'sleep 1; exit 3');
        expect(run.proc.pid).toEqual(expect.any(Number));
        expect(run.proc.pgid).toBe(run.proc.pid);
        expect(run.proc.startToken).toEqual(expect.any(String));
        await harness.elapse(300);
        expect(run.outcome()).toBeNull();
        await harness.elapse(1_700);
        expect(run.outcome()).toEqual({
          exitCode: 3,
          signal: null,
          error: null,
          outputBytes: 0,
          tail: [],
        });
      } finally {
        harness.cleanup();
      }
    });

    it('kill() ends a running tree with SIGTERM; again, or once it has ended, changes nothing', async () => {
      const harness = create();
      try {
        const run = start(harness, 'sleep 30');
        await harness.elapse(100);
        run.proc.kill();
        run.proc.kill();
        await harness.elapse(500);
        expect(run.outcome()).toMatchObject({ exitCode: null, signal: 'SIGTERM', error: null });
        run.proc.kill();
        await harness.elapse(100);
        expect(await run.proc.done).toMatchObject({ signal: 'SIGTERM' });
      } finally {
        harness.cleanup();
      }
    });

    it('kill() ends a tree that ignores SIGTERM with SIGKILL once killGraceMs is over', async () => {
      const harness = create();
      try {
        const run = start(harness, 'trap "" TERM; sleep 30 # ignore-term', 600);
        await harness.elapse(100);
        run.proc.kill();
        await harness.elapse(300);
        expect(run.outcome()).toBeNull();
        await harness.elapse(1_000);
        expect(run.outcome()).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
      } finally {
        harness.cleanup();
      }
    });
  });
}
