import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import { formatDuration } from '../core/format-duration.js';

/** The parts of a finished run a notification speaks of. */
export interface NoticeRun {
  taskName: string;
  status: ExecutionStatus;
  attempt: number;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
}

/** The title and body of a desktop notification. */
export interface NoticeText {
  title: string;
  body: string;
}

/** Notification bodies are cut here: the window has the whole story. */
export const MAX_NOTICE_ERROR = 160;

const OUTCOME: Record<ExecutionStatus, string> = {
  queued: 'is queued',
  running: 'is running',
  succeeded: 'succeeded',
  failed: 'failed',
  'timed-out': 'timed out',
  cancelled: 'was cancelled',
  skipped: 'was skipped',
  interrupted: 'was interrupted',
};

/**
 * What a notification about a finished run says: "<task> failed" and one line of facts (exit
 * code or signal, duration, retry attempt, the first line of the error), then how to see more.
 */
export function noticeText(run: NoticeRun): NoticeText {
  const facts: string[] = [];
  if (run.signal !== null) facts.push(`Ended by ${run.signal}`);
  else if (run.exitCode !== null) facts.push(`Exit code ${run.exitCode}`);
  if (run.startedAt !== null && run.endedAt !== null)
    facts.push(`after ${formatDuration(Math.max(0, run.endedAt - run.startedAt))}`);
  if (run.attempt > 1) facts.push(`(attempt ${run.attempt})`);
  const lines = [facts.join(' ')];
  const error = run.error?.split('\n')[0]?.trim() ?? '';
  if (error !== '')
    lines.push(
      error.length > MAX_NOTICE_ERROR ? `${error.slice(0, MAX_NOTICE_ERROR - 1)}…` : error,
    );
  lines.push('Click to see this run.');
  return {
    title: `${run.taskName} ${OUTCOME[run.status]}`,
    body: lines.filter((line) => line !== '').join('\n'),
  };
}
