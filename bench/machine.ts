import { cpus, totalmem } from 'node:os';

/** Where and when the figures were measured, for the report's header. */
export function describeMachine(now: Date): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memoryGb = (totalmem() / 1_073_741_824).toFixed(0);
  return `${model}, ${cores.length} cores, ${memoryGb} GB; Node ${process.version} (${process.platform} ${process.arch}); ${now.toISOString()}`;
}
