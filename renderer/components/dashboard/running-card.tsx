import { Ban, CirclePlay } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import type { Execution } from '../../../shared/schemas/execution.js';
import { FIRE_SOURCE_LABELS } from '../../format/trigger-words.js';
import { formatDateTime, formatRelative } from '../../format/time.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { useNow } from '../../hooks/use-now.js';
import type { AppState } from '../../store/app-state.js';
import { RunProgress } from '../task-detail/run-progress.js';
import { TaskLink } from './task-link.js';

/** Runs listed at most; the task list filtered by state shows them all. */
const SHOWN = 8;

function runningOf(state: AppState): Execution[] {
  return Object.values(state.active)
    .filter((execution) => execution.status === 'running')
    .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
}

function RunningItem({ execution }: { execution: Execution }) {
  const typical = useAppStore((state) => state.tasks[execution.taskId]?.stats.p50DurationMs);
  const { cancelExecution } = useActions();
  const now = useNow();
  const started = execution.startedAt === null ? null : Date.parse(execution.startedAt);
  return (
    <li className="dash-item running-item">
      <div className="dash-item-head">
        <TaskLink
          taskId={execution.taskId}
          name={execution.taskName}
          executionId={execution.id}
          className="dash-item-name"
        />
        <span className="dash-item-meta muted">
          {FIRE_SOURCE_LABELS[execution.trigger.type]}
          {execution.attempt > 1 && ` · attempt ${execution.attempt}`}
          {started !== null && (
            <>
              {' · started '}
              <time dateTime={execution.startedAt ?? undefined} title={formatDateTime(started)}>
                {formatRelative(started, now)}
              </time>
            </>
          )}
        </span>
        <button
          type="button"
          className="btn btn-sm btn-quiet"
          aria-label={`Cancel the run of ${execution.taskName}`}
          onClick={() => void cancelExecution(execution.id)}
        >
          <Ban size={13} aria-hidden /> Cancel
        </button>
      </div>
      {execution.startedAt !== null && (
        <RunProgress startedAt={execution.startedAt} typicalMs={typical ?? null} />
      )}
    </li>
  );
}

/** What runs right now, each with its progress against its typical duration. */
export function RunningCard() {
  const running = useAppStore(useShallow(runningOf));
  const { navigate, setStateFilter } = useActions();
  return (
    <section className="card dash-card" aria-labelledby="running-title">
      <header className="card-head">
        <h2 id="running-title" className="card-title">
          Running now
        </h2>
        <span className="card-count tabular">{running.length}</span>
      </header>
      {running.length === 0 ? (
        <div className="card-empty-state">
          <CirclePlay size={22} strokeWidth={1.5} aria-hidden className="empty-icon" />
          <p>Nothing is running. Tasks show here with their progress while they run.</p>
        </div>
      ) : (
        <ul className="dash-list" aria-label="Running tasks">
          {running.slice(0, SHOWN).map((execution) => (
            <RunningItem key={execution.id} execution={execution} />
          ))}
        </ul>
      )}
      {running.length > SHOWN && (
        <button
          type="button"
          className="link-button card-more"
          onClick={() => {
            setStateFilter('running');
            navigate({ screen: 'tasks' });
          }}
        >
          {running.length - SHOWN} more running…
        </button>
      )}
    </section>
  );
}
