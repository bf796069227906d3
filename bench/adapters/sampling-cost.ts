import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { createProcessSampler } from '../../electron/adapters/process/create-process-sampler.js';

/** CPU this process spends sampling `trees` running process trees every second, in % of a core. */
export async function measureSamplingCost(trees: number, seconds: number): Promise<number> {
  const children: ChildProcess[] = Array.from({ length: trees }, () =>
    spawn('/bin/sh', ['-c', 'sleep 600 & sleep 600 & wait'], { detached: true, stdio: 'ignore' }),
  );
  try {
    await delay(500);
    const sampler = createProcessSampler();
    const roots = children.map((child) => child.pid ?? 0);
    await sampler.sample(roots);
    const cpu = process.cpuUsage();
    const began = performance.now();
    for (let i = 0; i < seconds; i++) {
      await delay(1_000);
      await sampler.sample(roots);
    }
    const used = process.cpuUsage(cpu);
    return ((used.user + used.system) / 1_000 / (performance.now() - began)) * 100;
  } finally {
    for (const child of children) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
