import type { TaskView } from '../../../shared/schemas/task.js';
import { formatDuration } from '../../format/duration.js';
import { formatDateTime, formatRelative } from '../../format/time.js';
import { useNow } from '../../hooks/use-now.js';
import { ExecutionStatusBadge } from '../status-badge.js';
import { Tile } from '../tile.js';

/** The task at a glance: next run, last run, success rate, typical duration. */
export function StatTiles({ task }: { task: TaskView }) {
  const now = useNow();
  const { stats, lastExecution: last } = task;
  const next = task.nextRunAt === null ? null : Date.parse(task.nextRunAt);
  const lastAt = last?.startedAt ?? last?.endedAt ?? null;
  return (
    <div className="tiles">
      <Tile label="Next run">
        {next === null ? (
          <span className="tile-value faint">{task.enabled ? 'No time set' : 'Paused'}</span>
        ) : (
          <>
            <span className="tile-value">{formatRelative(next, now)}</span>
            <span className="tile-note">{formatDateTime(next)}</span>
          </>
        )}
      </Tile>
      <Tile label="Last run">
        {last === null ? (
          <span className="tile-value faint">Never</span>
        ) : (
          <>
            <span className="tile-value">
              <ExecutionStatusBadge status={last.status} />
            </span>
            <span className="tile-note">
              {lastAt === null ? '' : formatRelative(Date.parse(lastAt), now)}
              {last.exitCode !== null && ` · exit ${last.exitCode}`}
            </span>
          </>
        )}
      </Tile>
      <Tile label="Success rate">
        <span className="tile-value">
          {stats.successRate === null ? (
            <span className="faint">—</span>
          ) : (
            `${Math.round(stats.successRate * 100)}%`
          )}
        </span>
        <span className="tile-note">
          {stats.runs === 0 ? 'No runs yet' : `${stats.succeeded} of ${stats.runs} runs succeeded`}
        </span>
      </Tile>
      <Tile label="Typical duration">
        <span className="tile-value">
          {stats.p50DurationMs === null ? (
            <span className="faint">—</span>
          ) : (
            formatDuration(stats.p50DurationMs)
          )}
        </span>
        <span className="tile-note">
          {stats.p95DurationMs === null
            ? 'Median of past runs'
            : `95% within ${formatDuration(stats.p95DurationMs)}`}
        </span>
      </Tile>
    </div>
  );
}
