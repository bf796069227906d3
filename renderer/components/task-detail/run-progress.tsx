import { formatDuration } from '../../format/duration.js';
import { useNow } from '../../hooks/use-now.js';

interface RunProgressProps {
  startedAt: string;
  /** The task's median duration; null before any timed run. */
  typicalMs: number | null;
}

/** Elapsed time in words; the shared clock ticks once a second, so under one is "just started". */
function elapsedWords(elapsed: number): string {
  return elapsed < 1_000 ? 'Just started' : `${formatDuration(elapsed)} elapsed`;
}

/** How far a running execution is, as elapsed time against the task's typical duration. */
export function RunProgress({ startedAt, typicalMs }: RunProgressProps) {
  const now = useNow();
  const elapsed = Math.max(0, now - Date.parse(startedAt));
  if (typicalMs === null || typicalMs <= 0) {
    return (
      <div className="progress">
        <div
          className="progress-track indeterminate"
          role="progressbar"
          aria-label="Running"
          aria-valuetext={elapsedWords(elapsed)}
        >
          <div className="progress-fill" />
        </div>
        <span className="progress-text tabular">
          {elapsedWords(elapsed)} · no typical duration yet
        </span>
      </div>
    );
  }
  const ratio = elapsed / typicalMs;
  const over = ratio > 1;
  return (
    <div className="progress">
      <div
        className={`progress-track ${over ? 'over' : ''}`}
        role="progressbar"
        aria-label="Progress against the typical duration"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.round(ratio * 100))}
        aria-valuetext={
          elapsed < 1_000
            ? `Just started; typically ${formatDuration(typicalMs)}`
            : `${formatDuration(elapsed)} of a typical ${formatDuration(typicalMs)}`
        }
      >
        <div className="progress-fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
      </div>
      <span className="progress-text tabular">
        {elapsed < 1_000
          ? `Just started · typically ${formatDuration(typicalMs)}`
          : `${formatDuration(elapsed)} of a typical ${formatDuration(typicalMs)}`}
        {over && ' · longer than usual'}
      </span>
    </div>
  );
}
