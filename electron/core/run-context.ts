import type { RunContext } from './task-definition.js';
import type { Run } from './task-runtime.js';

/**
 * What a function action receives, as a class rather than an object literal with a getter: a
 * literal with an accessor allocates a closure and an accessor pair on every fire.
 */
export class FunctionRunContext implements RunContext {
  readonly taskId: string;
  readonly executionId: string;
  readonly attempt: number;
  readonly scheduledAt: number;

  constructor(private readonly run: Run) {
    const exec = run.exec;
    this.taskId = exec.taskId;
    this.executionId = exec.id;
    this.attempt = exec.attempt;
    this.scheduledAt = exec.scheduledAt;
  }

  /** Most functions never look at their signal: its controller is made on first use. */
  get signal(): AbortSignal {
    const run = this.run;
    if (run.controller === null) {
      run.controller = new AbortController();
      if (run.stopReason !== null) run.controller.abort(new Error(run.stopDetail ?? 'stopped'));
    }
    return run.controller.signal;
  }
}
