import type { LatenessSummary } from './fire-log.js';

/** What a scheduling case (intervals, cron, idle cron) measured in one fresh process. */
export interface ScheduleResult {
  kind: 'schedule';
  jobs: number;
  /** Wall ms the synchronous loop registering every job blocked the thread. */
  registrationMs: number;
  /** Length of the CPU window actually measured (a blocked thread can stretch it), ms. */
  windowMs: number;
  /** CPU (user + system) used in the window, scaled to 10 s of wall time, ms. */
  cpuPer10sMs: number;
  /** Peak of the RSS sampled every second from registration to the end of the window, bytes. */
  rssPeakBytes: number;
  /** Fires due in the window, by the schedule. */
  expected: number;
  /** Fires due in the window that ran before the collection ended. */
  delivered: number;
  /** Slots due in the window that the library itself reported as missed, when it reports them. */
  reportedMissed: number | null;
  lateness: LatenessSummary | null;
  /** CPU other processes on the machine used during the window, ms (null off Linux). */
  othersCpuMs: number | null;
}

/** What the ready-queue dispatch case measured. */
export interface DispatchResult {
  kind: 'dispatch';
  executions: number;
  /** Executions started before the end (all of them unless the time budget ran out). */
  started: number;
  complete: boolean;
  /** Wall ms to fire the whole batch into the (paused) ready queue. */
  submitMs: number;
  /** Wall ms from resuming to the last execution ending, or to the budget running out. */
  dispatchMs: number;
  /** Starts checked against the expected order (priority, then fire time, then arrival). */
  orderChecked: number;
  /** CPU other processes on the machine used while dispatching, ms (null off Linux). */
  othersCpuMs: number | null;
}

/** One configuration's result. */
export type CaseResult = ScheduleResult | DispatchResult;

const MARKER = 'BENCH_RESULT ';

/** Prints a case's result as the one line the runner looks for on the child's stdout. */
export function printResult(result: CaseResult): void {
  process.stdout.write(`${MARKER}${JSON.stringify(result)}\n`);
}

/** Finds the result line in a child's stdout; null when the child printed none. */
export function parseResult(stdout: string): CaseResult | null {
  const line = stdout.split('\n').find((text) => text.startsWith(MARKER));
  return line === undefined ? null : (JSON.parse(line.slice(MARKER.length)) as CaseResult);
}
