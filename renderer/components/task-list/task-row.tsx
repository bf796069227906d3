import clsx from 'clsx';
import { memo, useMemo, type MouseEvent } from 'react';
import { formatDuration } from '../../format/duration.js';
import { formatDateTime, formatRelative } from '../../format/time.js';
import { describeTrigger } from '../../format/trigger-words.js';
import { useAppStore, useStoreApi } from '../../hooks/use-app-store.js';
import { useNow } from '../../hooks/use-now.js';
import { ExecutionStatusBadge, TaskStateBadge } from '../status-badge.js';
import { Sparkline } from './sparkline.js';

/** The DOM id of a task's row (for aria-activedescendant). */
export const rowDomId = (id: string) => `task-row-${id}`;

const MAX_TAGS = 3;

interface TaskRowProps {
  id: string;
  index: number;
  top: number;
  height: number;
  selected: boolean;
  active: boolean;
  onRowClick: (event: MouseEvent, id: string) => void;
  onCheck: (shiftKey: boolean, id: string) => void;
}

function When({ iso, now }: { iso: string | null; now: number }) {
  if (iso === null) return <span className="faint">—</span>;
  const ms = Date.parse(iso);
  return (
    <time dateTime={iso} title={formatDateTime(ms)} className="tabular">
      {formatRelative(ms, now)}
    </time>
  );
}

/** One task in the list: it reads its own task, so a change re-renders only this row. */
export const TaskRow = memo(function TaskRow(props: TaskRowProps) {
  const { id, index, top, height, selected, active, onRowClick, onCheck } = props;
  const task = useAppStore((state) => state.tasks[id]);
  const runs = useAppStore((state) => state.recent[id]);
  const store = useStoreApi();
  const now = useNow();
  const triggers = task?.triggers;
  // Phrasing a cron expression is the costliest part of a row: once per change, not per tick.
  const summary = useMemo(
    () =>
      (triggers ?? [])
        .map((trigger) =>
          describeTrigger(trigger, (taskId) => store.getState().tasks[taskId]?.name),
        )
        .join(' · '),
    [triggers, store],
  );
  if (task === undefined) return null;
  const command = task.action.command ?? task.action.argv?.join(' ') ?? '';
  const last = task.lastExecution;
  return (
    <div
      id={rowDomId(id)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-labelledby={`${rowDomId(id)}-name`}
      className={clsx('task-row', selected && 'selected', active && 'active')}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={(event) => {
        onRowClick(event, id);
      }}
    >
      <div role="gridcell" className="cell cell-check">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={`Select ${task.name}`}
          onClick={(event) => {
            event.stopPropagation();
          }}
          onChange={(event) => {
            const native = event.nativeEvent;
            onCheck(native instanceof MouseEvent && native.shiftKey, id);
          }}
        />
      </div>
      <div role="gridcell" className="cell cell-task">
        <div className="task-name">
          <span id={`${rowDomId(id)}-name`} className="truncate" title={task.name}>
            {task.name}
          </span>
          {task.priority !== 0 && (
            <span className="priority" title={`Priority ${task.priority} (higher runs first)`}>
              P{task.priority}
            </span>
          )}
        </div>
        <div className="task-summary truncate" title={`${summary}\n${command}`}>
          {summary} <span className="sep">·</span> <span className="mono">{command}</span>
        </div>
      </div>
      <div role="gridcell" className="cell cell-state">
        <TaskStateBadge state={task.state} />
        {task.heldBy !== null ? (
          <span className="cell-note truncate" title={task.heldBy}>
            Held: {task.heldBy}
          </span>
        ) : task.queuePosition !== null ? (
          <span className="cell-note">#{task.queuePosition} in queue</span>
        ) : null}
      </div>
      <div role="gridcell" className="cell cell-next">
        <When iso={task.nextRunAt} now={now} />
      </div>
      <div role="gridcell" className="cell cell-last">
        {last === null ? (
          <span className="faint">Never run</span>
        ) : (
          <>
            <ExecutionStatusBadge status={last.status} />
            <span className="cell-note">
              <When iso={last.startedAt ?? last.endedAt} now={now} />
              {last.durationMs !== null && ` · ${formatDuration(last.durationMs)}`}
            </span>
          </>
        )}
      </div>
      <div role="gridcell" className="cell cell-recent">
        <Sparkline runs={runs} />
      </div>
      <div role="gridcell" className="cell cell-tags">
        {task.tags.slice(0, MAX_TAGS).map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
        {task.tags.length > MAX_TAGS && (
          <span className="tag" title={task.tags.slice(MAX_TAGS).join(', ')}>
            +{task.tags.length - MAX_TAGS}
          </span>
        )}
      </div>
    </div>
  );
});
