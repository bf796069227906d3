import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../shared/schemas/execution.js';
import { removeDataDir } from '../tests/headless/host-process.js';
import { eventually } from '../tests/support/eventually.js';
import { startHost, type HostChild } from '../tests/reliability/support/host-child.js';
import { leastSquaresSlope } from '../tests/reliability/support/least-squares.js';
import {
  cpuTimeMs,
  killMarked,
  liveProcessesWithEnv,
  openFdCount,
  rssBytes,
} from '../tests/reliability/support/proc-readings.js';

/*
 * The real host with 200 short tasks firing every few seconds for SOAK_DURATION_MS (10 minutes
 * unless set): memory and open descriptors stay flat, every scheduled fire runs, and no process
 * outlives its run.
 */

const DURATION_MS = Number(process.env['SOAK_DURATION_MS'] ?? 10 * 60_000);
const SAMPLE_MS = Number(process.env['SOAK_SAMPLE_MS'] ?? 5_000);
const TASKS = 200;
/** Samples before this are start-up (JIT, caches, the first history segment filling). */
const WARM_UP_MS = Math.min(60_000, DURATION_MS / 5);
/**
 * Flat means: RSS grows by less than 1 MiB a minute after warm-up. One leaked kilobyte per
 * execution (this load runs about 36 a second) would be 2 MiB a minute; legitimate growth is
 * the history's active segment index (~320 bytes per execution until its 8 MiB segment is
 * sealed, about 7,000 executions here; sealed indexes are read back only when asked for),
 * which a least-squares line over the whole run flattens.
 */
const MAX_RSS_SLOPE_BYTES_PER_MIN = 1024 * 1024;
/** A descriptor leaked per execution would be ~1,800 a minute; pipes of running tasks come and go. */
const MAX_FD_SLOPE_PER_MIN = 1;
/** A fire may be this late and still be counted as on time (a loaded machine). */
const LATE_MS = 2_000;
const MARK = 'TASKDECK_SOAK';
const RUN = randomUUID();
const COMMANDS = [
  'true',
  'echo "soak $TASK"',
  'date +%s%N',
  'printf "x%.0s" 1 2 3 4 5 6 7 8 9 10',
  'sleep 0.05',
  'ls / > /dev/null',
  'sh -c "echo nested; true"',
  'cat /proc/loadavg',
];

interface Sample {
  t: number;
  rss: number;
  fds: number;
  cpuMs: number;
  processes: number;
}

