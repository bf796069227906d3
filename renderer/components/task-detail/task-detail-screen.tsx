import clsx from 'clsx';
import { useEffect, useMemo, useState } from 'react';
import { formatBytes, formatPercent } from '../../format/duration.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { plural } from '../../store/slice.js';
import type { AppState } from '../../store/app-state.js';
import { DurationChart } from '../charts/duration-chart.js';
import { ResourceChart, type ResourcePoint } from '../charts/resource-chart.js';
import { DetailHeader } from './detail-header.js';
import { ExecutionPanel } from './execution-panel.js';
import { HistoryTable } from './history-table.js';
import { StatTiles } from './stat-tiles.js';
import { TraceList } from './trace-list.js';

type Tab = 'history' | 'trace';

/** The peaks chart in words: how many runs, and the highest CPU and memory among them. */
function peaksLabel(peaks: readonly ResourcePoint[]): string {
  const cpu = Math.max(...peaks.map((point) => point.cpu ?? 0));
  const memory = Math.max(...peaks.map((point) => point.memory ?? 0));
  return `Peak CPU and memory of ${plural(peaks.length, 'run')} over time: CPU up to ${formatPercent(cpu)}, memory up to ${formatBytes(memory)}`;
}

/** The newest queued or running execution of a task (running first), or null. */
function liveExecutionOf(state: AppState, taskId: string): string | null {
  let best: { id: string; rank: number; at: string } | null = null;
  for (const execution of Object.values(state.active)) {
    if (execution.taskId !== taskId) continue;
    const rank = execution.status === 'running' ? 1 : 0;
    const at = execution.startedAt ?? execution.queuedAt;
    if (best === null || rank > best.rank || (rank === best.rank && at > best.at)) {
      best = { id: execution.id, rank, at };
    }
  }
  return best?.id ?? null;
}

/**
 * One task in full: header and actions, figures, the run being watched (by default the one in
 * progress), charts of durations and resource peaks, and the history and trace.
 */
export function TaskDetailScreen({ taskId }: { taskId: string }) {
  const task = useAppStore((state) => state.tasks[taskId]);
  const loaded = useAppStore((state) => state.tasksLoaded);
  const history = useAppStore((state) => state.history[taskId]);
  const trace = useAppStore((state) => state.trace[taskId]);
  const liveId = useAppStore((state) => liveExecutionOf(state, taskId));
  // The run the person opened is part of the address, so Back closes it and a link opens it.
  const pickedId = useAppStore((state) =>
    state.route.screen === 'task' && state.route.taskId === taskId
      ? (state.route.executionId ?? null)
      : null,
  );
  const { loadHistory, loadTrace, forgetTaskDetail, navigate } = useActions();
  const [tab, setTab] = useState<Tab>('history');

  useEffect(() => {
    void loadHistory(taskId);
    void loadTrace(taskId);
    return () => {
      forgetTaskDetail(taskId);
    };
  }, [taskId, loadHistory, loadTrace, forgetTaskDetail]);

  const shownId = pickedId ?? liveId;
  const items = history?.items;
  const peaks = useMemo<ResourcePoint[]>(
    () =>
      (items ?? [])
        .filter((execution) => execution.startedAt !== null && execution.status !== 'running')
        .map((execution) => ({
          t: Date.parse(execution.startedAt ?? ''),
          cpu: execution.resources.cpuPeakPercent,
          memory: execution.resources.rssPeakBytes,
        })),
    [items],
  );

  if (task === undefined) {
    return (
      <section className="screen">
        <div className="empty-state" role="status">
          {loaded ? (
            <>
              <h2>This task no longer exists</h2>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  navigate({ screen: 'tasks' });
                }}
              >
                Back to all tasks
              </button>
            </>
          ) : (
            'Loading the task…'
          )}
        </div>
      </section>
    );
  }

  const open = (id: string) => {
    navigate({ screen: 'task', taskId, executionId: id });
  };
  return (
    <section className="screen detail-screen" aria-label={task.name}>
      <DetailHeader task={task} onRunStarted={open} />
      <StatTiles task={task} />
      {shownId !== null && (
        <ExecutionPanel
          key={shownId}
          executionId={shownId}
          typicalMs={task.stats.p50DurationMs}
          onClose={
            pickedId === null
              ? undefined
              : () => {
                  navigate({ screen: 'task', taskId });
                }
          }
        />
      )}
      <div className="chart-grid">
        <section className="card" aria-labelledby="durations-title">
          <h2 id="durations-title" className="card-title">
            Duration of runs
          </h2>
          {items === undefined || items.length === 0 ? (
            <div className="chart-empty">
              Each run becomes a dot here, coloured by how it ended.
            </div>
          ) : (
            <DurationChart executions={items} />
          )}
        </section>
        <section className="card" aria-labelledby="peaks-title">
          <h2 id="peaks-title" className="card-title">
            Peak CPU and memory per run
          </h2>
          {peaks.length === 0 ? (
            <div className="chart-empty">
              Each finished run shows its highest CPU and memory use here.
            </div>
          ) : (
            <ResourceChart
              points={peaks}
              cpuLabel="Peak CPU"
              memoryLabel="Peak memory"
              dots
              label={peaksLabel(peaks)}
            />
          )}
        </section>
      </div>
      <section className="card tabs-card">
        <div className="tabs" role="tablist" aria-label="History and trace">
          {(['history', 'trace'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              className={clsx('tab', tab === name && 'current')}
              onClick={() => {
                setTab(name);
              }}
              onKeyDown={(event) => {
                if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                  const next = name === 'history' ? 'trace' : 'history';
                  setTab(next);
                  document.getElementById(`tab-${next}`)?.focus();
                }
              }}
            >
              {name === 'history' ? 'History' : 'Trace: why it ran or not'}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id={`panel-${tab}`}
          aria-labelledby={`tab-${tab}`}
          className="tab-panel"
        >
          {tab === 'history' ? (
            <HistoryTable taskId={taskId} history={history} openId={shownId} onOpen={open} />
          ) : (
            <TraceList trace={trace} onOpen={open} />
          )}
        </div>
      </section>
    </section>
  );
}
