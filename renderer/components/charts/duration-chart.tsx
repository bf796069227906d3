import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { Execution } from '../../../shared/schemas/execution.js';
import { formatDuration } from '../../format/duration.js';
import { plural } from '../../store/slice.js';
import { chartTheme, timeRange } from './chart-theme.js';
import { durationCountWords, durationData } from './duration-data.js';
import { UPlotChart } from './uplot-chart.js';
import { useColorScheme } from './use-color-scheme.js';

/** Run durations over time, one dot per run, each status in its own colour with a legend. */
export function DurationChart({
  executions,
  height = 180,
}: {
  executions: readonly Execution[];
  height?: number;
}) {
  const scheme = useColorScheme();
  const { xs, series, counts } = useMemo(() => durationData(executions), [executions]);
  const data = useMemo<uPlot.AlignedData>(
    () => [xs, ...series.map((entry) => entry.values)],
    [xs, series],
  );
  // The plot is rebuilt only when a status appears or goes, not for every new run.
  const shownKey = series.map((entry) => entry.status.status).join(',');
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const theme = chartTheme(scheme);
    return {
      legend: { show: true, live: false },
      cursor: { points: { size: 7 } },
      scales: {
        x: { time: true, range: timeRange },
        y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, 1)] },
      },
      axes: [theme.axis(), theme.axis({ size: 64 }, (value) => formatDuration(value))],
      series: [
        {},
        ...series.map(({ status }) => ({
          label: status.label,
          stroke: theme.color(status.color),
          fill: theme.color(status.color),
          paths: () => null,
          points: {
            show: true,
            size: 6,
            fill: theme.color(status.color),
            stroke: theme.color(status.color),
          },
          value: (_u: uPlot, value: number | null) =>
            value === null ? '—' : formatDuration(value),
        })),
      ],
    };
    // shownKey stands for the statuses in `series`; their values do not change the options.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scheme, shownKey]);
  return (
    <UPlotChart
      options={options}
      data={data}
      height={height}
      label={`Durations of ${plural(xs.length, 'run')} over time, coloured by status: ${durationCountWords(counts)}`}
    />
  );
}
