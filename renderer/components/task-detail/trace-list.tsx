import { formatDateTime, formatRelative } from '../../format/time.js';
import { useNow } from '../../hooks/use-now.js';
import type { TraceState } from '../../store/app-state.js';
import { TraceOutcomeBadge } from '../status-badge.js';

interface TraceListProps {
  trace: TraceState | undefined;
  onOpen: (executionId: string) => void;
}

/**
 * "Why didn't it run?": every firing of the task, newest first, with what happened (ran,
 * queued, held, skipped, coalesced, retried, missed) and the reason.
 */
export function TraceList({ trace, onOpen }: TraceListProps) {
  const now = useNow();
  if (trace === undefined || (!trace.loaded && trace.loading)) {
    return (
      <p className="table-note" role="status">
        Loading the trace…
      </p>
    );
  }
  if (trace.entries.length === 0) {
    return (
      <p className="table-note">
        No firings yet. Each time a trigger fires, what happened and why shows here.
      </p>
    );
  }
  return (
    <ol className="trace-list" aria-label="Firing trace, newest first">
      {trace.entries.map((entry, index) => {
        const t = Date.parse(entry.t);
        const executionId = entry.executionId;
        return (
          <li key={`${entry.t}-${index}`} className="trace-entry">
            <time dateTime={entry.t} title={formatDateTime(t)} className="trace-time tabular">
              {formatRelative(t, now)}
            </time>
            <TraceOutcomeBadge outcome={entry.outcome} />
            <span className="trace-reason">{entry.reason}</span>
            {executionId !== null && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onOpen(executionId);
                }}
              >
                Open run
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
