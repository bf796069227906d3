import { eventually } from '../support/eventually.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRpcClient } from '../../electron/headless/node-rpc-client.js';
import { TaskdeckError } from '../../shared/errors.js';
import { FINAL_STATUSES, type Execution } from '../../shared/schemas/execution.js';
import type { TaskDocumentInput, TaskView } from '../../shared/schemas/task.js';
import { removeDataDir } from '../headless/host-process.js';
import { spawnHost, type HostChild } from './support/host-child.js';
import { killMarked, liveProcessesWithEnv, tempFilesUnder } from './support/proc-readings.js';
import { seededRandom, seedFrom } from './support/seed.js';

/*
 * The real headless host under constant load (100 tasks: creates, updates, removals and runs of
 * short real commands, some long ones) is SIGKILLed at random moments; after every restart on
 * the same folder nothing acknowledged may be missing.
 */

const KILLS = Number(process.env['TASKDECK_CRASH_KILLS'] ?? 50);
const SEED = seedFrom('TASKDECK_CRASH_SEED');
const TASKS = 100;
const LONG_TASKS = 10;
const WRITERS = 4;
/** A share of the kills lands during start-up and recovery instead of under load. */
const EARLY_KILL_SHARE = 0.2;
/** Each process a task starts carries RUN here (from the task's env)... */
const TASK_VAR = 'TASKDECK_CRASH_TASK';
/** ...and `${RUN}:${generation}` here (inherited from the host that started it). */
const GEN_VAR = 'TASKDECK_CRASH_GEN';
const RUN = randomUUID();
const SHORT_COMMANDS = ['true', 'echo tick', 'sleep 0.2', 'printf "%s\\n" a b c', 'date +%s'];
/** A parent and two children in one process group, alive long after any restart. */
const LONG_COMMAND = 'sleep 120 & sleep 120 & wait';

interface ModelTask {
  id: string | null;
  name: string;
  long: boolean;
  everyMs: number | null;
  command: string;
  created: 'sent' | 'acked';
  /** Highest version sent in an update, and the highest whose update returned. */
  sent: number;
  acked: number;
  removed: 'no' | 'sent' | 'acked';
}

interface Started {
  id: string;
  taskId: string;
  generation: number;
  /** The last status the client saw before the kill. */
  lastStatus: Execution['status'];
}

const random = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function documentOf(task: ModelTask, version: number): TaskDocumentInput {
  return {
    name: task.name,
    description: `version ${version}`,
    priority: version % 50,
    tags: ['crash', `v${version}`],
    triggers:
      task.everyMs === null
        ? [{ type: 'event', event: 'manual' }]
        : [{ type: 'interval', everyMs: task.everyMs }],
    action: { type: 'command', command: task.command, env: { [TASK_VAR]: RUN } },
    // Both policies meet the restarts: some tasks catch up what the downtime missed.
    missedRuns: task.long || task.name.length % 2 === 0 ? 'skip' : 'runOnce',
    timeoutMs: task.long ? 600_000 : 30_000,
  };
}

/**
 * Why a stored task is not one of its model's versions from the acknowledged one to the last
 * sent (an unanswered write may or may not have landed), or null when it is.
 */
function mismatch(view: TaskView, task: ModelTask): string | null {
  const match = /^version (\d+)$/.exec(view.description);
  if (match?.[1] === undefined) return `description "${view.description}"`;
  const version = Number(match[1]);
  if (version < task.acked || version > task.sent)
    return `version ${version} outside acknowledged ${task.acked} .. sent ${task.sent}`;
  const expected = documentOf(task, version);
  if (view.priority !== expected.priority) return `priority ${view.priority} for v${version}`;
  if (JSON.stringify(view.tags) !== JSON.stringify(expected.tags))
    return `tags ${view.tags.join()}`;
  if (view.name !== task.name) return `name ${view.name}`;
  const trigger = view.triggers[0];
  if (view.triggers.length !== 1 || trigger === undefined) return 'triggers';
  if (task.everyMs === null ? trigger.type !== 'event' : trigger.type !== 'interval')
    return `trigger ${trigger.type}`;
  if (trigger.type === 'interval' && trigger.everyMs !== task.everyMs) return 'interval';
  if (JSON.stringify(view.action) !== JSON.stringify(expected.action)) return 'action';
  return null;
}