/** How many fires of `startAt + k * everyMs` (k >= 0) fall at or before `until`. */
function slotsUntil(startAt: number, everyMs: number, until: number): number {
  return until < startAt ? 0 : Math.floor((until - startAt) / everyMs) + 1;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

describe(`the real host with ${TASKS} short tasks`, () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-soak-'));
  });
  let host: HostChild | null = null;
  afterAll(async () => {
    await host?.stop('SIGKILL');
    killMarked(MARK, RUN);
    removeDataDir(dataDir);
  });

  it(`stays flat for ${DURATION_MS / 60_000} minutes and runs every fire`, async () => {
    const started = await startHost({ dataDir });
    host = started;
    const client = await started.connect();
    let events = 0;
    client.api.on('execution.changed', () => events++);

    const firstAt = Date.now() + 5_000;
    const plan = Array.from({ length: TASKS }, (_, i) => ({
      name: `soak ${String(i).padStart(3, '0')}`,
      everyMs: 3_000 + (i % 8) * 1_000,
      // Spread over the first seconds, so that the tasks do not all fire in the same instant.
      startAt: firstAt + ((i * 37) % 3_000),
      command: COMMANDS[i % COMMANDS.length] ?? 'true',
    }));
    await client.api.call('tasks.import', {
      mode: 'merge',
      document: {
        format: 'taskdeck',
        version: 1,
        exportedAt: new Date().toISOString(),
        tasks: plan.map((p) => ({
          name: p.name,
          triggers: [
            { type: 'interval', everyMs: p.everyMs, startAt: new Date(p.startAt).toISOString() },
          ],
          action: { type: 'command', command: p.command, env: { [MARK]: RUN, TASK: p.name } },
          timeoutMs: 60_000,
        })),
      },
    });
    const ids = new Map((await client.api.call('tasks.list')).map((t) => [t.name, t.id]));
    expect(ids.size).toBe(TASKS);

    const samples: Sample[] = [];
    const began = Date.now();
    const stopAt = firstAt + DURATION_MS;
    while (Date.now() < stopAt) {
      samples.push({
        t: Date.now() - began,
        rss: rssBytes(started.pid) ?? 0,
        fds: openFdCount(started.pid) ?? 0,
        cpuMs: cpuTimeMs(started.pid) ?? 0,
        processes: liveProcessesWithEnv(MARK, RUN).length,
      });
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }

    // Every fire so far ran (or is running): executions per task against the schedule.
    const lateness: number[] = [];
    const misses: string[] = [];
    let executions = 0;
    const statuses = new Map<string, number>();
    for (const p of plan) {
      const asked = Date.now();
      const items: Execution[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Execution[]; nextCursor: string | null } = await client.api.call(
          'executions.list',
          { taskId: ids.get(p.name) ?? '', limit: 500, ...(cursor === null ? {} : { cursor }) },
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      executions += items.length;
      const least = slotsUntil(p.startAt, p.everyMs, asked - LATE_MS);
      const most = slotsUntil(p.startAt, p.everyMs, Date.now());
      if (items.length < least || items.length > most)
        misses.push(`${p.name}: ${items.length} runs, the schedule says ${least}..${most}`);
      for (const item of items) {
        statuses.set(item.status, (statuses.get(item.status) ?? 0) + 1);
        const queued = Date.parse(item.queuedAt);
        const slot = p.startAt + Math.floor((queued - p.startAt) / p.everyMs) * p.everyMs;
        lateness.push(queued - slot);
      }
    }
    client.close();
    expect((await started.stop('SIGTERM')).code).toBe(0);
    const leaked = await eventually(
      () => (liveProcessesWithEnv(MARK, RUN).length === 0 ? [] : undefined),
      10_000,
    ).catch(() => liveProcessesWithEnv(MARK, RUN).map((p) => `${p.pid} ${p.command}`));

    const steady = samples.filter((s) => s.t >= WARM_UP_MS);
    const perMinute = (key: 'rss' | 'fds') =>
      leastSquaresSlope(steady.map((s) => ({ x: s.t / 60_000, y: s[key] })));
    const rssSlope = perMinute('rss');
    const fdSlope = perMinute('fds');
    const first = steady[0];
    const last = steady.at(-1);
    const minutes = ((last?.t ?? 0) - (first?.t ?? 0)) / 60_000;
    const cpuShare =
      first === undefined || last === undefined || last.t === first.t
        ? 0
        : (last.cpuMs - first.cpuMs) / (last.t - first.t);
    const sortedLate = [...lateness].sort((a, b) => a - b);
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(
      `soak: ${TASKS} tasks for ${(DURATION_MS / 60_000).toFixed(1)} min, ${executions} executions ` +
        `(${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}), ${events} execution events to the window; ` +
        `RSS ${mib(first?.rss ?? 0)} -> ${mib(last?.rss ?? 0)} MiB (max ${mib(Math.max(...samples.map((s) => s.rss)))}), ` +
        `slope ${mib(rssSlope)} MiB/min over ${minutes.toFixed(1)} min after a ${WARM_UP_MS / 1000} s warm-up ` +
        `(limit ${mib(MAX_RSS_SLOPE_BYTES_PER_MIN)}); open fds ${first?.fds ?? 0} -> ${last?.fds ?? 0} ` +
        `(max ${Math.max(...samples.map((s) => s.fds))}), slope ${fdSlope.toFixed(2)}/min (limit ${MAX_FD_SLOPE_PER_MIN}); ` +
        `host CPU ${(cpuShare * 100).toFixed(1)}% of a core; lateness p50 ${percentile(sortedLate, 0.5)} ms, ` +
        `p99 ${percentile(sortedLate, 0.99)} ms, max ${sortedLate.at(-1) ?? 0} ms; ` +
        `at most ${Math.max(...samples.map((s) => s.processes))} task processes alive at a sample; ` +
        `${misses.length} tasks off schedule; ${leaked.length} processes left after the stop`,
    );
    expect(misses).toEqual([]);
    expect(statuses.get('succeeded') ?? 0).toBeGreaterThan(executions * 0.99);
    expect(leaked).toEqual([]);
    expect(rssSlope).toBeLessThan(MAX_RSS_SLOPE_BYTES_PER_MIN);
    expect(fdSlope).toBeLessThan(MAX_FD_SLOPE_PER_MIN);
  });
});
