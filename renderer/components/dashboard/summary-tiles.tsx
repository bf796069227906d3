import { formatDateTime, formatRelative } from '../../format/time.js';
import { useAppStore } from '../../hooks/use-app-store.js';
import { useDueTasks } from '../../hooks/use-due-tasks.js';
import { useNow } from '../../hooks/use-now.js';
import { plural } from '../../store/slice.js';
import { successWords } from '../../dashboard/outcome-words.js';
import { Tile } from '../tile.js';

/** The dashboard at a glance: slots in use, the queue's length, what runs next, the last day. */
export function SummaryTiles() {
  const scheduler = useAppStore((state) => state.scheduler);
  const day = useAppStore((state) => state.outcomes?.day ?? null);
  const { due } = useDueTasks();
  const now = useNow();
  const next = due[0];
  const nextAt = next?.nextRunAt == null ? null : Date.parse(next.nextRunAt);
  const words = day === null ? null : successWords(day.summary);
  return (
    <div className="tiles" role="group" aria-label="At a glance">
      <Tile label="Running now">
        <span className="tile-value">
          {scheduler === null ? '—' : `${scheduler.running} of ${scheduler.maxRunningTasks}`}
        </span>
        <span className="tile-note">
          {scheduler === null
            ? ''
            : scheduler.paused
              ? 'All paused: nothing new starts'
              : scheduler.running >= scheduler.maxRunningTasks
                ? 'Every slot is busy'
                : `${plural(scheduler.maxRunningTasks - scheduler.running, 'slot')} free`}
        </span>
      </Tile>
      <Tile label="Waiting">
        <span className="tile-value">{scheduler === null ? '—' : scheduler.queued}</span>
        <span className="tile-note">
          {scheduler === null || scheduler.queued === 0
            ? 'Nothing in the queue'
            : 'in the queue, highest priority first'}
        </span>
      </Tile>
      <Tile label="Next up">
        {next === undefined || nextAt === null ? (
          <>
            <span className="tile-value faint">Nothing planned</span>
            <span className="tile-note">No task is due in the next 24 hours</span>
          </>
        ) : (
          <>
            <span className="tile-value" title={formatDateTime(nextAt)}>
              {formatRelative(nextAt, now)}
            </span>
            <span className="tile-note" title={next.name}>
              {next.name}
            </span>
          </>
        )}
      </Tile>
      <Tile label="Last 24 hours">
        <span className="tile-value">{words?.rate ?? <span className="faint">—</span>}</span>
        <span className="tile-note">{words?.detail ?? 'Counting runs…'}</span>
      </Tile>
    </div>
  );
}