/** The rejection a call gets when the host dies under it (json-rpc-client.ts). */
const isConnectionLoss = (error: unknown) =>
  error instanceof TaskdeckError &&
  ['The connection to Taskdeck closed', 'Not connected to Taskdeck'].includes(error.message);

describe('the headless host SIGKILLed under load', () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-host-crash-'));
  });
  const tasks: ModelTask[] = [];
  const started = new Map<string, Started>();
  let current: HostChild | null = null;
  afterAll(async () => {
    await current?.stop('SIGKILL');
    killMarked(TASK_VAR, RUN);
    removeDataDir(dataDir);
  });

  const figures = {
    creates: 0,
    updates: 0,
    removes: 0,
    runs: 0,
    earlyKills: 0,
    startsObserved: 0,
    interrupted: 0,
    outcomesLost: 0,
    lostStarts: 0,
    survivors: 0,
    verifiedExecutions: 0,
    historyItems: 0,
    readyMs: [] as number[],
    tempFilesAfterKill: 0,
  };

  function newTask(long: boolean): ModelTask {
    const task: ModelTask = {
      id: null,
      name: `crash ${tasks.length} ${long ? 'long' : 'short'}`,
      long,
      everyMs: long ? null : 2_000 + Math.floor(random() * 7) * 1_000,
      command: long ? LONG_COMMAND : pick(SHORT_COMMANDS),
      created: 'sent',
      sent: 0,
      acked: 0,
      removed: 'no',
    };
    tasks.push(task);
    return task;
  }

  async function create(client: NodeRpcClient, task: ModelTask): Promise<void> {
    const view = await client.api.call('tasks.create', documentOf(task, 0));
    task.id = view.id;
    task.created = 'acked';
    figures.creates++;
  }

  const liveTasks = () => tasks.filter((t) => t.created === 'acked' && t.removed === 'no');

  /** One writer: updates, runs, and replaces (create + remove) tasks until the host dies. */
  async function writer(client: NodeRpcClient, closed: () => boolean): Promise<void> {
    while (!closed()) {
      const roll = random();
      let operation = 'update';
      let target: ModelTask | undefined;
      try {
        if (roll < 0.5) {
          const task = pick(liveTasks());
          target = task;
          const version = ++task.sent;
          await client.api.call('tasks.update', {
            id: task.id ?? '',
            patch: documentOf(task, version),
          });
          task.acked = Math.max(task.acked, version);
          figures.updates++;
        } else if (roll < 0.8) {
          const candidates = liveTasks();
          const task = random() < 0.3 ? pick(candidates.filter((t) => t.long)) : pick(candidates);
          operation = 'runNow';
          target = task;
          await client.api.call('tasks.runNow', { id: task.id ?? '' }).then(
            () => figures.runs++,
            (error: unknown) => {
              // Running already (overlap "skip"): refused, which is fine.
              if (!(error instanceof TaskdeckError && error.code === 'conflict')) throw error;
            },
          );
        } else {
          const victim = pick(liveTasks().filter((t) => !t.long));
          operation = 'replace';
          target = victim;
          victim.removed = 'sent';
          const removal = client.api.call('tasks.remove', { id: victim.id ?? '' }).then(() => {
            victim.removed = 'acked';
            figures.removes++;
          });
          await Promise.all([removal, create(client, newTask(false))]);
        }
      } catch (error) {
        if (closed() || isConnectionLoss(error)) return;
        // Another writer removed the task meanwhile: that call is simply not acknowledged.
        if (
          error instanceof TaskdeckError &&
          error.code === 'not_found' &&
          target?.removed !== 'no'
        )
          continue;
        throw new Error(`${operation} of ${target?.name ?? '?'} failed: ${String(error)}`, {
          cause: error,
        });
      }
    }
  }

  /**
   * Connects, watches executions start, and writes until the host is killed. `ready` settles
   * once the work is under way (for the first generation: once its tasks exist).
   */
  function load(
    host: HostChild,
    generation: number,
    setup: boolean,
  ): { ready: Promise<unknown>; done: Promise<Error | null> } {
    let closed = false;
    void host.exited.then(() => (closed = true));
    const connected = host.connect().then(async (client) => {
      client.api.on('execution.changed', (execution) => {
        const known = started.get(execution.id);
        if (known !== undefined) {
          known.lastStatus = execution.status;
          return;
        }
        if (execution.startedAt === null) return;
        started.set(execution.id, {
          id: execution.id,
          taskId: execution.taskId,
          generation,
          lastStatus: execution.status,
        });
        figures.startsObserved++;
      });
      if (setup) {
        await client.api.call('settings.update', { maxRunningTasks: 16, killGraceMs: 1_000 });
        const pending = [
          ...Array.from({ length: LONG_TASKS }, () => newTask(true)),
          ...Array.from({ length: TASKS - LONG_TASKS }, () => newTask(false)),
        ];
        for (let i = 0; i < pending.length; i += 10) {
          await Promise.all(pending.slice(i, i + 10).map((task) => create(client, task)));
        }
      }
      return client;
    });
    const done = connected.then((client) =>
      Promise.all(Array.from({ length: WRITERS }, () => writer(client, () => closed))),
    );
    // Failures are reported where `done` is awaited, after the kill.
    return {
      ready: connected.catch(() => undefined),
      done: done.then(
        () => null,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    };
  }

  /** The process groups the history has start records for (to tell why a process survived). */
  function recordedGroups(): Set<number> {
    const groups = new Set<number>();
    const history = join(dataDir, 'history');
    for (const name of readdirSync(history).filter((n) => n.endsWith('.jsonl'))) {
      for (const match of readFileSync(join(history, name), 'utf8').matchAll(/"pgid":(\d+)/g))
        groups.add(Number(match[1]));
    }
    return groups;
  }

  /** Everything that must hold after a restart; settles the model on what the disk kept. */
  async function verify(host: HostChild, generation: number, spawnedAt: number): Promise<void> {
    const context = `generation ${generation} (seed ${SEED})`;

    // No process of a killed run survives: short ones end by themselves within the deadline,
    // long ones only if the restart ended them.
    const older = () =>
      liveProcessesWithEnv(TASK_VAR, RUN).filter((process) => {
        const gen = Number(process.env.get(GEN_VAR)?.split(':')[1] ?? -1);
        return gen < generation;
      });
    const survivors = await eventually(() => (older().length === 0 ? [] : undefined), 3_000).catch(
      () => older(),
    );
    figures.survivors += survivors.length;
    const recorded = recordedGroups();
    expect
      .soft(
        survivors.map(
          (p) =>
            `pid ${p.pid} (group ${p.pgid}, ${recorded.has(p.pgid) ? 'its start is in the history' : 'no start record for its group'}) "${p.command}"`,
        ),
        `${context}: processes of killed runs still alive`,
      )
      .toEqual([]);
    // End them, so that later generations are judged on their own.
    for (const survivor of survivors) process.kill(survivor.pid, 'SIGKILL');

    // No temporary file of the killed host remains (the running host's own come and go).
    const temps = tempFilesUnder(dataDir);
    figures.tempFilesAfterKill += temps.length;
    const stale = await eventually(() => {
      const left = tempFilesUnder(dataDir).filter((name) => temps.includes(name));
      return left.length === 0 ? [] : undefined;
    }, 3_000).catch(() => tempFilesUnder(dataDir).filter((name) => temps.includes(name)));
    expect(stale, `${context}: temporary files left`).toEqual([]);

    const client = await host.connect();
    try {
      expect(await client.api.call('system.problems'), context).toEqual([]);

      // Every acknowledged task is intact; nothing unknown appeared.
      const listed = new Map((await client.api.call('tasks.list')).map((view) => [view.id, view]));
      const byName = new Map(tasks.map((task) => [task.name, task]));
      for (const view of listed.values()) {
        const task = byName.get(view.name);
        expect(task, `${context}: unknown task ${view.name}`).toBeDefined();
        if (task !== undefined && task.id === null) task.id = view.id;
        expect(task?.id, `${context}: ${view.name} has a new id`).toBe(view.id);
      }
      for (const task of tasks) {
        const view = task.id === null ? undefined : listed.get(task.id);
        const what = `${context}: ${task.name}`;
        if (task.removed === 'acked') expect(view, `${what} was removed`).toBeUndefined();
        else if (task.created === 'acked' && task.removed === 'no')
          expect(view, `${what} was acknowledged`).toBeDefined();
        if (view === undefined) {
          if (task.created === 'sent' || task.removed !== 'no') task.removed = 'acked';
          continue;
        }
        expect(mismatch(view, task), what).toBeNull();
        const version = Number(view.description.split(' ')[1]);
        task.created = 'acked';
        task.removed = 'no';
        task.sent = version;
        task.acked = version;
      }

      // Every started execution of a task that still exists ended, or is `interrupted`.
      const lost: string[] = [];
      for (const execution of started.values()) {
        if (execution.generation >= generation) continue;
        started.delete(execution.id);
        const task = tasks.find((t) => t.id === execution.taskId);
        if (task === undefined || task.removed !== 'no') continue;
        const ended = await client.api
          .call('executions.get', { id: execution.id })
          .catch((error: unknown) => {
            if (error instanceof TaskdeckError && error.code === 'not_found') return null;
            throw error;
          });
        if (ended === null) {
          lost.push(`${execution.id} (${task.name}, generation ${execution.generation})`);
          continue;
        }
        figures.verifiedExecutions++;
        if (ended.status === 'interrupted') {
          figures.interrupted++;
          // The client saw it end, but its end record did not survive the kill.
          if (FINAL_STATUSES.includes(execution.lastStatus)) figures.outcomesLost++;
        }
        expect(FINAL_STATUSES, `${context}: ${execution.id}`).toContain(ended.status);
      }
      figures.lostStarts += lost.length;
      expect.soft(lost, `${context}: started executions missing from the history`).toEqual([]);

      // The history reads: every page, no duplicates, nothing left running from before.
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { items: Execution[]; nextCursor: string | null } = await client.api.call(
          'executions.list',
          { limit: 500, ...(cursor === null ? {} : { cursor }) },
        );
        for (const item of page.items) {
          expect(seen.has(item.id), `${context}: ${item.id} listed twice`).toBe(false);
          seen.add(item.id);
          // Only this host's own live runs may be unfinished; a killed host's are interrupted.
          if (!FINAL_STATUSES.includes(item.status)) {
            expect(
              Date.parse(item.queuedAt),
              `${context}: ${item.id} ${item.status}`,
            ).toBeGreaterThanOrEqual(spawnedAt - 1_000);
          }
        }
        cursor = page.nextCursor;
      } while (cursor !== null);
      figures.historyItems = seen.size;
    } finally {
      client.close();
    }
  }

  it(`keeps every acknowledged task and execution through ${KILLS} kills`, async () => {
    const began = Date.now();
    console.log(
      `host crash: seed ${SEED} (TASKDECK_CRASH_SEED=${SEED} repeats the kill moments), ${KILLS} kills`,
    );
    for (let generation = 0; generation <= KILLS; generation++) {
      const spawnedAt = Date.now();
      const host = spawnHost({ dataDir, env: { [GEN_VAR]: `${RUN}:${generation}` } });
      current = host;
      const early = generation > 0 && generation < KILLS && random() < EARLY_KILL_SHARE;
      if (early) {
        // Killed while it starts: loading, recovering, reaping, or just after it listens.
        figures.earlyKills++;
        const timer = setTimeout(() => host.child.kill('SIGKILL'), Math.floor(random() * 1_500));
        await host.exited;
        clearTimeout(timer);
        continue;
      }
      const endpoint = await host.ready;
      if (endpoint === null) throw new Error(`the host did not start: ${host.stderr()}`);
      figures.readyMs.push(Date.now() - spawnedAt);
      if (generation > 0) await verify(host, generation, spawnedAt);
      if (generation === KILLS) {
        expect((await host.stop('SIGTERM')).code, 'a graceful stop after the last restart').toBe(0);
        break;
      }
      const killAfter = 150 + Math.floor(random() * 1_500);
      const loaded = load(host, generation, generation === 0);
      // The kill moment is the point: a random instant of acknowledged work in flight. The
      // first generation is killed only after its 100 tasks exist.
      await loaded.ready;
      await delay(killAfter);
      host.child.kill('SIGKILL');
      await host.exited;
      const failure = await loaded.done;
      if (failure !== null) throw failure;
    }
    const seconds = (Date.now() - began) / 1000;
    const ready = [...figures.readyMs].sort((a, b) => a - b);
    console.log(
      `host crash: ${KILLS} kills (${figures.earlyKills} during start-up) in ${seconds.toFixed(0)} s; ` +
        `acknowledged ${figures.creates} creates, ${figures.updates} updates, ${figures.removes} removals, ` +
        `${figures.runs} runs; ${figures.startsObserved} executions seen starting, ` +
        `${figures.verifiedExecutions} verified after restarts (${figures.interrupted} interrupted, ` +
        `${figures.outcomesLost} of them seen ending before the kill); ` +
        `${figures.lostStarts} started executions missing after a restart, ` +
        `${figures.survivors} processes of killed runs alive after a restart; ` +
        `${figures.historyItems} executions in the history at the end; ` +
        `${figures.tempFilesAfterKill} temporary files seen right after restarts (all cleaned); ` +
        `ready after spawn: median ${ready[Math.floor(ready.length / 2)] ?? 0} ms, max ${ready.at(-1) ?? 0} ms`,
    );
    // The graceful stop ended the last host's runs too.
    const left = await eventually(
      () => (liveProcessesWithEnv(TASK_VAR, RUN).length === 0 ? [] : undefined),
      5_000,
    ).catch(() => liveProcessesWithEnv(TASK_VAR, RUN).map((p) => `${p.pid} ${p.command}`));
    expect(left).toEqual([]);
    expect(figures.updates).toBeGreaterThan(KILLS);
    expect(figures.interrupted).toBeGreaterThan(0);
  }, 600_000);
});

