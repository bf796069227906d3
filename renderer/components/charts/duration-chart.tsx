import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { Execution, ExecutionStatus } from '../../../shared/schemas/execution.js';
import { formatDuration } from '../../format/duration.js';
import { chartTheme, timeRange } from './chart-theme.js';
import { UPlotChart } from './uplot-chart.js';
import { useColorScheme } from './use-color-scheme.js';

/** The status groups the chart colours; every ended status falls in one. */
const GROUPS: { label: string; color: string; statuses: ExecutionStatus[] }[] = [
  { label: 'Succeeded', color: 'ok', statuses: ['succeeded'] },
  { label: 'Failed', color: 'danger', statuses: ['failed', 'timed-out'] },
  { label: 'Cancelled', color: 'neutral', statuses: ['cancelled', 'interrupted'] },
];

/** Chart data from executions: x in seconds, one y series per status group (null elsewhere). */
function durationData(executions: readonly Execution[]): uPlot.AlignedData {
  const timed = executions
    .filter((execution) => execution.startedAt !== null && execution.durationMs !== null)
    .map((execution) => ({
      x: Date.parse(execution.startedAt ?? '') / 1_000,
      y: execution.durationMs ?? 0,
      group: GROUPS.findIndex((group) => group.statuses.includes(execution.status)),
    }))
    .filter((point) => point.group !== -1)
    .sort((a, b) => a.x - b.x);
  const xs = new Float64Array(timed.length);
  const ys = GROUPS.map(() => new Array<number | null>(timed.length).fill(null));
  timed.forEach((point, index) => {
    xs[index] = point.x;
    const series = ys[point.group];
    if (series !== undefined) series[index] = point.y;
  });
  return [xs, ...ys];
}

/** Run durations over time, one dot per run, coloured by how it ended. */
export function DurationChart({
  executions,
  height = 180,
}: {
  executions: readonly Execution[];
  height?: number;
}) {
  const scheme = useColorScheme();
  const data = useMemo(() => durationData(executions), [executions]);
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
        ...GROUPS.map((group) => ({
          label: group.label,
          stroke: theme.color(group.color),
          fill: theme.color(group.color),
          paths: () => null,
          points: {
            show: true,
            size: 6,
            fill: theme.color(group.color),
            stroke: theme.color(group.color),
          },
          value: (_u: uPlot, value: number | null) =>
            value === null ? '—' : formatDuration(value),
        })),
      ],
    };
  }, [scheme]);
  const count = data[0].length;
  return (
    <UPlotChart
      options={options}
      data={data}
      height={height}
      label={`Durations of ${count} ${count === 1 ? 'run' : 'runs'} over time, coloured by status`}
    />
  );
}
