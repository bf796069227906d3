import { useMemo } from 'react';
import uPlot from 'uplot';
import type { StatsSummary } from '../../../shared/schemas/stats.js';
import { chartTheme } from './chart-theme.js';
import { UPlotChart } from './uplot-chart.js';
import { useColorScheme } from './use-color-scheme.js';

const DAY_S = 24 * 60 * 60;
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });

/**
 * Succeeded and failed runs per day (UTC days, as the service counts them) for the `days` days
 * ending today, days without runs included as zero.
 */
export function dailyOutcomes(
  daily: StatsSummary['daily'],
  today: number,
  days: number,
): uPlot.AlignedData {
  const byDay = new Map(daily.map((entry) => [entry.day, entry]));
  const lastDay = Math.floor(today / 1_000 / DAY_S) * DAY_S;
  const xs: number[] = [];
  const succeeded: number[] = [];
  const failed: number[] = [];
  for (let index = days - 1; index >= 0; index--) {
    const day = lastDay - index * DAY_S;
    const entry = byDay.get(new Date(day * 1_000).toISOString().slice(0, 10));
    xs.push(day);
    succeeded.push(entry?.succeeded ?? 0);
    failed.push(entry?.failed ?? 0);
  }
  return [xs, succeeded, failed];
}

/** Succeeded and failed runs of each of the last days, as paired bars. */
export function DailyOutcomesChart({
  data,
  height = 190,
}: {
  data: uPlot.AlignedData;
  height?: number;
}) {
  const scheme = useColorScheme();
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const theme = chartTheme(scheme);
    const bars = (color: string, align: -1 | 1) => ({
      stroke: color,
      fill: color,
      width: 0,
      paths: uPlot.paths.bars?.({ size: [0.34, 28], align, radius: 0.15 }),
      points: { show: false },
      value: (_u: uPlot, value: number | null) => (value === null ? '—' : String(value)),
    });
    return {
      legend: { show: true, live: false },
      cursor: { points: { show: false } },
      scales: {
        x: { time: false, range: (_u, min, max) => [min - DAY_S * 0.6, max + DAY_S * 0.6] },
        y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
      },
      axes: [
        theme.axis(
          { grid: { show: false }, splits: (u) => [...(u.data[0] as number[])] },
          (value) => weekday.format(value * 1_000),
        ),
        theme.axis({ size: 40 }, (value) => (Number.isInteger(value) ? String(value) : '')),
      ],
      series: [
        {},
        { label: 'Succeeded', ...bars(theme.color('ok'), -1) },
        { label: 'Failed', ...bars(theme.color('danger'), 1) },
      ],
    };
  }, [scheme]);
  const total = (index: number) =>
    (data[index] as (number | null)[]).reduce<number>((sum, value) => sum + (value ?? 0), 0);
  return (
    <UPlotChart
      options={options}
      data={data}
      height={height}
      label={`Runs per day over the last ${data[0].length} days: ${total(1)} succeeded, ${total(2)} failed`}
    />
  );
}
