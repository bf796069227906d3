import type { Action } from '../../shared/schemas/action.js';
import type { TaskDocument } from '../../shared/schemas/task.js';
import type { Trigger } from '../../shared/schemas/trigger.js';

/** What a function action receives. Long work should watch `signal` (timeout, cancel). */
export interface RunContext {
  signal: AbortSignal;
  taskId: string;
  executionId: string;
  attempt: number;
  /** When this run was due (ms since the epoch). */
  scheduledAt: number;
}

/** An action written in JavaScript; exists only in the library API, never on the wire. */
export interface FunctionAction {
  type: 'function';
  run: (ctx: RunContext) => unknown;
}

export type EngineAction = Action | FunctionAction;

/** A task as the engine runs it: a parsed document, its id, and possibly a function action. */
export interface EngineTask extends Omit<TaskDocument, 'action' | 'triggers'> {
  id: string;
  triggers: Trigger[];
  action: EngineAction;
  /** Interval triggers without `startAt` count from here (ms); "the moment it was saved". */
  savedAt: number;
  /** Internal tasks (housekeeping) are run but never listed. */
  hidden?: boolean;
}
