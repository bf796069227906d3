import type uPlot from 'uplot';

/** Colours and axes for canvas charts, from the page's CSS tokens. */
export interface ChartTheme {
  /** A colour token's current value, e.g. color('ok'). */
  color(name: string): string;
  /** An axis in the theme's colours; `format` turns tick values into words. */
  axis(extra?: Partial<uPlot.Axis>, format?: (value: number) => string): uPlot.Axis;
}

/**
 * The chart theme as the page shows it now. Canvases cannot use CSS variables, so values are
 * read here; callers memoise on the colour scheme (`_scheme`) and rebuild when it switches.
 */
export function chartTheme(_scheme: 'dark' | 'light'): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const color = (name: string) => style.getPropertyValue(`--${name}`).trim();
  const grid = color('border');
  return {
    color,
    axis(extra = {}, format) {
      return {
        stroke: color('text-muted'),
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1, size: 4 },
        font: `11px ${color('font-sans')}`,
        ...(format === undefined
          ? {}
          : { values: (_self: uPlot, ticks: number[]) => ticks.map((tick) => format(tick)) }),
        ...extra,
      };
    },
  };
}

/**
 * A time axis range that stays readable with a single reading: uPlot widens a lone instant to
 * about three years (its one-day default, in seconds-based time). A lone point gets a minute
 * either side.
 */
export function timeRange(u: uPlot, min: number, max: number): uPlot.Range.MinMax {
  return u.data[0].length <= 1 || min === max ? [min - 60, min + 60] : [min, max];
}
