import { Hourglass } from 'lucide-react';
import { useMemo } from 'react';
import { queueEntries, waitReason, type QueueEntry } from '../../dashboard/queue-order.js';
import { formatDateTime, formatRelative } from '../../format/time.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { useNow } from '../../hooks/use-now.js';
import { TaskLink } from './task-link.js';

/** Requests listed at most; the task list filtered by state shows them all. */
const SHOWN = 10;

function QueueItem({ entry }: { entry: QueueEntry }) {
  const scheduler = useAppStore((state) => state.scheduler);
  const now = useNow();
  const { execution, task, position } = entry;
  const queued = Date.parse(execution.queuedAt);
  const priority = task?.priority ?? 0;
  return (
    <li className="dash-item queue-item" data-task-id={execution.taskId}>
      <span className="queue-position tabular">
        {position === null ? (
          <>
            <span aria-hidden="true">–</span>
            <span className="visually-hidden">Not yet in line</span>
          </>
        ) : (
          `#${position}`
        )}
      </span>
      <div className="queue-body">
        <div className="dash-item-head">
          <TaskLink
            taskId={execution.taskId}
            name={task?.name ?? execution.taskName}
            className="dash-item-name"
          />
          {priority !== 0 && (
            <span className="priority" title={`Priority ${priority} (higher runs first)`}>
              P{priority}
            </span>
          )}
          <time
            className="dash-item-meta muted"
            dateTime={execution.queuedAt}
            title={formatDateTime(queued)}
          >
            queued {formatRelative(queued, now)}
          </time>
        </div>
        <p className="queue-reason">{waitReason(entry, scheduler)}</p>
      </div>
    </li>
  );
}

/** The queue: what waits to start, in order, and what holds each request. */
export function QueueCard() {
  const active = useAppStore((state) => state.active);
  const tasks = useAppStore((state) => state.tasks);
  const entries = useMemo(() => queueEntries({ active, tasks }), [active, tasks]);
  const { navigate, setStateFilter } = useActions();
  return (
    <section className="card dash-card" aria-labelledby="queue-title">
      <header className="card-head">
        <h2 id="queue-title" className="card-title">
          Queue
        </h2>
        <span className="card-count tabular">{entries.length}</span>
      </header>
      {entries.length === 0 ? (
        <div className="card-empty-state">
          <Hourglass size={22} strokeWidth={1.5} aria-hidden className="empty-icon" />
          <p>
            Nothing is waiting. When more tasks fire than may run at once, they line up here by
            priority.
          </p>
        </div>
      ) : (
        <ol className="dash-list" aria-label="Queue, in the order tasks will start">
          {entries.slice(0, SHOWN).map((entry) => (
            <QueueItem key={entry.execution.id} entry={entry} />
          ))}
        </ol>
      )}
      {entries.length > SHOWN && (
        <button
          type="button"
          className="link-button card-more"
          onClick={() => {
            setStateFilter('queued');
            navigate({ screen: 'tasks' });
          }}
        >
          {entries.length - SHOWN} more waiting…
        </button>
      )}
    </section>
  );
}
