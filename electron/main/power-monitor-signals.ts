import type { SystemSignal } from '../core/ports/system-signals.js';

/** powerMonitor's events and the SystemSignals they become. */
export const POWER_EVENTS = {
  suspend: 'system.suspend',
  resume: 'system.resume',
  'lock-screen': 'system.lock',
  'unlock-screen': 'system.unlock',
  'on-ac': 'power.ac',
  'on-battery': 'power.battery',
} as const satisfies Record<string, SystemSignal['type']>;

/** One of powerMonitor's events that Taskdeck listens to. */
export type PowerEvent = keyof typeof POWER_EVENTS;

/** The part of Electron's `powerMonitor` used here. */
export interface PowerSource {
  on(event: PowerEvent, listener: () => void): unknown;
  removeListener(event: PowerEvent, listener: () => void): unknown;
  /** Seconds since the last user input. */
  getSystemIdleTime(): number;
  isOnBatteryPower(): boolean;
}

/** What the signals go to (`NodeSystemSignals`). */
export interface SignalSink {
  signal(signal: { type: (typeof POWER_EVENTS)[PowerEvent] }): void;
  setIdleMs(ms: number): void;
  setOnAcPower(onAcPower: boolean): void;
}

/** How often idle time is read: conditions wait minutes, so a few seconds is plenty. */
export const IDLE_POLL_MS = 5_000;

/**
 * Feeds powerMonitor into SystemSignals, so event triggers (resume, lock, power) and
 * conditions (AC power, user idle) work in the app: the power state now, each event as it
 * happens, and idle time every `idlePollMs`. Returns the function that stops it all.
 */
export function bindPowerMonitor(
  monitor: PowerSource,
  sink: SignalSink,
  idlePollMs = IDLE_POLL_MS,
): () => void {
  sink.setOnAcPower(!monitor.isOnBatteryPower());
  const readIdle = () => {
    sink.setIdleMs(monitor.getSystemIdleTime() * 1_000);
  };
  readIdle();
  const timer = setInterval(readIdle, idlePollMs);
  // Idle polling alone must never keep the process alive.
  timer.unref();
  const listeners = (Object.keys(POWER_EVENTS) as PowerEvent[]).map((event) => {
    const listener = () => {
      sink.signal({ type: POWER_EVENTS[event] });
    };
    monitor.on(event, listener);
    return [event, listener] as const;
  });
  return () => {
    clearInterval(timer);
    for (const [event, listener] of listeners) monitor.removeListener(event, listener);
  };
}
