import type { Conditions } from '../../shared/schemas/task.js';
import type { SystemReadings } from './ports/system-signals.js';

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * The first condition that holds a request back, in words, or null when all are met. An
 * unknown reading (null) never holds: a desktop without a battery is always on AC power.
 */
export function unmetCondition(conditions: Conditions, readings: SystemReadings): string | null {
  if (conditions.acPower && readings.onAcPower === false) return 'waiting for AC power';
  if (
    conditions.idleForMs > 0 &&
    readings.idleMs !== null &&
    readings.idleMs < conditions.idleForMs
  ) {
    return `waiting until the computer has been idle for ${minutes(conditions.idleForMs)}`;
  }
  const cpuLimit = conditions.maxSystemCpuPercent;
  if (cpuLimit !== null && readings.cpuPercent !== null && readings.cpuPercent > cpuLimit) {
    return `waiting for system CPU below ${cpuLimit}% (now ${Math.round(readings.cpuPercent)}%)`;
  }
  return null;
}

/** True when the task has any condition at all (most do not; they skip the check). */
export function hasConditions(conditions: Conditions): boolean {
  return conditions.acPower || conditions.idleForMs > 0 || conditions.maxSystemCpuPercent !== null;
}
