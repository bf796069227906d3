import type { CommandAction } from '../../../shared/schemas/action.js';
import type { OutputChunk } from '../../../shared/schemas/execution.js';

/** What to run and how to treat its output. */
export interface ProcessSpec {
  executionId: string;
  action: CommandAction;
  /** Bytes of the newest output to keep for the record; memory never grows beyond it. */
  outputTailBytes: number;
  /** How long after SIGTERM the tree gets SIGKILL. */
  killGraceMs: number;
  /**
   * Called with output as it arrives (already batched by the runner), and how many bytes the
   * process has written so far, both streams (so a running execution's size is current).
   */
  onOutput(chunks: OutputChunk[], outputBytes: number): void;
}

/** How a process ended. `error` is set when it could not start or was killed for a reason. */
export interface ProcessOutcome {
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  outputBytes: number;
  /** The kept tail of the output, oldest first. */
  tail: OutputChunk[];
}

/** A started process tree. */
export interface RunningProcess {
  /** The root pid (null if it never started). */
  pid: number | null;
  /** The process group (POSIX) signalled as a whole; equals pid there. */
  pgid: number | null;
  /** An identity for the pid (e.g. its start time) so a reused pid is never mistaken for it. */
  startToken: string | null;
  /** Ends the whole tree: SIGTERM, then SIGKILL after the grace period. Idempotent. */
  kill(): void;
  /** Settles once the root has exited and its output is drained; never rejects. */
  done: Promise<ProcessOutcome>;
}

/** Port: starts command actions as process trees. */
export interface ProcessRunner {
  start(spec: ProcessSpec): RunningProcess;
}
