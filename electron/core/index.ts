/** The engine as a library: `import { createScheduler } from 'taskdeck/core'`. */
export { createScheduler } from './scheduler.js';
export type { ScheduledTask, Scheduler, SchedulerOptions } from './scheduler.js';
export type { LibraryTask, LibraryTaskInput } from './library-task.js';
export { Engine, MISSED_AFTER_MS } from './engine.js';
export type { EngineEvents, EngineOptions } from './engine.js';
export type { ExecutionRecord } from './execution-record.js';
export type { RunContext, FunctionAction, EngineTask } from './task-definition.js';
export { FakeClock } from './fake-clock.js';
export { timerClock } from './timer-clock.js';
export type { Clock, CancelTimer } from './ports/clock.js';
export type {
  ProcessRunner,
  ProcessSpec,
  ProcessOutcome,
  RunningProcess,
} from './ports/process-runner.js';
export type { ProcessSampler, TreeReading } from './ports/process-sampler.js';
export type { SystemSignals, SystemSignal, SystemReadings } from './ports/system-signals.js';
export type { StateStore, SchedulerState } from './ports/state-store.js';
export { nextFire } from './next-fire.js';
export { nextCronFire } from './cron-schedule.js';
export { TaskdeckError } from '../../shared/errors.js';
