import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemSampleSchema } from '../../../shared/schemas/system.js';
import type { SystemSample } from '../../../shared/schemas/system.js';
import type { SystemSignal } from '../../../electron/core/ports/system-signals.js';
import { NodeSystemSignals } from '../../../electron/adapters/system/node-system-signals.js';
import { SystemSampler } from '../../../electron/adapters/system/system-sampler.js';
import { quietPeriod, waitFor } from './wait-for.js';

const INTERVAL_MS = 40;

let dir = '';
let signals: NodeSystemSignals | null = null;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'taskdeck-signals-'));
});
afterEach(async () => {
  signals?.stop();
  signals = null;
  await rm(dir, { recursive: true, force: true });
});

function record(target: NodeSystemSignals): { types: string[]; samples: SystemSample[] } {
  const seen = { types: [] as string[], samples: [] as SystemSample[] };
  target.subscribe((signal) => seen.types.push(signal.type));
  target.onSample((sample) => seen.samples.push(sample));
  return seen;
}

const count = (types: readonly string[], type: string) => types.filter((t) => t === type).length;

describe('NodeSystemSignals sampling', () => {
  it('knows nothing before it starts', () => {
    signals = new NodeSystemSignals();
    expect(signals.readings()).toEqual({ onAcPower: null, idleMs: null, cpuPercent: null });
  });

  it('reports readings and a system.sample each interval until stopped', async () => {
    signals = new NodeSystemSignals();
    const seen = record(signals);
    signals.start(INTERVAL_MS);
    // The priming sample measures CPU since boot: it is neither reported nor used.
    expect(signals.readings().cpuPercent).toBeNull();
    expect(seen.samples).toEqual([]);
    await waitFor(() => seen.samples.length >= 3, 5_000, 'three samples');

    expect(count(seen.types, 'readings')).toBe(seen.samples.length);
    for (const sample of seen.samples) expect(systemSampleSchema.parse(sample)).toEqual(sample);
    const readings = signals.readings();
    expect(readings.cpuPercent).toBe(seen.samples.at(-1)?.cpuPercent);
    expect(readings.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(readings.cpuPercent).toBeLessThanOrEqual(100);
    // Plain Node cannot tell how long the user has been idle.
    expect(readings.idleMs).toBeNull();
    // Power comes from the samples (nothing else told it here): on AC exactly when not on battery.
    const onBattery = seen.samples.at(-1)?.onBattery ?? null;
    expect(readings.onAcPower).toBe(onBattery === null ? null : !onBattery);

    signals.stop();
    const stoppedAt = seen.samples.length;
    await quietPeriod(INTERVAL_MS * 5);
    expect(seen.samples.length).toBe(stoppedAt);
    expect(count(seen.types, 'readings')).toBe(stoppedAt);
  });

  it('stops calling a subscriber after it unsubscribes', async () => {
    signals = new NodeSystemSignals();
    const kept = record(signals);
    const leaving: SystemSignal[] = [];
    const unsubscribe = signals.subscribe((signal) => leaving.push(signal));
    signals.start(INTERVAL_MS);
    await waitFor(() => leaving.length >= 2, 5_000, 'two readings');

    unsubscribe();
    const left = leaving.length;
    const ticks = kept.samples.length;
    // The subscriber that stayed is the witness that intervals went on.
    await waitFor(() => kept.samples.length >= ticks + 3, 5_000, 'three more samples');
    expect(leaving.length).toBe(left);
  });

  it('keeps sampling and telling others when one listener throws', async () => {
    const logged: string[] = [];
    signals = new NodeSystemSignals({ log: (message) => logged.push(message) });
    signals.subscribe(() => {
      throw new Error('broken listener');
    });
    const seen = record(signals);
    signals.start(INTERVAL_MS);
    await waitFor(() => seen.samples.length >= 3, 5_000, 'three samples');
    expect(count(seen.types, 'readings')).toBeGreaterThanOrEqual(3);
    expect(logged[0]).toBe('a system signal listener threw');
  });

  it('refuses an interval that is not a positive number', () => {
    signals = new NodeSystemSignals();
    expect(() => signals?.start(0)).toThrow(RangeError);
    expect(() => signals?.start(Number.NaN)).toThrow(RangeError);
  });
});

describe('NodeSystemSignals power', () => {
  async function writeSupplies(online: '0' | '1'): Promise<string> {
    const supplies = path.join(dir, 'power_supply');
    await mkdir(path.join(supplies, 'AC'), { recursive: true });
    await mkdir(path.join(supplies, 'BAT0'), { recursive: true });
    await writeFile(path.join(supplies, 'AC', 'type'), 'Mains\n');
    await writeFile(path.join(supplies, 'AC', 'online'), `${online}\n`);
    await writeFile(path.join(supplies, 'BAT0', 'type'), 'Battery\n');
    return supplies;
  }

  it.runIf(process.platform === 'linux')(
    'reports power.battery and power.ac once each when the power supply flips',
    async () => {
      const supplies = await writeSupplies('1');
      signals = new NodeSystemSignals({ sampler: new SystemSampler({ powerSupplyDir: supplies }) });
      const seen = record(signals);
      signals.start(INTERVAL_MS);
      // The state found at start is not a change.
      expect(signals.readings().onAcPower).toBe(true);
      await waitFor(() => seen.samples.length >= 2, 5_000, 'two samples');
      expect(seen.types).not.toContain('power.ac');
      expect(seen.samples.at(-1)?.onBattery).toBe(false);

      await writeSupplies('0');
      await waitFor(() => seen.types.includes('power.battery'), 5_000, 'power.battery');
      expect(signals.readings().onAcPower).toBe(false);
      const ticks = seen.samples.length;
      await waitFor(() => seen.samples.length >= ticks + 3, 5_000, 'three more samples');
      expect(count(seen.types, 'power.battery')).toBe(1);
      expect(seen.samples.at(-1)?.onBattery).toBe(true);

      await writeSupplies('1');
      await waitFor(() => seen.types.includes('power.ac'), 5_000, 'power.ac');
      expect(signals.readings().onAcPower).toBe(true);
      expect(count(seen.types, 'power.battery')).toBe(1);
    },
  );

  it.runIf(process.platform === 'linux')(
    'does not report a power supply that appears as a change',
    async () => {
      const supplies = path.join(dir, 'power_supply');
      signals = new NodeSystemSignals({ sampler: new SystemSampler({ powerSupplyDir: supplies }) });
      const seen = record(signals);
      signals.start(INTERVAL_MS);
      await waitFor(() => seen.samples.length >= 1, 5_000, 'a sample');
      expect(signals.readings().onAcPower).toBeNull();

      await writeSupplies('0');
      await waitFor(() => signals?.readings().onAcPower === false, 5_000, 'the battery reading');
      const ticks = seen.samples.length;
      await waitFor(() => seen.samples.length >= ticks + 2, 5_000, 'two more samples');
      expect(seen.types.filter((type) => type !== 'readings')).toEqual([]);
    },
  );

  it('keeps the power state a host set when the machine cannot tell', async () => {
    const sampler = new SystemSampler({ powerSupplyDir: path.join(dir, 'absent') });
    signals = new NodeSystemSignals({ sampler });
    const seen = record(signals);
    signals.setOnAcPower(false);
    signals.start(INTERVAL_MS);
    await waitFor(() => seen.samples.length >= 2, 5_000, 'two samples');
    expect(signals.readings().onAcPower).toBe(false);
    expect(seen.samples.at(-1)?.onBattery).toBe(true);
    expect(seen.types.filter((type) => type !== 'readings')).toEqual([]);
  });
});

describe('NodeSystemSignals from the host', () => {
  it('forwards signals to subscribers, in order, as they come', () => {
    signals = new NodeSystemSignals();
    const seen = record(signals);
    const gone: SystemSignal[] = [];
    signals.subscribe((signal) => gone.push(signal))();
    signals.signal({ type: 'system.suspend' });
    signals.signal({ type: 'system.resume' });
    signals.signal({ type: 'system.lock' });
    signals.signal({ type: 'system.unlock' });
    expect(seen.types).toEqual(['system.suspend', 'system.resume', 'system.lock', 'system.unlock']);
    expect(gone).toEqual([]);
  });

  it('sets the power reading from power signals and drops repeats of the same state', () => {
    signals = new NodeSystemSignals();
    const seen = record(signals);
    signals.signal({ type: 'power.battery' });
    expect(signals.readings().onAcPower).toBe(false);
    signals.signal({ type: 'power.battery' });
    signals.signal({ type: 'power.ac' });
    expect(signals.readings().onAcPower).toBe(true);
    expect(seen.types).toEqual(['power.battery', 'power.ac']);
  });

  it('carries the idle time the host measured', async () => {
    signals = new NodeSystemSignals();
    const idleSeen: (number | null)[] = [];
    const current = signals;
    signals.subscribe((signal) => {
      if (signal.type === 'readings') idleSeen.push(current.readings().idleMs);
    });
    signals.setIdleMs(90_000);
    expect(signals.readings().idleMs).toBe(90_000);
    signals.start(INTERVAL_MS);
    await waitFor(() => idleSeen.length >= 1, 5_000, 'a readings signal');
    expect(idleSeen[0]).toBe(90_000);
  });
});
