import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemSampleSchema } from '../../../shared/schemas/system.js';
import { SystemSampler } from '../../../electron/adapters/system/system-sampler.js';
import { quietPeriod } from './wait-for.js';

const linux = process.platform === 'linux';

/** The entries of a folder; none when it does not exist. */
function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'taskdeck-sampler-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SystemSampler on this machine', () => {
  it('reads sane CPU and memory figures in the shape of system.sample', async () => {
    const sampler = new SystemSampler();
    sampler.sample();
    await quietPeriod(200);
    const before = Date.now();
    const sample = sampler.sample();

    expect(systemSampleSchema.parse(sample)).toEqual(sample);
    expect(sample.t).toBeGreaterThanOrEqual(before);
    expect(sample.t).toBeLessThanOrEqual(Date.now());
    expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(sample.cpuPercent).toBeLessThanOrEqual(100);
    expect(sample.memUsedBytes).toBeGreaterThan(0);
    expect(sample.memUsedBytes).toBeLessThanOrEqual(sample.memTotalBytes);
    // Both read MemTotal in KiB, so they agree to the KiB.
    expect(Math.abs(sample.memTotalBytes - os.totalmem())).toBeLessThan(1024);
    // Node's freemem is MemAvailable on Linux; memory moves a little between the two reads.
    const expectedUsed = os.totalmem() - os.freemem();
    expect(Math.abs(sample.memUsedBytes - expectedUsed)).toBeLessThan(0.05 * os.totalmem());
    // Without power supplies in the kernel's list (a desktop, a VM, a container) nothing is known.
    const supplies = linux ? readdirSafe('/sys/class/power_supply') : [];
    if (supplies.length === 0) expect(sample.onBattery).toBeNull();
    else expect(sample.onBattery === null || typeof sample.onBattery === 'boolean').toBe(true);
  });

  // Other work on this machine moves the reading anywhere between 0 and 100 %, so an idle
  // baseline proves little. Instead the reading over one window must cover the CPU our own
  // children used in it, and agree with libuv's independent count (os.cpus()).
  it.runIf(linux)('counts the CPU of children busy on every core', async () => {
    const cores = os.cpus().length;
    const burners: ChildProcess[] = [];
    try {
      for (let i = 0; i < cores; i++) {
        burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
      }
      const sampler = new SystemSampler();
      const ticks0 = await childTicks(burners);
      const cpus0 = libuvCpuTimes();
      sampler.sample();
      await quietPeriod(1_000);
      const reading = sampler.sample().cpuPercent;
      const cpus1 = libuvCpuTimes();
      const ticks1 = await childTicks(burners);

      // USER_HZ is 100 on Linux (fixed in its ABI); os.cpus() counts in ms.
      const childMs = (ticks1 - ticks0) * 10;
      const childShare = (childMs / (cpus1.total - cpus0.total)) * 100;
      const libuvShare = ((cpus1.busy - cpus0.busy) / (cpus1.total - cpus0.total)) * 100;
      expect(childShare).toBeGreaterThan(0);
      expect(reading).toBeGreaterThanOrEqual(childShare - 5);
      expect(Math.abs(reading - libuvShare)).toBeLessThan(10);
    } finally {
      for (const child of burners) child.kill('SIGKILL');
    }
  });
});

/** User + system clock ticks used so far by these processes, from /proc/<pid>/stat. */
async function childTicks(children: readonly ChildProcess[]): Promise<number> {
  let ticks = 0;
  for (const child of children) {
    const text = await readFile(`/proc/${child.pid ?? 0}/stat`, 'utf8');
    // Fields after the command name: state is 3rd, utime 14th and stime 15th of the whole line.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

/** Busy and total ms of all cores as libuv counts them. */
function libuvCpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    total += times.user + times.nice + times.sys + times.idle + times.irq;
    busy += times.user + times.nice + times.sys + times.irq;
  }
  return { busy, total };
}

