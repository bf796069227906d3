import { formatBytes, formatPercent } from '../../format/duration.js';
import { useAppStore } from '../../hooks/use-app-store.js';
import { SystemChart } from '../charts/system-chart.js';

/** The machine's CPU and memory, live: the latest reading and the recent ones as a chart. */
export function SystemLoadCard() {
  const samples = useAppStore((state) => state.system);
  const last = samples.at(-1);
  return (
    <section className="card dash-card" aria-labelledby="system-title">
      <header className="card-head">
        <h2 id="system-title" className="card-title">
          System load
        </h2>
        <span className="muted card-note">Live, this computer</span>
      </header>
      <dl className="load-figures">
        <div>
          <dt>
            <span className="legend-dot cpu" aria-hidden="true" /> CPU
          </dt>
          <dd className="tabular">{last === undefined ? '—' : formatPercent(last.cpuPercent)}</dd>
        </div>
        <div>
          <dt>
            <span className="legend-dot memory" aria-hidden="true" /> Memory
          </dt>
          <dd className="tabular">
            {last === undefined
              ? '—'
              : `${formatBytes(last.memUsedBytes)} of ${formatBytes(last.memTotalBytes)}`}
          </dd>
        </div>
        <div>
          <dt>Power</dt>
          <dd>
            {last?.onBattery == null ? 'Not known' : last.onBattery ? 'On battery' : 'Plugged in'}
          </dd>
        </div>
      </dl>
      {samples.length < 2 ? (
        <div className="chart-empty">
          Readings arrive every few seconds while the window is open.
        </div>
      ) : (
        <SystemChart samples={samples} height={230} />
      )}
    </section>
  );
}
