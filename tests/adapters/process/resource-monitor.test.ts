import { afterEach, describe, expect, it } from 'vitest';
import type { ResourceSample } from '../../../shared/schemas/execution.js';
import {
  openService,
  removeDir,
  taskDoc,
  type ServiceFixture,
} from '../../service/service-fixture.js';
import { eventually } from '../../support/eventually.js';

// The resource monitor as the host runs it: the service on the real runner and sampler.
const open: ServiceFixture[] = [];
async function fixture(): Promise<ServiceFixture> {
  const f = await openService();
  open.push(f);
  await f.service.invoke('settings.update', { sampleIntervalMs: 250, killGraceMs: 500 });
  return f;
}
afterEach(async () => {
  for (const f of open.splice(0)) {
    await f.close();
    removeDir(f.dir);
  }
});

async function runToEnd(f: ServiceFixture, document: Record<string, unknown>) {
  const task = await f.service.invoke('tasks.create', taskDoc('resources', document));
  const { executionId } = await f.service.invoke('tasks.runNow', { id: task.id });
  const done = await eventually(async () => {
    const detail = await f.service.invoke('executions.get', { id: executionId });
    return ['queued', 'running'].includes(detail.status) ? undefined : detail;
  }, 20_000);
  // The record is read by polling; the events reach subscribers in batches, the one that says
  // it ended (after every sample of it) possibly a moment later.
  await eventually(
    () =>
      f.batches.some((batch) =>
        batch.events.some(
          (event) =>
            event.type === 'execution.changed' &&
            event.data.id === executionId &&
            event.data.status === done.status,
        ),
      ) || undefined,
    5_000,
  );
  return { executionId, done };
}

/** The `execution.sample` events of one execution, with when their batch arrived. */
function sampleEvents(f: ServiceFixture, executionId: string) {
  const out: { at: number; sample: ResourceSample }[] = [];
  for (const batch of f.batches) {
    for (const event of batch.events) {
      if (event.type === 'execution.sample' && event.data.executionId === executionId) {
        out.push({ at: batch.at, sample: event.data.sample });
      }
    }
  }
  return out;
}

describe.skipIf(process.platform !== 'linux')('resource monitor through the service', () => {
  it('streams execution.sample events while a busy command runs, and ends with its averages', async () => {
    const f = await fixture();
    const { executionId, done } = await runToEnd(f, {
      action: { type: 'command', command: 'timeout 2 yes > /dev/null; exit 0' },
    });

    expect(done.status).toBe('succeeded');
    const events = sampleEvents(f, executionId);
    const endedAt = Date.parse(done.endedAt ?? '');
    // Live: most samples reached subscribers while the run was still going.
    expect(events.filter((event) => event.at < endedAt).length).toBeGreaterThanOrEqual(4);
    expect(events.map((event) => event.sample)).toEqual(done.samples);
    const cpu = done.samples.map((sample) => sample.cpuPercent);
    expect(Math.max(...cpu)).toBeGreaterThan(10);
    expect(done.resources.cpuAvgPercent).toBeCloseTo(
      cpu.reduce((sum, value) => sum + value, 0) / cpu.length,
      6,
    );
    expect(done.resources.cpuPeakPercent).toBe(Math.max(...cpu));
    expect(done.resources.rssPeakBytes).toBe(Math.max(...done.samples.map((s) => s.rssBytes)));
  });

  it('holds a runaway to limits.maxMemoryMb after its shell has exited', async () => {
    const f = await fixture();
    // The shell exits at once; the grower, left in its group with the output pipes, takes
    // 8 MiB more every 100 ms up to 320 MiB, holds it and would then exit 0 (so a limit that
    // failed reads as success). Its pace leaves a loaded machine's sampler many chances.
    const grow =
      'const a=[];const t=setInterval(()=>{if(a.length<40)a.push(Buffer.alloc(8<<20,1))},100);' +
      'setTimeout(()=>{clearInterval(t);process.exit(0)},15000)';
    const { done } = await runToEnd(f, {
      limits: { maxMemoryMb: 64 },
      timeoutMs: 60_000,
      action: {
        type: 'command',
        command: `(exec ${JSON.stringify(process.execPath)} -e '${grow}') & exit 0`,
      },
    });

    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/^killed: memory use \d+ MB exceeded the limit of 64 MB$/);
    expect(done.resources.rssPeakBytes).toBeGreaterThan(64 * 1_048_576);
  });
});
