import type { ScheduleResult } from './case-result.js';
import { FireLog } from './fire-log.js';
import { watchOthersCpu } from './machine-load.js';
import type { Subject } from './subject.js';
import { wallNow } from './wall-clock.js';

/** One scheduling configuration: how many jobs, how long to watch, and the library. */
export interface ScheduleCase {
  jobs: number;
  /** Length of the measured window, s. */
  seconds: number;
  /** How many fires each job is due in any window of that length. */
  firesPerJob: number;
  /** Starts the library under test; its jobs report their fires to `log`. */
  open(log: FireLog): Promise<Subject>;
}

/** After registration, the time given to settle before the window opens (first fires, JIT). */
const WARM_UP_MS = 1_000;
/** After the window, how long late fires of its slots still count as delivered. */
const GRACE_MS = 2_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function collectGarbage(): void {
  if (globalThis.gc === undefined) throw new Error('Run the cases with node --expose-gc');
  globalThis.gc();
}

/**
 * Registers `jobs` jobs in one synchronous loop (timed), collects the garbage registration left
 * so that no library pays for it in the window, warms up for a second, then measures CPU over
 * the window while every fire due in it is logged; RSS is sampled each second throughout.
 */
export async function measureSchedule(spec: ScheduleCase): Promise<ScheduleResult> {
  const expected = spec.jobs * spec.firesPerJob;
  const log = new FireLog(Math.max(1_024, expected * 2));
  const subject = await spec.open(log);

  const registrationStart = performance.now();
  for (let job = 0; job < spec.jobs; job++) subject.add(job);
  const registrationMs = performance.now() - registrationStart;

  collectGarbage();
  let rssPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 1_000);

  const windowStart = wallNow() + WARM_UP_MS;
  const windowEnd = windowStart + spec.seconds * 1_000;
  log.open(windowStart, windowEnd);
  await sleep(windowStart - wallNow());
  const cpuStart = process.cpuUsage();
  const othersCpu = watchOthersCpu();
  const measuredFrom = wallNow();
  await sleep(windowEnd - wallNow());
  const cpu = process.cpuUsage(cpuStart);
  const othersCpuMs = othersCpu();
  const windowMs = wallNow() - measuredFrom;
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  clearInterval(sampler);
  await sleep(GRACE_MS);

  return {
    kind: 'schedule',
    jobs: spec.jobs,
    registrationMs,
    windowMs,
    cpuPer10sMs: ((cpu.user + cpu.system) / 1_000) * (10_000 / windowMs),
    rssPeakBytes: rssPeak,
    expected,
    delivered: log.delivered,
    reportedMissed: subject.reportsMissed ? log.reportedMissed : null,
    lateness: log.summary(),
    othersCpuMs,
  };
}
