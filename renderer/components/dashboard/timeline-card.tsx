import { CalendarClock } from 'lucide-react';
import { memo, useEffect, useMemo } from 'react';
import type { TaskView } from '../../../shared/schemas/task.js';
import {
  hourTicks,
  taskFires,
  TIMELINE_SPAN_MS,
  type TaskFires,
} from '../../dashboard/timeline-plan.js';
import { formatDateTime } from '../../format/time.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { useDueTasks } from '../../hooks/use-due-tasks.js';
import { TaskLink } from './task-link.js';

/** Tasks the timeline shows at most, soonest first. */
export const TIMELINE_ROWS = 10;
/** Hours between the axis's marks. */
const TICK_HOURS = 3;
/** Marks this close to "Now" (a share of the width) are left out so the labels do not collide. */
const NOW_CLEARANCE = 0.045;
/** Beyond this many runs in the window, runs are drawn as thin ticks rather than dots. */
const DOTS_AT_MOST = 48;

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const fireFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** Where a moment sits on the axis, as a percentage of its width. */
const place = (t: number, start: number) =>
  `${(((t - start) / TIMELINE_SPAN_MS) * 100).toFixed(3)}%`;

function tickLabel(t: number): string {
  return new Date(t).getHours() === 0 ? dayFormat.format(t) : hourFormat.format(t);
}

interface RowProps {
  task: TaskView;
  plan: TaskFires;
  start: number;
}

/** One task's planned runs as marks on the shared axis; each mark names its time. */
const TimelineRow = memo(function TimelineRow({ task, plan, start }: RowProps) {
  const end = start + TIMELINE_SPAN_MS;
  const count = plan.denseFrom === null ? String(plan.fires.length) : `${plan.fires.length}+`;
  const dense = plan.denseFrom !== null || plan.fires.length > DOTS_AT_MOST;
  return (
    <li className={`tl-row${dense ? ' dense' : ''}`} data-task-id={task.id}>
      <div className="tl-label">
        <TaskLink taskId={task.id} name={task.name} className="tl-name" />
        <span className="tl-count tabular">
          {plan.loading ? 'Planning…' : `${count} ${plan.fires.length === 1 ? 'run' : 'runs'}`}
        </span>
      </div>
      <div className="tl-track">
        {plan.denseFrom !== null && (
          <span
            className="tl-dense"
            style={{ left: place(plan.denseFrom, start), right: 0 }}
            title={`${task.name} keeps running this often until ${formatDateTime(end)}`}
          />
        )}
        <ol className="tl-fires" aria-label={`Planned runs of ${task.name}`}>
          {plan.fires.map((fire) => {
            const iso = new Date(fire).toISOString();
            return (
              <li key={fire} className="tl-fire" style={{ left: place(fire, start) }}>
                <time dateTime={iso} title={`${task.name}: ${formatDateTime(fire)}`}>
                  <span className="visually-hidden">{fireFormat.format(fire)}</span>
                </time>
              </li>
            );
          })}
        </ol>
      </div>
    </li>
  );
});

/**
 * The next 24 hours as a timeline: each task due in that time on its own row, a mark at each
 * planned run, on one axis of the local clock. Runs come from `triggers.preview` (the
 * service's own scheduling), asked once per distinct trigger, only for the rows shown.
 */
export function TimelineCard() {
  const { start, due } = useDueTasks();
  const previews = useAppStore((state) => state.previews);
  const connected = useAppStore((state) => state.connection === 'open');
  const sort = useAppStore((state) => state.sort);
  const { loadPreviews, navigate, setSort } = useActions();
  const shown = useMemo(() => due.slice(0, TIMELINE_ROWS), [due]);
  const end = start + TIMELINE_SPAN_MS;

  useEffect(() => {
    if (connected) void loadPreviews(shown, start);
  }, [connected, shown, start, loadPreviews]);

  const plans = useMemo(
    () => shown.map((task) => ({ task, plan: taskFires(task, previews, start, end) })),
    [shown, previews, start, end],
  );
  const ticks = useMemo(
    () =>
      hourTicks(start, end, TICK_HOURS).filter(
        (tick) => tick - start > NOW_CLEARANCE * TIMELINE_SPAN_MS,
      ),
    [start, end],
  );

  return (
    <section className="card timeline-card" aria-labelledby="timeline-title">
      <header className="card-head">
        <h2 id="timeline-title" className="card-title">
          Next 24 hours
        </h2>
        <span className="muted card-note">
          {due.length === 0
            ? 'No runs planned'
            : `${due.length} ${due.length === 1 ? 'task' : 'tasks'} due`}
        </span>
      </header>
      {due.length === 0 ? (
        <div className="card-empty-state">
          <CalendarClock size={22} strokeWidth={1.5} aria-hidden className="empty-icon" />
          <p>
            No task is scheduled in the next 24 hours. Tasks with an interval, a cron schedule or a
            date show their planned runs here.
          </p>
        </div>
      ) : (
        <div className="timeline">
          <div className="tl-axis" aria-hidden="true">
            <div className="tl-label" />
            <div className="tl-track">
              <span className="tl-tick tl-now" style={{ left: 0 }}>
                Now
              </span>
              {ticks.map((tick) => (
                <span key={tick} className="tl-tick" style={{ left: place(tick, start) }}>
                  {tickLabel(tick)}
                </span>
              ))}
            </div>
          </div>
          <ul
            className="tl-rows"
            aria-label="Tasks due in the next 24 hours"
            data-start={new Date(start).toISOString()}
            data-end={new Date(end).toISOString()}
          >
            {plans.map(({ task, plan }) => (
              <TimelineRow key={task.id} task={task} plan={plan} start={start} />
            ))}
          </ul>
          <div className="tl-grid" aria-hidden="true">
            <div className="tl-label" />
            <div className="tl-track">
              {ticks.map((tick) => (
                <span key={tick} className="tl-gridline" style={{ left: place(tick, start) }} />
              ))}
            </div>
          </div>
        </div>
      )}
      {due.length > TIMELINE_ROWS && (
        <button
          type="button"
          className="link-button card-more"
          onClick={() => {
            // Sorting toggles the direction on a second press; soonest first is wanted here.
            if (sort.key !== 'nextRun' || sort.descending) setSort('nextRun');
            navigate({ screen: 'tasks' });
          }}
        >
          {due.length - TIMELINE_ROWS} more due in the next 24 hours…
        </button>
      )}
    </section>
  );
}
