import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { SystemSignal } from '../../electron/core/ports/system-signals.js';
import { NodeSystemSignals } from '../../electron/adapters/system/node-system-signals.js';
import {
  bindPowerMonitor,
  POWER_EVENTS,
  type PowerEvent,
  type PowerSource,
} from '../../electron/main/power-monitor-signals.js';
import { waitFor } from './temp-dir.js';

/** Stand-in powerMonitor: an emitter with idle time and battery state the test sets. */
class StandInPowerMonitor extends EventEmitter implements PowerSource {
  idleSeconds = 0;
  onBattery = false;
  override on(event: PowerEvent, listener: () => void): this {
    return super.on(event, listener);
  }
  override removeListener(event: PowerEvent, listener: () => void): this {
    return super.removeListener(event, listener);
  }
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
  isOnBatteryPower(): boolean {
    return this.onBattery;
  }
}

describe('powerMonitor -> SystemSignals (Electron binary unavailable: stand-in)', () => {
  it('turns every power event into the signal event triggers listen for', () => {
    const monitor = new StandInPowerMonitor();
    monitor.onBattery = true;
    const signals = new NodeSystemSignals();
    const seen: SystemSignal['type'][] = [];
    signals.subscribe((signal) => seen.push(signal.type));
    const unbind = bindPowerMonitor(monitor, signals);
    // The power state at start is a reading, not an event.
    expect(signals.readings().onAcPower).toBe(false);
    expect(seen).toEqual([]);
    for (const event of [
      'suspend',
      'resume',
      'lock-screen',
      'unlock-screen',
      'on-ac',
      'on-battery',
    ] as const)
      monitor.emit(event);
    expect(seen).toEqual([
      'system.suspend',
      'system.resume',
      'system.lock',
      'system.unlock',
      'power.ac',
      'power.battery',
    ]);
    expect(signals.readings().onAcPower).toBe(false);
    unbind();
    for (const event of Object.keys(POWER_EVENTS))
      expect(monitor.listenerCount(event), event).toBe(0);
    monitor.emit('suspend');
    expect(seen).toHaveLength(6);
  });

  it('reads idle time at once and then at its interval, until unbound', async () => {
    const monitor = new StandInPowerMonitor();
    monitor.idleSeconds = 42;
    const signals = new NodeSystemSignals();
    const unbind = bindPowerMonitor(monitor, signals, 20);
    expect(signals.readings().idleMs).toBe(42_000);
    monitor.idleSeconds = 600;
    await waitFor(() => signals.readings().idleMs === 600_000, 2_000, 'the next idle reading');
    unbind();
    monitor.idleSeconds = 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(signals.readings().idleMs).toBe(600_000);
  });
});
