import { executionIdOf } from './job-record.js';
import type { RunContext } from './task-definition.js';
import type { Run } from './task-runtime.js';

/**
 * What a function action receives: one field, read through on demand. A literal with an
 * accessor would allocate a closure and an accessor pair on every fire, and copying the fields
 * would make each context four times the size; most functions read one field or none.
 */
export class FunctionRunContext implements RunContext {
  constructor(private readonly run: Run) {}

  get taskId(): string {
    return this.run.task.id;
  }

  get executionId(): string {
    return executionIdOf(this.run);
  }

  get attempt(): number {
    return this.run.attempt;
  }

  get scheduledAt(): number {
    return this.run.scheduledAt;
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