describe.runIf(linux)('SystemSampler on procfs files', () => {
  const stat = (line: string) => `${line}\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;
  const meminfo = (totalKb: number, availableKb: number) =>
    `MemTotal:       ${totalKb} kB\nMemFree:         1000 kB\nMemAvailable:   ${availableKb} kB\n`;

  it('computes CPU from /proc/stat deltas: iowait is idle, guest time counts once', async () => {
    await writeFile(path.join(dir, 'stat'), stat('cpu  100 0 100 800 0 0 0 0 0 0'));
    await writeFile(path.join(dir, 'meminfo'), meminfo(8_000_000, 2_000_000));
    const sampler = new SystemSampler({ procDir: dir, powerSupplyDir: path.join(dir, 'none') });
    expect(sampler.sample().cpuPercent).toBe(20);

    // +150 user, +50 system, +100 idle, +100 iowait, +500 guest (already inside user).
    await writeFile(path.join(dir, 'stat'), stat('cpu  250 0 150 900 100 0 0 0 500 0'));
    const sample = sampler.sample();
    expect(sample.cpuPercent).toBe(50);
    expect(sample.memTotalBytes).toBe(8_000_000 * 1024);
    expect(sample.memUsedBytes).toBe(6_000_000 * 1024);
    expect(sample.onBattery).toBeNull();

    // No time passed between two reads: the last figure stands rather than 0 or NaN.
    expect(sampler.sample().cpuPercent).toBe(50);
  });

  it('falls back to the os module when procfs cannot be read', () => {
    const sample = new SystemSampler({ procDir: dir }).sample();
    expect(sample.memTotalBytes).toBe(os.totalmem());
    expect(sample.memUsedBytes).toBeGreaterThan(0);
    expect(sample.memUsedBytes).toBeLessThanOrEqual(sample.memTotalBytes);
    expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(sample.cpuPercent).toBeLessThanOrEqual(100);
  });
});

describe.runIf(linux)('SystemSampler power state from power supplies', () => {
  type Supply = Record<string, string>;
  const mains = (online: string): Supply => ({ type: 'Mains', online });
  const battery: Supply = { type: 'Battery', present: '1', status: 'Discharging', scope: 'System' };

  async function powerState(supplies: Record<string, Supply>): Promise<boolean | null> {
    const supplyDir = path.join(dir, 'power_supply');
    await mkdir(supplyDir);
    for (const [name, attributes] of Object.entries(supplies)) {
      await mkdir(path.join(supplyDir, name));
      for (const [attribute, value] of Object.entries(attributes)) {
        await writeFile(path.join(supplyDir, name, attribute), `${value}\n`);
      }
    }
    return new SystemSampler({ powerSupplyDir: supplyDir }).sample().onBattery;
  }

  it('is on AC when mains is online, even with a battery', async () => {
    expect(await powerState({ AC: mains('1'), BAT0: battery })).toBe(false);
  });

  it('is on battery when a battery is present and mains is offline', async () => {
    expect(await powerState({ AC: mains('0'), BAT0: battery })).toBe(true);
  });

  it('is on battery when a battery is present and there is no mains supply', async () => {
    expect(await powerState({ BAT0: { type: 'Battery' } })).toBe(true);
  });

  it('is on AC when a USB-C charger is online', async () => {
    expect(
      await powerState({ 'ucsi-source-psy-1': { type: 'USB', online: '1' }, BAT0: battery }),
    ).toBe(false);
  });

  it('cannot tell from a wireless mouse battery or a removed battery', async () => {
    expect(
      await powerState({
        AC: mains('0'),
        'hid-mouse-battery': { type: 'Battery', scope: 'Device', status: 'Discharging' },
        BAT1: { type: 'Battery', present: '0' },
      }),
    ).toBeNull();
  });

  it('cannot tell without any power supply', async () => {
    expect(await powerState({})).toBeNull();
    const missing = new SystemSampler({ powerSupplyDir: path.join(dir, 'absent') });
    expect(missing.sample().onBattery).toBeNull();
  });
});
