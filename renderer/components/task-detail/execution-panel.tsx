import { Ban, Loader2, X } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { formatBytes, formatDuration, formatPercent } from '../../format/duration.js';
import { FIRE_SOURCE_LABELS } from '../../format/trigger-words.js';
import { formatDateTime } from '../../format/time.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { ResourceChart, type ResourcePoint } from '../charts/resource-chart.js';
import { ExecutionStatusBadge } from '../status-badge.js';
import { EMPTY_LOG } from '../../store/log-buffer.js';
import { plural } from '../../store/slice.js';
import { LiveLog } from './live-log.js';
import { RunProgress } from './run-progress.js';

interface ExecutionPanelProps {
  executionId: string;
  /** The task's median duration, for the progress of a running execution. */
  typicalMs: number | null;
  /** Present when the person opened this run and may close it again. */
  onClose?: (() => void) | undefined;
}

/**
 * One execution: status and facts, progress while it runs, its live output, and its CPU and
 * memory over time (saved samples, then live ones).
 */
export function ExecutionPanel({ executionId, typicalMs, onClose }: ExecutionPanelProps) {
  const { openExecution, closeExecution, cancelExecution } = useActions();
  const opened = useAppStore((state) => state.opened[executionId]);
  const samples = useAppStore((state) => state.samples[executionId]);

  useEffect(() => {
    void openExecution(executionId);
    return () => {
      closeExecution(executionId);
    };
  }, [executionId, openExecution, closeExecution]);

  const points = useMemo<ResourcePoint[]>(
    () =>
      (samples ?? []).map((sample) => ({
        t: sample.t,
        cpu: sample.cpuPercent,
        memory: sample.rssBytes,
      })),
    [samples],
  );

  const execution = opened?.execution ?? null;
  if (execution === null) {
    return (
      <section className="card execution-panel" aria-label="Run">
        <div className="card-empty" role="status">
          {opened?.error ?? (
            <>
              <Loader2 size={15} className="spin" aria-hidden /> Loading the run…
            </>
          )}
        </div>
      </section>
    );
  }

  const live = execution.status === 'running' || execution.status === 'queued';
  const { resources } = execution;
  const startedMs = execution.startedAt === null ? null : Date.parse(execution.startedAt);
  return (
    <section className="card execution-panel" aria-label="Run" data-execution-id={execution.id}>
      <header className="card-head">
        <div className="execution-title">
          <h2>{live ? 'Current run' : 'Run'}</h2>
          <ExecutionStatusBadge status={execution.status} />
          <span className="muted">
            {FIRE_SOURCE_LABELS[execution.trigger.type]}
            {execution.attempt > 1 && ` · attempt ${execution.attempt}`}
            {startedMs !== null && ` · started ${formatDateTime(startedMs)}`}
          </span>
        </div>
        <div className="card-actions">
          {live && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => void cancelExecution(execution.id)}
            >
              <Ban size={14} aria-hidden /> Cancel run
            </button>
          )}
          {onClose !== undefined && (
            <button
              type="button"
              className="btn btn-quiet btn-icon btn-sm"
              aria-label="Close this run"
              onClick={onClose}
            >
              <X size={15} aria-hidden />
            </button>
          )}
        </div>
      </header>

      {execution.status === 'running' && execution.startedAt !== null && (
        <RunProgress startedAt={execution.startedAt} typicalMs={typicalMs} />
      )}

      <dl className="run-facts" role="group" aria-label="About this run">
        <div>
          <dt>Duration</dt>
          <dd className="tabular">
            {execution.durationMs === null ? '—' : formatDuration(execution.durationMs)}
          </dd>
        </div>
        <div>
          <dt>Exit code</dt>
          <dd className="tabular">
            {execution.exitCode ?? (execution.signal === null ? '—' : execution.signal)}
          </dd>
        </div>
        <div>
          <dt>CPU avg / peak</dt>
          <dd className="tabular">
            {resources.cpuAvgPercent === null ? '—' : formatPercent(resources.cpuAvgPercent)} /{' '}
            {resources.cpuPeakPercent === null ? '—' : formatPercent(resources.cpuPeakPercent)}
          </dd>
        </div>
        <div>
          <dt>Memory peak</dt>
          <dd className="tabular">
            {resources.rssPeakBytes === null ? '—' : formatBytes(resources.rssPeakBytes)}
          </dd>
        </div>
        <div>
          <dt>Output</dt>
          <dd className="tabular">{formatBytes(execution.outputBytes)}</dd>
        </div>
      </dl>
      {execution.error !== null && (
        <p className="run-error" role="note">
          {execution.error}
        </p>
      )}

      <div className="execution-body">
        <div className="execution-log">
          <h3 className="sub-title">
            Output
            <span className="stream-legend">
              <span className="stream-key stdout">stdout</span>
              <span className="stream-key stderr">stderr</span>
            </span>
          </h3>
          <LiveLog
            log={opened?.log ?? EMPTY_LOG}
            emptyText={
              opened?.loading === true
                ? 'Loading output…'
                : live
                  ? 'No output yet.'
                  : 'This run printed nothing.'
            }
          />
        </div>
        <div className="execution-resources">
          <h3 className="sub-title">CPU and memory</h3>
          {points.length === 0 ? (
            <div className="chart-empty">
              {live
                ? 'Sampled while it runs; the first reading comes within a second or so.'
                : 'No samples were taken (the run was too short).'}
            </div>
          ) : (
            <ResourceChart
              points={points}
              cpuLabel="CPU"
              memoryLabel="Memory"
              height={200}
              label={`CPU and memory of this run: ${plural(points.length, 'sample')}, CPU up to ${formatPercent(
                Math.max(...points.map((point) => point.cpu ?? 0)),
              )}, memory up to ${formatBytes(Math.max(...points.map((point) => point.memory ?? 0)))}`}
            />
          )}
        </div>
      </div>
    </section>
  );
}
