import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { SystemSample } from '../../../shared/schemas/system.js';
import { formatBytes, formatDuration, formatPercent } from '../../format/duration.js';
import { chartTheme } from './chart-theme.js';
import { UPlotChart } from './uplot-chart.js';
import { useColorScheme } from './use-color-scheme.js';

/** The chart shows at least this much time (seconds), so the first readings do not fill it. */
const MIN_SPAN_S = 120;
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const clockSeconds = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});

/** The machine's CPU and memory use over time, both in percent of the whole, drawn live. */
export function SystemChart({
  samples,
  height = 220,
}: {
  samples: readonly SystemSample[];
  height?: number;
}) {
  const scheme = useColorScheme();
  const data = useMemo<uPlot.AlignedData>(
    () => [
      samples.map((sample) => sample.t / 1_000),
      samples.map((sample) => sample.cpuPercent),
      samples.map((sample) =>
        sample.memTotalBytes > 0 ? (sample.memUsedBytes / sample.memTotalBytes) * 100 : null,
      ),
    ],
    [samples],
  );
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const theme = chartTheme(scheme);
    const cpu = theme.color('info');
    const memory = theme.color('violet');
    const line = (color: string) => ({
      stroke: color,
      width: 1.5,
      // Canvas colours are plain strings: the token's hex with a low alpha for the area below.
      fill: /^#[0-9a-f]{6}$/i.test(color) ? `${color}1f` : undefined,
      points: { show: false },
    });
    return {
      // The card names the series with its own figures; a second legend would repeat them.
      legend: { show: false },
      cursor: { points: { size: 6 } },
      scales: {
        x: { time: true, range: (_u, min, max) => [Math.min(min, max - MIN_SPAN_S), max] },
        y: { range: [0, 100] },
      },
      axes: [
        theme.axis({
          values: (u, ticks) => {
            const x = u.scales.x;
            const span = (x?.max ?? 0) - (x?.min ?? 0);
            const format = span < 10 * 60 ? clockSeconds : clock;
            return ticks.map((tick) => format.format(tick * 1_000));
          },
        }),
        theme.axis({ size: 44 }, (value) => `${Math.round(value)}%`),
      ],
      series: [
        {},
        {
          label: 'CPU',
          ...line(cpu),
          value: (_u: uPlot, value: number | null) => (value === null ? '—' : formatPercent(value)),
        },
        {
          label: 'Memory',
          ...line(memory),
          value: (_u: uPlot, value: number | null) => (value === null ? '—' : formatPercent(value)),
        },
      ],
    };
  }, [scheme]);
  const last = samples.at(-1);
  const label =
    last === undefined
      ? 'System CPU and memory: no readings yet'
      : `System CPU and memory over the last ${samples.length} readings (${formatDuration(last.t - (samples[0]?.t ?? last.t))}): CPU now ${formatPercent(last.cpuPercent)}, memory ${formatBytes(last.memUsedBytes)} of ${formatBytes(last.memTotalBytes)}`;
  return <UPlotChart options={options} data={data} height={height} label={label} />;
}
