import { eventually } from '../support/eventually.js';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRpcClient } from '../../electron/headless/node-rpc-client.js';
import { TaskdeckError } from '../../shared/errors.js';
import type { Problem } from '../../shared/schemas/system.js';
import { removeDataDir } from '../headless/host-process.js';
import { spawnHost, startHost, type HostChildOptions } from './support/host-child.js';
import { readOnlyFolders } from './support/read-only-folder.js';
import { seededRandom, seedFrom } from './support/seed.js';

/*
 * Every file of the data folder damaged in the ways disks, editors and people damage files, each
 * through the real host: the host either starts, keeps the damaged file aside (byte for byte) and
 * says so in system.problems, or refuses to start with a one-line message and touches nothing.
 * Never a crash, never a silent reset.
 */

const SEED = seedFrom('TASKDECK_CORRUPT_SEED');
const random = seededRandom(SEED);
const SEGMENT = join('history', 'segment-000001.jsonl');

/** The files of a folder, recursively: relative path to content (base64) or `<dir>`. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    out[name] = statSync(path).isDirectory() ? '<dir>' : readFileSync(path).toString('base64');
  }
  return out;
}

function garbage(length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

/** What a host that started despite the damage reports. */
interface Started {
  problems: Problem[];
  client: NodeRpcClient;
}

