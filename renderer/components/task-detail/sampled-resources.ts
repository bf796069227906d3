import type { ResourceSample, Resources } from '../../../shared/schemas/execution.js';

/**
 * A running execution's figures from the readings it has had so far: the host works them out
 * the same way (mean and peaks of the samples) but only when the run ends, and until then the
 * run page would show dashes beside a chart of its readings. CPU time stays the host's.
 */
export function sampledResources(
  resources: Resources,
  samples: readonly ResourceSample[],
): Resources {
  if (samples.length === 0) return resources;
  let cpuSum = 0;
  let cpuPeak = 0;
  let rssPeak = 0;
  for (const sample of samples) {
    cpuSum += sample.cpuPercent;
    cpuPeak = Math.max(cpuPeak, sample.cpuPercent);
    rssPeak = Math.max(rssPeak, sample.rssBytes);
  }
  return {
    ...resources,
    cpuAvgPercent: cpuSum / samples.length,
    cpuPeakPercent: cpuPeak,
    rssPeakBytes: rssPeak,
  };
}
