import { memo } from 'react';
import { recentRunsWords } from '../../format/run-words.js';
import type { RecentRun } from '../../store/app-state.js';
import { EXECUTION_STATUSES } from '../status-badge.js';

const WIDTH = 84;
const HEIGHT = 22;
const SLOTS = 20;

/**
 * Recent run durations as tiny bars, oldest first (newest last), coloured by status; a hint of
 * how long runs take and whether they fail, not a chart to read values from.
 */
export const Sparkline = memo(function Sparkline({
  runs,
}: {
  runs: readonly RecentRun[] | undefined;
}) {
  if (runs === undefined) return <span className="sparkline-empty" aria-hidden="true" />;
  if (runs.length === 0) return <span className="faint">No runs</span>;
  const max = Math.max(...runs.map((run) => run.durationMs), 1);
  const slot = WIDTH / SLOTS;
  const label = recentRunsWords(runs);
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {runs.map((run, index) => {
        const height = Math.max(2, (run.durationMs / max) * (HEIGHT - 2));
        const x = index * slot;
        return (
          <rect
            key={run.id}
            x={x + 0.5}
            y={HEIGHT - height}
            width={slot - 1.5}
            height={height}
            rx={1}
            className={`spark-${EXECUTION_STATUSES[run.status].tone}`}
          />
        );
      })}
    </svg>
  );
});
