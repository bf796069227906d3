/** What one `npm run bench` does; each can be overridden from the environment for a quick run. */
export interface BenchSettings {
  /** Fresh-process runs of every configuration; medians are reported (`BENCH_RUNS`). */
  runs: number;
  /** Measured window of the interval and every-second cases, s (`BENCH_SECONDS`). */
  seconds: number;
  /**
   * Measured window of the idle case, s (`BENCH_IDLE_SECONDS`). Longer than the others so it
   * holds one of croner's 30 s re-checks; the figure is reported per 10 s like the rest.
   */
  idleSeconds: number;
  /** Executions in the dispatch batch (`BENCH_DISPATCH`). */
  dispatchExecutions: number;
  /** Wall time the dispatch case may take before it reports what it managed, s (`BENCH_DISPATCH_BUDGET`). */
  dispatchBudgetSeconds: number;
}

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${text}"`);
  }
  return value;
}

/** The settings in force: the defaults, or what the environment says. */
export function readSettings(): BenchSettings {
  return {
    runs: positiveInteger('BENCH_RUNS', 5),
    seconds: positiveInteger('BENCH_SECONDS', 10),
    idleSeconds: positiveInteger('BENCH_IDLE_SECONDS', 30),
    dispatchExecutions: positiveInteger('BENCH_DISPATCH', 200_000),
    dispatchBudgetSeconds: positiveInteger('BENCH_DISPATCH_BUDGET', 30),
  };
}