describe('a kill right after tasks.runNow answered', () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-host-crash-'));
  });
  const marker = randomUUID();
  afterAll(() => {
    killMarked(TASK_VAR, marker);
    removeDataDir(dataDir);
  });

  it('neither loses the acknowledged execution nor leaves its process running', async () => {
    const first = spawnHost({ dataDir });
    const client = await first.connect();
    const task = await client.api.call('tasks.create', {
      name: 'long',
      triggers: [{ type: 'event', event: 'manual' }],
      action: { type: 'command', command: 'sleep 120', env: { [TASK_VAR]: marker } },
    });
    const { executionId } = await client.api.call('tasks.runNow', { id: task.id });
    first.child.kill('SIGKILL');
    await first.exited;
    // It may have been killed before or after spawning `sleep`: both must end the same way.
    const aliveAtKill = liveProcessesWithEnv(TASK_VAR, marker).length;

    const respawned = performance.now();
    const second = spawnHost({ dataDir });
    const after = await second.connect();
    const readyMs = performance.now() - respawned;
    try {
      const survivors = await eventually(
        () => (liveProcessesWithEnv(TASK_VAR, marker).length === 0 ? [] : undefined),
        5_000,
      ).catch(() => liveProcessesWithEnv(TASK_VAR, marker).map((p) => `${p.pid} ${p.command}`));
      const execution = await after.api
        .call('executions.get', { id: executionId })
        .then((e) => e.status)
        .catch((error: unknown) => (error instanceof TaskdeckError ? error.code : error));
      console.log(
        `host crash: killed right after tasks.runNow answered (${aliveAtKill} of its processes alive then); ` +
          `the restart was ready in ${readyMs.toFixed(0)} ms and found the execution ${String(execution)}, ` +
          `${survivors.length} processes surviving (no seed: nothing here is random)`,
      );
      expect({ execution, survivors }).toEqual({ execution: 'interrupted', survivors: [] });
    } finally {
      after.close();
      await second.stop('SIGKILL');
    }
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
