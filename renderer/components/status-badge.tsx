import clsx from 'clsx';
import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import type { TaskState } from '../../shared/schemas/task.js';
import type { TraceOutcome } from '../../shared/schemas/trace.js';

type Tone = 'ok' | 'danger' | 'warn' | 'info' | 'violet' | 'teal' | 'neutral';

const TASK_STATES: Record<TaskState, { label: string; tone: Tone }> = {
  idle: { label: 'Scheduled', tone: 'ok' },
  queued: { label: 'Queued', tone: 'violet' },
  running: { label: 'Running', tone: 'info' },
  paused: { label: 'Paused', tone: 'warn' },
  completed: { label: 'Completed', tone: 'teal' },
};

/** How each execution status looks; shared by badges, charts and sparklines. */
export const EXECUTION_STATUSES: Record<ExecutionStatus, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'violet' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  'timed-out': { label: 'Timed out', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  interrupted: { label: 'Interrupted', tone: 'warn' },
};

const TRACE_OUTCOMES: Record<TraceOutcome, { label: string; tone: Tone }> = {
  ran: { label: 'Ran', tone: 'ok' },
  queued: { label: 'Queued', tone: 'violet' },
  held: { label: 'Held', tone: 'warn' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  coalesced: { label: 'Coalesced', tone: 'teal' },
  retried: { label: 'Retried', tone: 'warn' },
  missed: { label: 'Missed', tone: 'danger' },
};

/** The words for a task state ("idle" reads as "Scheduled"). */
export const taskStateLabel = (state: TaskState) => TASK_STATES[state].label;

function Badge({ label, tone, pulse }: { label: string; tone: Tone; pulse?: boolean }) {
  return (
    <span className={clsx('badge', `tone-${tone}`, pulse === true && 'pulse')}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/** A task's state as a coloured badge. */
export function TaskStateBadge({ state }: { state: TaskState }) {
  const { label, tone } = TASK_STATES[state];
  return <Badge label={label} tone={tone} pulse={state === 'running'} />;
}

/** An execution's status as a coloured badge. */
export function ExecutionStatusBadge({ status }: { status: ExecutionStatus }) {
  const { label, tone } = EXECUTION_STATUSES[status];
  return <Badge label={label} tone={tone} pulse={status === 'running'} />;
}

/** A trace entry's outcome as a coloured badge. */
export function TraceOutcomeBadge({ outcome }: { outcome: TraceOutcome }) {
  const { label, tone } = TRACE_OUTCOMES[outcome];
  return <Badge label={label} tone={tone} />;
}
