import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface UPlotChartProps {
  /** Everything but the size, which follows the container's width and `height`. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  /** What the chart shows, for people who cannot see it. */
  label: string;
}

/** The User Timing entry each chart draw records (see the browser's performance tools). */
export const CHART_DRAW_MEASURE = 'taskdeck:chart-draw';

/**
 * uPlot (canvas, fast at tens of thousands of points) as a React component: the plot is built
 * when the options change, fed new data without rebuilding, and resized with its container.
 * Each build or data change records how long it took to draw, as a performance measure.
 */
export function UPlotChart({ options, data, height, label }: UPlotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  const latestLabel = useRef(label);
  const drawStarted = useRef<number | null>(null);

  useLayoutEffect(() => {
    latestLabel.current = label;
  }, [label]);

  useLayoutEffect(() => {
    latest.current = data;
    if (plot.current === null) return;
    drawStarted.current = performance.now();
    plot.current.setData(data);
  }, [data]);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const measureDraw = () => {
      const start = drawStarted.current;
      if (start === null) return;
      drawStarted.current = null;
      performance.measure(CHART_DRAW_MEASURE, {
        start,
        detail: { label: latestLabel.current, points: latest.current[0].length },
      });
    };
    drawStarted.current = performance.now();
    const chart = new uPlot(
      {
        ...options,
        width: Math.max(element.clientWidth, 100),
        height,
        hooks: { ...options.hooks, draw: [...(options.hooks?.draw ?? []), measureDraw] },
      },
      latest.current,
      element,
    );
    plot.current = chart;
    const observer = new ResizeObserver(() => {
      const width = element.clientWidth;
      if (width > 0 && width !== chart.width) chart.setSize({ width, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [options, height]);

  return <div ref={container} className="chart" role="img" aria-label={label} />;
}
