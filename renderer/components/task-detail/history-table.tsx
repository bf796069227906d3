import { useVirtualizer } from '@tanstack/react-virtual';
import clsx from 'clsx';
import { useEffect, useRef } from 'react';
import type { ExecutionStatus } from '../../../shared/schemas/execution.js';
import { formatBytes, formatDuration, formatPercent } from '../../format/duration.js';
import { FIRE_SOURCE_LABELS } from '../../format/trigger-words.js';
import { formatDateTime, formatRelative } from '../../format/time.js';
import { useActions } from '../../hooks/use-app-store.js';
import { useNow } from '../../hooks/use-now.js';
import type { HistoryState } from '../../store/app-state.js';
import { EXECUTION_STATUSES, ExecutionStatusBadge } from '../status-badge.js';

const ROW_HEIGHT = 40;
/** Load the next page when the view comes this close to the last loaded row. */
const LOAD_AHEAD = 10;

/** Statuses the filter offers, in the order people look for them. */
const FILTERS: ExecutionStatus[] = [
  'succeeded',
  'failed',
  'timed-out',
  'cancelled',
  'skipped',
  'interrupted',
  'running',
  'queued',
];

interface HistoryTableProps {
  taskId: string;
  history: HistoryState | undefined;
  openId: string | null;
  onOpen: (executionId: string) => void;
}

/**
 * A task's runs, newest first: filter by status, more pages load as it scrolls (virtualized,
 * so long histories stay fast), and a row opens its run.
 */
export function HistoryTable({ taskId, history, openId, onOpen }: HistoryTableProps) {
  const { loadHistory, loadMoreHistory } = useActions();
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const items = history?.items ?? [];
  // The React Compiler is not used here; the virtualizer is read fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? -1;
  const canLoadMore = history?.nextCursor != null && !history.loading;

  useEffect(() => {
    if (canLoadMore && lastIndex >= items.length - LOAD_AHEAD) void loadMoreHistory(taskId);
  }, [canLoadMore, lastIndex, items.length, loadMoreHistory, taskId]);

  return (
    <div className="history">
      <div className="history-tools">
        <label className="inline-field">
          <span aria-hidden="true">Status</span>
          <select
            className="select select-sm"
            aria-label="Filter runs by status"
            value={history?.filter ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              void loadHistory(taskId, value === '' ? null : (value as ExecutionStatus));
            }}
          >
            <option value="">All statuses</option>
            {FILTERS.map((status) => (
              <option key={status} value={status}>
                {EXECUTION_STATUSES[status].label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted tabular" role="status" aria-label="Runs listed">
          {history?.loaded === true &&
            `${items.length}${history.nextCursor === null ? '' : '+'} ${items.length === 1 ? 'run' : 'runs'}`}
        </span>
      </div>
      <div
        ref={scrollRef}
        className="history-table"
        role="grid"
        aria-label="Run history"
        aria-rowcount={items.length + 1}
      >
        <div role="row" aria-rowindex={1} className="history-row head">
          <div role="columnheader">Status</div>
          <div role="columnheader">Started</div>
          <div role="columnheader">Duration</div>
          <div role="columnheader">Exit</div>
          <div role="columnheader">Trigger</div>
          <div role="columnheader">CPU peak</div>
          <div role="columnheader">Memory peak</div>
        </div>
        {history?.loaded !== true ? (
          <div className="table-note" role="status">
            {history?.error ?? 'Loading history…'}
          </div>
        ) : items.length === 0 ? (
          <div className="table-note">
            {history.filter === null
              ? 'No runs yet. Press Run now to try it.'
              : `No runs with the status “${EXECUTION_STATUSES[history.filter].label}”.`}
          </div>
        ) : (
          <div className="history-body" style={{ height: virtualizer.getTotalSize() }}>
            {virtualItems.map((item) => {
              const execution = items[item.index];
              if (execution === undefined) return null;
              const started = execution.startedAt ?? execution.queuedAt;
              const open = () => {
                onOpen(execution.id);
              };
              return (
                <div
                  key={execution.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={execution.id === openId}
                  tabIndex={0}
                  className={clsx('history-row', execution.id === openId && 'selected')}
                  style={{ transform: `translateY(${item.start}px)` }}
                  onClick={open}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      open();
                    }
                  }}
                >
                  <div role="gridcell">
                    <ExecutionStatusBadge status={execution.status} />
                  </div>
                  <div role="gridcell">
                    <time dateTime={started} title={formatDateTime(Date.parse(started))}>
                      {formatRelative(Date.parse(started), now)}
                    </time>
                  </div>
                  <div role="gridcell" className="tabular">
                    {execution.durationMs === null ? '—' : formatDuration(execution.durationMs)}
                  </div>
                  <div role="gridcell" className="tabular" title={execution.signal ?? undefined}>
                    {execution.exitCode ?? execution.signal ?? '—'}
                  </div>
                  <div role="gridcell" className="truncate" title={execution.trigger.detail}>
                    {FIRE_SOURCE_LABELS[execution.trigger.type]}
                    {execution.attempt > 1 && (
                      <span className="faint"> · #{execution.attempt}</span>
                    )}
                  </div>
                  <div role="gridcell" className="tabular">
                    {execution.resources.cpuPeakPercent === null
                      ? '—'
                      : formatPercent(execution.resources.cpuPeakPercent)}
                  </div>
                  <div role="gridcell" className="tabular">
                    {execution.resources.rssPeakBytes === null
                      ? '—'
                      : formatBytes(execution.resources.rssPeakBytes)}
                  </div>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
