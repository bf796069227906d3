import { setTimeout as delay } from 'node:timers/promises';
import { ChildProcessRunner } from '../../../electron/adapters/process/child-process-runner.js';
import { FakeClock } from '../../../electron/core/fake-clock.js';
import type { ProcessRunner, ProcessSpec } from '../../../electron/core/ports/process-runner.js';
import { ScriptedRunner } from '../../core/support/doubles.js';
import { forceKill } from './proc-helpers.js';
import { describeProcessRunnerContract } from './process-runner-contract.js';
import { hostEnvironment } from './runner-harness.js';

describeProcessRunnerContract('ChildProcessRunner', () => {
  const real = new ChildProcessRunner({ environment: hostEnvironment() });
  const groups: number[] = [];
  const runner: ProcessRunner = {
    start: (spec: ProcessSpec) => {
      const proc = real.start(spec);
      if (proc.pgid !== null) groups.push(proc.pgid);
      return proc;
    },
  };
  return {
    runner,
    elapse: (ms) => delay(ms),
    cleanup: () => {
      for (const pgid of groups) forceKill(-pgid);
    },
  };
});

describeProcessRunnerContract('ScriptedRunner (the engine tests double, on a fake clock)', () => {
  const clock = new FakeClock(Date.parse('2026-05-01T10:00:00Z'));
  return {
    runner: new ScriptedRunner(clock),
    elapse: async (ms) => {
      clock.advance(ms);
      // Let the promises the timers settled run their callbacks.
      await delay(0);
    },
    cleanup: () => undefined,
  };
});
