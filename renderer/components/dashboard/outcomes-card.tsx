import { CircleCheck } from 'lucide-react';
import { useId, useMemo } from 'react';
import { failuresOf, runsOf, successWords } from '../../dashboard/outcome-words.js';
import { formatDateTime, formatRelative } from '../../format/time.js';
import { useAppStore } from '../../hooks/use-app-store.js';
import { useNow } from '../../hooks/use-now.js';
import type { OutcomeWindow } from '../../store/app-state.js';
import { dailyOutcomes, DailyOutcomesChart } from '../charts/daily-outcomes-chart.js';
import { ExecutionStatusBadge } from '../status-badge.js';
import { TaskLink } from './task-link.js';

const DAYS = 7;

function Figure({ title, window }: { title: string; window: OutcomeWindow | undefined }) {
  const words = window === undefined ? null : successWords(window.summary);
  const failed = window === undefined ? 0 : failuresOf(window.summary);
  const id = useId();
  return (
    <div
      className="outcome-figure"
      role="group"
      aria-labelledby={id}
      title={
        window === undefined
          ? undefined
          : `Counted by the hour: runs since ${formatDateTime(window.countedFrom)}`
      }
    >
      <span id={id} className="tile-label">
        {title}
      </span>
      <span className="outcome-rate tabular">
        {words?.rate ?? <span className="faint">—</span>}
        {words?.rate != null && <span className="outcome-rate-unit"> succeeded</span>}
      </span>
      <span className={`outcome-detail ${failed > 0 ? 'has-failures' : ''}`}>
        {words?.detail ?? 'Loading…'}
      </span>
    </div>
  );
}

/** How runs went: success rate and failures over the last 24 hours and 7 days, and the latest failures. */
export function OutcomesCard() {
  const outcomes = useAppStore((state) => state.outcomes);
  const error = useAppStore((state) => state.outcomesError);
  const failures = useAppStore((state) => state.recentFailures);
  const now = useNow();
  const day = Math.floor(now / 86_400_000);
  const week = outcomes?.week;
  // The chart's days change once a day, its counts when the figures are reloaded.
  const data = useMemo(
    () => (week === undefined ? null : dailyOutcomes(week.summary.daily, day * 86_400_000, DAYS)),
    [week, day],
  );
  return (
    <section className="card dash-card" aria-labelledby="outcomes-title">
      <header className="card-head">
        <h2 id="outcomes-title" className="card-title">
          How runs went
        </h2>
      </header>
      {error !== null && outcomes === null ? (
        <p className="card-empty-state" role="status">
          Could not count the runs: {error}
        </p>
      ) : (
        <>
          <div className="outcome-figures">
            <Figure title="Last 24 hours" window={outcomes?.day} />
            <Figure title="Last 7 days" window={outcomes?.week} />
          </div>
          {data === null ? (
            <div className="chart-empty">Counting runs…</div>
          ) : week !== undefined && runsOf(week.summary) === 0 ? (
            <div className="chart-empty">
              No runs in the last 7 days. Each day’s successes and failures show here.
            </div>
          ) : (
            <DailyOutcomesChart data={data} height={170} />
          )}
          <div className="recent-failures">
            <h3 className="sub-title">Latest failures</h3>
            {failures === null ? null : failures.length === 0 ? (
              <p className="muted recent-none">
                <CircleCheck size={14} aria-hidden /> No failed runs. Failures show here as they
                happen.
              </p>
            ) : (
              <ul className="failure-list" aria-label="Latest failures">
                {failures.map((execution) => {
                  const at = Date.parse(execution.endedAt ?? execution.queuedAt);
                  return (
                    <li key={execution.id} className="failure-item">
                      <ExecutionStatusBadge status={execution.status} />
                      <TaskLink
                        taskId={execution.taskId}
                        name={execution.taskName}
                        executionId={execution.id}
                        className="failure-name"
                      />
                      <span
                        className="muted failure-why truncate"
                        title={execution.error ?? undefined}
                      >
                        {execution.exitCode !== null
                          ? `exit ${execution.exitCode}`
                          : (execution.error ?? execution.signal ?? '')}
                      </span>
                      <time
                        className="muted tabular"
                        dateTime={new Date(at).toISOString()}
                        title={formatDateTime(at)}
                      >
                        {formatRelative(at, now)}
                      </time>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}
