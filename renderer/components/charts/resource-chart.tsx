import { useMemo } from 'react';
import type uPlot from 'uplot';
import { formatBytes, formatPercent } from '../../format/duration.js';
import { chartTheme, timeRange } from './chart-theme.js';
import { UPlotChart } from './uplot-chart.js';

const MB = 1024 * 1024;
import { useColorScheme } from './use-color-scheme.js';

/** One reading: when (ms since the epoch), CPU percent of one core, memory in bytes. */
export interface ResourcePoint {
  t: number;
  cpu: number | null;
  memory: number | null;
}

interface ResourceChartProps {
  points: readonly ResourcePoint[];
  /** Names the series ("CPU" for samples, "Peak CPU" for per-run peaks). */
  cpuLabel: string;
  memoryLabel: string;
  /** Draw dots (runs) rather than a line (samples). */
  dots?: boolean;
  height?: number;
  label: string;
}

/** CPU (left axis, % of one core) and memory (right axis) over time, on one chart. */
export function ResourceChart({
  points,
  cpuLabel,
  memoryLabel,
  dots = false,
  height = 180,
  label,
}: ResourceChartProps) {
  const scheme = useColorScheme();
  const lone = points.length === 1;
  const data = useMemo<uPlot.AlignedData>(() => {
    const sorted = [...points].sort((a, b) => a.t - b.t);
    // Memory in MB: the axis then gets round steps (4 MB, 8 MB) rather than binary fractions.
    return [
      sorted.map((point) => point.t / 1_000),
      sorted.map((point) => point.cpu),
      sorted.map((point) => (point.memory === null ? null : point.memory / MB)),
    ];
  }, [points]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const theme = chartTheme(scheme);
    const cpu = theme.color('info');
    const memory = theme.color('violet');
    const shape = (color: string) => {
      const dot = { show: true, size: 6, fill: color, stroke: color };
      // A line needs two readings: a lone one (a run's first second) is drawn as a dot.
      return dots
        ? { paths: () => null, points: dot }
        : { width: 1.5, points: lone ? dot : { show: false } };
    };
    return {
      legend: { show: true, live: false },
      scales: {
        x: { time: true, range: timeRange },
        cpu: { range: (_u, _min, max) => [0, Math.max(100, max * 1.1)] },
        memory: { range: (_u, _min, max) => [0, Math.max(max * 1.15, 1)] },
      },
      axes: [
        theme.axis(),
        theme.axis({ scale: 'cpu', size: 48 }, (value) => `${Math.round(value)}%`),
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- uPlot's Side is an ambient const enum (not importable under isolatedModules); 1 is Side.Right.
        theme.axis({ scale: 'memory', side: 1, size: 64, grid: { show: false } }, (value) =>
          formatBytes(value * MB),
        ),
      ],
      series: [
        {},
        {
          label: cpuLabel,
          scale: 'cpu',
          stroke: cpu,
          ...shape(cpu),
          value: (_u: uPlot, value: number | null) => (value === null ? '—' : formatPercent(value)),
        },
        {
          label: memoryLabel,
          scale: 'memory',
          stroke: memory,
          ...shape(memory),
          value: (_u: uPlot, value: number | null) =>
            value === null ? '—' : formatBytes(value * MB),
        },
      ],
    };
  }, [scheme, dots, lone, cpuLabel, memoryLabel]);
  return <UPlotChart options={options} data={data} height={height} label={label} />;
}