describe('corrupt files in the data folder, through the real host', () => {
  const { way, how } = readOnlyFolders();
  let pristine: string;
  const folders: string[] = [];
  const taskIds: string[] = [];
  const executionIds: string[] = [];

  beforeAll(async () => {
    console.log(`corrupt files: seed ${SEED} (TASKDECK_CORRUPT_SEED=${SEED} repeats the garbage)`);
    // Here, not in the read-only tests' own hook: that does not run when they are skipped.
    console.log(`corrupt files: read-only folder by ${how}`);
    pristine = mkdtempSync(join(tmpdir(), 'taskdeck-corrupt-'));
    folders.push(pristine);
    const host = await startHost({ dataDir: pristine });
    const client = await host.connect();
    for (const name of ['alpha', 'beta']) {
      const task = await client.api.call('tasks.create', {
        name,
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: `echo ${name}` },
        timeoutMs: 60_000,
      });
      taskIds.push(task.id);
      for (let run = 0; run < 3; run++) {
        const { executionId } = await client.api.call('tasks.runNow', { id: task.id });
        await eventually(async () => {
          const execution = await client.api.call('executions.get', { id: executionId });
          return execution.status === 'succeeded' ? true : undefined;
        });
        executionIds.push(executionId);
      }
    }
    client.close();
    expect((await host.stop('SIGTERM')).code).toBe(0);
  }, 60_000);

  /** What each damaged folder met: the host's start time and the problems it reported, or its refusal. */
  const outcomes: string[] = [];
  const record = (outcome: string) => {
    // The test's name without this file's outer describe.
    const name = (expect.getState().currentTestName ?? '?').split(' > ').slice(1).join(' > ');
    outcomes.push(`${name}: ${outcome}`);
  };

  afterAll(() => {
    console.log(`corrupt files, what each case met:\n  ${outcomes.join('\n  ')}`);
    for (const folder of folders) {
      // A test may leave a folder read-only; removing it needs write permission back.
      if (existsSync(folder)) way?.release(folder);
      removeDataDir(folder);
    }
    way?.dispose();
  });

  /** A copy of the pristine folder (2 tasks, 6 executions), damaged by `damage`. */
  function damaged(damage: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'taskdeck-corrupt-'));
    folders.push(dir);
    cpSync(pristine, dir, { recursive: true });
    damage(dir);
    return dir;
  }

  /**
   * Starts a host on `dir`, runs `check` against it, and stops it gracefully (exit 0). Unless
   * `logs` is set (write failures are logged), it must log nothing but its stop notice.
   */
  async function withHost(
    dir: string,
    check: (host: Started) => Promise<void> | void,
    options: Partial<HostChildOptions> = {},
    logs = false,
  ): Promise<void> {
    const started = performance.now();
    const host = await startHost({ dataDir: dir, ...options });
    const client = await host.connect();
    let failure: Error | null = null;
    try {
      const problems = await client.api.call('system.problems');
      record(
        `started in ${(performance.now() - started).toFixed(0)} ms, ` +
          `problems [${problems.map((p) => p.code).join(', ')}]`,
      );
      await check({ problems, client });
    } catch (error) {
      failure = error instanceof Error ? error : new Error(JSON.stringify(error));
    }
    client.close();
    const exit = await host.stop('SIGTERM');
    if (failure !== null) throw failure;
    expect(exit.code, `graceful stop; stderr: ${host.stderr()}`).toBe(0);
    // No stack trace, no unhandled error.
    if (!logs) expect(host.stderr()).not.toMatch(/^\s+at |Error/m);
  }

  /** Starts a host that must refuse: exits non-zero, prints one line, listens never. */
  async function refused(dir: string, options: Partial<HostChildOptions> = {}) {
    const host = spawnHost({ dataDir: dir, ...options });
    const exit = await host.exited;
    expect(host.stdout()).toBe('');
    expect(exit.code).not.toBe(0);
    expect(exit.signal).toBeNull();
    const lines = host.stderr().trimEnd().split('\n');
    expect(lines, host.stderr()).toHaveLength(1);
    expect(lines[0]).toMatch(/^taskdeck: /);
    record(`refused (exit ${exit.code ?? '?'}): ${lines[0] ?? ''}`);
    return lines[0] ?? '';
  }

  async function expectHistoryIntact(client: NodeRpcClient): Promise<void> {
    const page = await client.api.call('executions.list', { limit: 500 });
    expect(page.items.map((e) => e.id).sort()).toEqual([...executionIds].sort());
    expect(page.items.every((e) => e.status === 'succeeded')).toBe(true);
  }

  describe('tasks.json', () => {
    const cases: [string, (path: string) => void][] = [
      [
        'truncated',
        (path) => {
          const text = readFileSync(path);
          writeFileSync(path, text.subarray(0, Math.floor(text.length * (0.2 + random() * 0.6))));
        },
      ],
      [
        'garbage bytes',
        (path) => {
          writeFileSync(path, garbage(4096));
        },
      ],
      [
        'valid JSON of the wrong shape (an array)',
        (path) => {
          writeFileSync(path, '[1, 2, 3]');
        },
      ],
      [
        'valid JSON of the wrong shape (tasks is not a list)',
        (path) => {
          writeFileSync(path, JSON.stringify({ schemaVersion: 2, tasks: 'x', settings: {} }));
        },
      ],
      [
        'valid JSON that is not a tasks file (no version)',
        (path) => {
          writeFileSync(path, JSON.stringify({ hello: 'world' }));
        },
      ],
      [
        'a task that breaks the rules (a cron minute of 61)',
        (path) => {
          const file = JSON.parse(readFileSync(path, 'utf8')) as {
            tasks: { triggers: unknown[] }[];
          };
          const task = file.tasks[1];
          if (task !== undefined) task.triggers = [{ type: 'cron', expression: '61 * * * *' }];
          writeFileSync(path, JSON.stringify(file));
        },
      ],
      [
        'an empty file',
        (path) => {
          writeFileSync(path, '');
        },
      ],
      [
        'only whitespace',
        (path) => {
          writeFileSync(path, '\n  \n');
        },
      ],
    ];

    it.each(cases)(
      '%s: moved aside byte for byte, reported, the host starts with no tasks',
      async (_label, damage) => {
        let bytes = Buffer.alloc(0);
        const dir = damaged((d) => {
          damage(join(d, 'tasks.json'));
          bytes = readFileSync(join(d, 'tasks.json'));
        });
        await withHost(dir, async ({ problems, client }) => {
          expect(problems).toHaveLength(1);
          const problem = problems[0];
          expect(problem?.code).toBe('tasks_file_corrupt');
          expect(problem?.path).toMatch(/[/\\]tasks\.corrupt-[\dTZ-]+\.json$/);
          expect(problem?.message).toContain(join(dir, 'tasks.json'));
          expect(problem?.message).toContain(problem?.path);
          expect(readFileSync(problem?.path ?? '').equals(bytes)).toBe(true);
          expect(await client.api.call('tasks.list')).toEqual([]);
          // The history of the set-aside tasks is not thrown away with them.
          await expectHistoryIntact(client);
          // A person can start over: the next write makes a new, valid tasks.json.
          await client.api.call('tasks.create', {
            name: 'after',
            triggers: [{ type: 'event', event: 'manual' }],
            action: { type: 'command', command: 'true' },
          });
          expect(JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8'))).toMatchObject({
            schemaVersion: 2,
            tasks: [{ name: 'after' }],
          });
        });
      },
    );

    it('a directory in its place: moved aside with its content, reported', async () => {
      const dir = damaged((d) => {
        rmSync(join(d, 'tasks.json'));
        mkdirSync(join(d, 'tasks.json'));
        writeFileSync(join(d, 'tasks.json', 'inside.txt'), 'kept');
      });
      await withHost(dir, async ({ problems, client }) => {
        expect(problems.map((p) => p.code)).toEqual(['tasks_file_corrupt']);
        expect(problems[0]?.message).toContain('directory');
        expect(readFileSync(join(problems[0]?.path ?? '', 'inside.txt'), 'utf8')).toBe('kept');
        expect(await client.api.call('tasks.list')).toEqual([]);
      });
    });

    it('an old version (v1): backed up byte for byte, migrated, nothing lost', async () => {
      const v1 = {
        version: 1,
        tasks: [
          {
            id: '11111111-1111-4111-8111-111111111111',
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-02T00:00:00.000Z',
            name: 'from v1',
            triggers: [{ type: 'cron', expression: '0 9 * * 1-5' }],
            action: { type: 'command', command: 'echo old' },
            timeoutSeconds: 90,
            retry: { maxRetries: 2, delaySeconds: 5 },
          },
        ],
        preferences: { maxRunningTasks: 3, killGraceMs: 2_000 },
      };
      const text = JSON.stringify(v1, null, 2);
      const dir = damaged((d) => {
        writeFileSync(join(d, 'tasks.json'), text);
      });
      await withHost(dir, async ({ problems, client }) => {
        expect(problems).toEqual([]);
        const backups = readdirSync(dir).filter((n) => /^tasks\.v1-backup-.*\.json$/.test(n));
        expect(backups).toHaveLength(1);
        expect(readFileSync(join(dir, backups[0] ?? ''), 'utf8')).toBe(text);
        const [task] = await client.api.call('tasks.list');
        expect(task).toMatchObject({
          id: '11111111-1111-4111-8111-111111111111',
          name: 'from v1',
          createdAt: '2025-01-01T00:00:00.000Z',
          timeoutMs: 90_000,
          retry: { maxRetries: 2, delayMs: 5_000 },
        });
        expect(await client.api.call('settings.get')).toMatchObject({
          maxRunningTasks: 3,
          killGraceMs: 2_000,
        });
        expect(JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8'))).toMatchObject({
          schemaVersion: 2,
        });
      });
    });

    it('an old version that is invalid once migrated: backed up and moved aside, reported', async () => {
      const text = JSON.stringify({
        version: 1,
        tasks: [{ name: 'no id, no triggers', timeoutSeconds: 'soon' }],
        preferences: {},
      });
      const dir = damaged((d) => {
        writeFileSync(join(d, 'tasks.json'), text);
      });
      await withHost(dir, async ({ problems, client }) => {
        expect(problems.map((p) => p.code)).toEqual(['tasks_file_corrupt']);
        expect(readFileSync(problems[0]?.path ?? '', 'utf8')).toBe(text);
        expect(await client.api.call('tasks.list')).toEqual([]);
      });
    });

    it('a newer version: refused with one clear line, the folder left byte-identical', async () => {
      const dir = damaged((d) => {
        const file = JSON.parse(readFileSync(join(d, 'tasks.json'), 'utf8')) as object;
        writeFileSync(
          join(d, 'tasks.json'),
          JSON.stringify({ ...file, schemaVersion: 3, futureField: true }),
        );
      });
      const before = snapshot(dir);
      const line = await refused(dir);
      expect(line).toContain(join(dir, 'tasks.json'));
      expect(line).toContain('newer Taskdeck');
      expect(snapshot(dir)).toEqual(before);
    });
  });

  describe('state.json', () => {
    const cases: [string, (path: string) => void][] = [
      [
        'garbage bytes',
        (path) => {
          writeFileSync(path, garbage(512));
        },
      ],
      [
        'truncated',
        (path) => {
          writeFileSync(path, readFileSync(path).subarray(0, 7));
        },
      ],
      [
        'valid JSON of the wrong shape',
        (path) => {
          writeFileSync(path, '{"lastFires": 5}');
        },
      ],
      [
        'an empty file',
        (path) => {
          writeFileSync(path, '');
        },
      ],
    ];

    it.each(cases)(
      '%s: moved aside byte for byte, reported, tasks untouched',
      async (_l, damage) => {
        let bytes = Buffer.alloc(0);
        const dir = damaged((d) => {
          damage(join(d, 'state.json'));
          bytes = readFileSync(join(d, 'state.json'));
        });
        await withHost(dir, async ({ problems, client }) => {
          expect(problems.map((p) => p.code)).toEqual(['state_file_corrupt']);
          expect(problems[0]?.path).toMatch(/[/\\]state\.corrupt-[\dTZ-]+\.json$/);
          expect(readFileSync(problems[0]?.path ?? '').equals(bytes)).toBe(true);
          expect((await client.api.call('tasks.list')).map((t) => t.id).sort()).toEqual(
            [...taskIds].sort(),
          );
          await expectHistoryIntact(client);
        });
      },
    );

    it('a directory in its place: moved aside, reported', async () => {
      const dir = damaged((d) => {
        rmSync(join(d, 'state.json'));
        mkdirSync(join(d, 'state.json'));
      });
      await withHost(dir, ({ problems }) => {
        expect(problems.map((p) => p.code)).toEqual(['state_file_corrupt']);
        expect(statSync(problems[0]?.path ?? '').isDirectory()).toBe(true);
      });
    });
  });

  describe('the history', () => {
    it('a torn last line (a crash mid-write): skipped, the rest intact', async () => {
      const dir = damaged((d) => {
        appendFileSync(join(d, SEGMENT), '{"k":"e","q":99,"taskId":"');
      });
      await withHost(dir, async ({ problems, client }) => {
        expect(problems).toEqual([]);
        await expectHistoryIntact(client);
      });
    });

    it('an unreadable line in the middle: skipped and reported, the rest intact', async () => {
      const dir = damaged((d) => {
        const lines = readFileSync(join(d, SEGMENT), 'utf8').split('\n');
        lines.splice(3, 0, garbage(80).toString('base64'));
        writeFileSync(join(d, SEGMENT), lines.join('\n'));
      });
      await withHost(dir, async ({ problems, client }) => {
        expect(problems.map((p) => p.code)).toEqual(['history_records_skipped']);
        expect(problems[0]?.path).toBe(join(dir, SEGMENT));
        await expectHistoryIntact(client);
      });
    });

    it('unreadable whole lines at the end (not a torn write): reported, not cut silently', async () => {
      let bytes = Buffer.alloc(0);
      const dir = damaged((d) => {
        appendFileSync(join(d, SEGMENT), `${garbage(60).toString('hex')}\n{"half": \n`);
        bytes = readFileSync(join(d, SEGMENT));
      });
      await withHost(dir, async ({ problems, client }) => {
        await expectHistoryIntact(client);
        // A crash tears at most the last line, and never ends it with a newline: whole lines
        // that do not parse are damage, and damage is reported, with the bytes kept somewhere.
        expect(problems.map((p) => p.code)).toEqual(['history_records_skipped']);
        const kept = [join(dir, SEGMENT), problems[0]?.path ?? ''].some(
          (path) => existsSync(path) && readFileSync(path).includes(bytes.subarray(-40)),
        );
        expect(kept, 'the unreadable lines are kept').toBe(true);
      });
    });

    it('a segment that is all garbage: reported and kept, not emptied silently', async () => {
      let bytes = Buffer.alloc(0);
      const dir = damaged((d) => {
        writeFileSync(join(d, SEGMENT), `${garbage(3000).toString('base64')}\n`.repeat(3));
        bytes = readFileSync(join(d, SEGMENT));
      });
      await withHost(dir, ({ problems }) => {
        expect(problems.map((p) => p.code)).toEqual(['history_records_skipped']);
        const copies = [join(dir, SEGMENT), problems[0]?.path ?? ''].filter(
          (path) => existsSync(path) && readFileSync(path).includes(bytes),
        );
        expect(copies, 'the damaged segment is kept').not.toEqual([]);
      });
    });

    it.each([
      ['segments.json (the manifest)', 'segments.json'],
      ['aggregates.json (the statistics)', 'aggregates.json'],
    ])('%s damaged: rebuilt from the log, nothing lost', async (_label, name) => {
      const dir = damaged((d) => {
        writeFileSync(join(d, 'history', name), garbage(300));
      });
      await withHost(dir, async ({ client }) => {
        await expectHistoryIntact(client);
        for (const id of taskIds) {
          expect((await client.api.call('tasks.get', { id })).stats).toMatchObject({
            runs: 3,
            succeeded: 3,
          });
        }
      });
    });

    it('a file in place of the history folder: refused with one line, left as it was', async () => {
      const dir = damaged((d) => {
        rmSync(join(d, 'history'), { recursive: true });
        writeFileSync(join(d, 'history'), 'not a folder');
      });
      const before = snapshot(dir);
      const line = await refused(dir);
      expect(line).toContain(join(dir, 'history'));
      expect(snapshot(dir)).toEqual(before);
    });
  });

  describe('a read-only data folder', () => {
    const user = way?.host ?? {};
    const own = (dir: string) => way?.adopt(dir);

    it.skipIf(way === null)(
      'at start: refused with one line naming the folder, nothing changed',
      async () => {
        const dir = damaged(own);
        way?.protect(dir);
        const before = snapshot(dir);
        const line = await refused(dir, user);
        expect(line).toContain(dir);
        expect(line).toMatch(/permission denied|not permitted/i);
        expect(snapshot(dir)).toEqual(before);
      },
    );

    it.skipIf(way === null)(
      'while running: each refused write is reported to its caller and leaves nothing behind',
      async () => {
        const dir = damaged(own);
        await withHost(
          dir,
          async ({ client }) => {
            const created = await client.api.call('tasks.create', {
              name: 'before',
              triggers: [{ type: 'event', event: 'manual' }],
              action: { type: 'command', command: 'echo before' },
            });
            way?.protect(dir);
            // Sent together, as a window does: they share one (failing) write.
            const refusals = await Promise.all([
              client.api
                .call('tasks.create', {
                  name: 'while read-only',
                  triggers: [{ type: 'event', event: 'manual' }],
                  action: { type: 'command', command: 'true' },
                })
                .catch((error: unknown) => error),
              client.api
                .call('tasks.update', { id: created.id, patch: { description: 'refused' } })
                .catch((error: unknown) => error),
              client.api.call('settings.update', { maxRunningTasks: 9 }).catch((e: unknown) => e),
            ]);
            for (const refusal of refusals) {
              expect(refusal).toBeInstanceOf(TaskdeckError);
              expect((refusal as TaskdeckError).message).toMatch(
                /^Could not save the tasks file: .*(permission denied|not permitted)/,
              );
            }
            // Nothing refused is applied in memory (where a later write would persist it).
            const tasks = await client.api.call('tasks.list');
            expect(tasks.map((t) => `${t.name}: "${t.description}"`).sort()).toEqual([
              'alpha: ""',
              'before: ""',
              'beta: ""',
            ]);
            expect((await client.api.call('settings.get')).maxRunningTasks).toBe(4);
            way?.release(dir);
          },
          user,
          true,
        );
      },
    );

    it.skipIf(way === null)(
      'while running: runs go on, a stop exits 0, a restart has every acknowledged change',
      async () => {
        const dir = damaged(own);
        let executionId = '';
        await withHost(
          dir,
          async ({ client }) => {
            way?.protect(dir);
            // The open history segment stays writable: runs are still recorded.
            ({ executionId } = await client.api.call('tasks.runNow', { id: taskIds[0] ?? '' }));
            await eventually(async () => {
              const run = await client.api.call('executions.get', { id: executionId });
              return run.status === 'succeeded' ? true : undefined;
            });
          },
          user,
          true,
        );
        way?.release(dir);
        await withHost(
          dir,
          async ({ client, problems }) => {
            expect(problems).toEqual([]);
            expect((await client.api.call('tasks.list')).map((t) => t.name).sort()).toEqual([
              'alpha',
              'beta',
            ]);
            expect((await client.api.call('executions.get', { id: executionId })).status).toBe(
              'succeeded',
            );
          },
          user,
        );
      },
    );
  });
});
