import type { FakeClock } from '../../../electron/core/fake-clock.js';
import type {
  ProcessOutcome,
  ProcessRunner,
  ProcessSpec,
  RunningProcess,
} from '../../../electron/core/ports/process-runner.js';
import type { SchedulerState, StateStore } from '../../../electron/core/ports/state-store.js';
import type {
  SystemReadings,
  SystemSignal,
  SystemSignals,
} from '../../../electron/core/ports/system-signals.js';

/**
 * A scripted stand-in for the ProcessRunner port on the fake clock: a "process" runs for the
 * seconds its command names (`sleep 5`, exit code via `exit 3`), and honours kill() after a
 * grace period unless the command says `ignore-term`. The real runner is tested in
 * tests/adapters with real processes; this lets engine rules be tested in virtual time.
 */
export class ScriptedRunner implements ProcessRunner {
  readonly killed: string[] = [];
  private pid = 1000;

  constructor(private readonly clock: FakeClock) {}

  start(spec: ProcessSpec): RunningProcess {
    const command = spec.action.command ?? spec.action.argv?.join(' ') ?? '';
    const seconds = Number(/sleep (\d+)/.exec(command)?.[1] ?? '0');
    const exitCode = Number(/exit (\d+)/.exec(command)?.[1] ?? '0');
    const ignoresTerm = command.includes('ignore-term');
    let settle: (outcome: ProcessOutcome) => void = () => undefined;
    const done = new Promise<ProcessOutcome>((resolve) => (settle = resolve));
    const outcome = (code: number | null, signal: string | null): ProcessOutcome => ({
      exitCode: code,
      signal,
      error: null,
      outputBytes: 0,
      tail: [],
    });
    const cancelExit = this.clock.setTimer(seconds * 1_000, () => {
      settle(outcome(exitCode, null));
    });
    const pid = this.pid++;
    let killing = false;
    return {
      pid,
      pgid: pid,
      startToken: String(pid),
      kill: () => {
        if (killing) return;
        killing = true;
        this.killed.push(spec.executionId);
        if (!ignoresTerm) {
          cancelExit();
          settle(outcome(null, 'SIGTERM'));
          return;
        }
        this.clock.setTimer(spec.killGraceMs, () => {
          cancelExit();
          settle(outcome(null, 'SIGKILL'));
        });
      },
      done,
    };
  }
}

/** An in-memory StateStore port (the file one is tested in tests/adapters). */
export class MemoryState implements StateStore {
  constructor(public state: SchedulerState = { lastFires: {}, heartbeat: null }) {}
  load(): Promise<SchedulerState> {
    return Promise.resolve(structuredClone(this.state));
  }
  save(state: SchedulerState): Promise<void> {
    this.state = structuredClone(state);
    return Promise.resolve();
  }
}

/** A SystemSignals port the test drives by hand (the Node adapter is tested on its own). */
export class ManualSignals implements SystemSignals {
  readingsNow: SystemReadings = { onAcPower: true, idleMs: 0, cpuPercent: 10 };
  private readonly listeners = new Set<(signal: SystemSignal) => void>();
  private readonly watchers = new Map<string, Set<() => void>>();

  subscribe(listener: (signal: SystemSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  readings(): SystemReadings {
    return this.readingsNow;
  }
  watchFile(path: string, onChange: () => void): () => void {
    const set = this.watchers.get(path) ?? new Set();
    set.add(onChange);
    this.watchers.set(path, set);
    return () => set.delete(onChange);
  }
  send(signal: SystemSignal): void {
    for (const listener of this.listeners) listener(signal);
  }
  set(readings: Partial<SystemReadings>): void {
    this.readingsNow = { ...this.readingsNow, ...readings };
    this.send({ type: 'readings' });
  }
  touch(path: string): void {
    for (const fn of this.watchers.get(path) ?? []) fn();
  }
  watching(path: string): number {
    return this.watchers.get(path)?.size ?? 0;
  }
}
