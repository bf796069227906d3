import { eventually } from '../support/eventually.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, removeDataDir, startHostProcess, type HostProcess } from './host-process.js';

let host: HostProcess;
let files: string;
beforeAll(async () => {
  host = await startHostProcess();
  files = mkdtempSync(join(tmpdir(), 'taskdeck-cli-'));
});
afterAll(async () => {
  await host.stop('SIGKILL');
  removeDataDir(host.dataDir);
  removeDataDir(files);
});

function taskdeck(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', host.dataDir], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FIRST = 'abcd0001-0000-4000-8000-000000000001';
const SECOND = 'abcd0002-0000-4000-8000-000000000002';

/** Replaces every task with these, by `import --mode replace` from a file. */
function replaceWith(tasks: Record<string, unknown>[]) {
  const file = join(files, `import-${Math.random()}.json`);
  writeFileSync(
    file,
    JSON.stringify({ format: 'taskdeck', version: 1, exportedAt: new Date().toISOString(), tasks }),
  );
  return taskdeck('import', file, '--mode', 'replace');
}

const task = (id: string, name: string, command = 'true') => ({
  id,
  name,
  triggers: [{ type: 'event', event: 'manual' }],
  action: { type: 'command', command },
});

describe('taskdeck command line: tasks by id, imports, history and tables', () => {
  it('import --mode replace swaps every task for the file’s', () => {
    expect(taskdeck('add', '--name', 'before', '--command', 'true').code).toBe(0);
    const replaced = replaceWith([task(FIRST, 'first'), task(SECOND, 'second', 'exit 1')]);
    expect([replaced.code, replaced.stdout]).toEqual([0, 'Imported 2 tasks (replace)\n']);
    const names = (JSON.parse(taskdeck('list', '--json').stdout) as { name: string }[])
      .map((t) => t.name)
      .sort();
    expect(names).toEqual(['first', 'second']);
  });

  it('accepts the start of an id, as list shows it; an ambiguous start is a usage error', () => {
    const listed = taskdeck('list').stdout;
    expect(listed).toContain('abcd0001');
    expect(taskdeck('pause', 'abcd0001').stdout).toBe('Paused "first"\n');
    expect(taskdeck('resume', 'ABCD0001-0000').stdout).toBe('Resumed "first"\n');
    const ambiguous = taskdeck('run', 'abcd');
    expect([ambiguous.code, ambiguous.stderr]).toEqual([
      2,
      'taskdeck: "abcd" is the start of 2 task ids; type more of it (taskdeck list)\n',
    ]);
    const none = taskdeck('run', 'ffff');
    expect([none.code, none.stderr]).toEqual([
      4,
      'taskdeck: No task named "ffff" or with an id starting "ffff"\n',
    ]);
  });

  it('history filters by --status and pages by --limit; a bad --limit is a usage error', async () => {
    for (const id of ['abcd0001', 'abcd0002', 'abcd0001']) {
      expect(taskdeck('run', id).code).toBe(0);
      await eventually(() => {
        const page = JSON.parse(taskdeck('history', '--json').stdout) as {
          items: { status: string }[];
        };
        return page.items.every((e) => e.status !== 'queued' && e.status !== 'running')
          ? true
          : undefined;
      });
    }
    const failed = JSON.parse(taskdeck('history', '--status', 'failed', '--json').stdout) as {
      items: { taskName: string; status: string }[];
    };
    expect(failed.items.map((e) => [e.taskName, e.status])).toEqual([['second', 'failed']]);
    const one = JSON.parse(taskdeck('history', 'first', '--limit', '1', '--json').stdout) as {
      items: unknown[];
      nextCursor: string | null;
    };
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).not.toBeNull();
    expect(taskdeck('history', '--limit', '1').stdout.trimEnd().split('\n')).toHaveLength(2);
    for (const limit of ['0', 'abc', '501']) {
      const bad = taskdeck('history', '--limit', limit);
      expect([bad.code, bad.stderr]).toEqual([
        2,
        `taskdeck: --limit is a whole number from 1 to 500; got "${limit}"\n`,
      ]);
    }
    const badStatus = taskdeck('history', '--status', 'exploded');
    expect(badStatus.code).toBe(5);
    expect(badStatus.stderr).toMatch(/^taskdeck: status: /);
  });

  it('export without --out writes the document to standard output', () => {
    const exported = taskdeck('export');
    expect(exported.code).toBe(0);
    const document = JSON.parse(exported.stdout) as {
      format: string;
      version: number;
      tasks: { id: string; name: string }[];
      settings: { maxRunningTasks: number };
    };
    expect(document).toMatchObject({ format: 'taskdeck', version: 1 });
    expect(document.tasks.map((t) => t.id).sort()).toEqual([FIRST, SECOND]);
    expect(document.settings.maxRunningTasks).toBe(4);
  });

  it('an exact name wins over the start of an id; two tasks of one name are a usage error', () => {
    replaceWith([task(FIRST, 'abcd'), task(SECOND, 'other')]);
    expect(taskdeck('pause', 'abcd').stdout).toBe('Paused "abcd"\n');
    replaceWith([task(FIRST, 'twin'), task(SECOND, 'twin')]);
    const twins = taskdeck('run', 'twin');
    expect([twins.code, twins.stderr]).toEqual([
      2,
      'taskdeck: 2 tasks are named "twin"; use the id (taskdeck list)\n',
    ]);
  });

  it('tables align every column under its header', () => {
    replaceWith([
      task(FIRST, 'a'),
      task(SECOND, 'a much longer name than the others'),
      { ...task('abcd0003-0000-4000-8000-000000000003', 'mid-sized name'), tags: ['x', 'y'] },
    ]);
    for (const args of [['list'], ['history']]) {
      if (args[0] === 'history') {
        expect(taskdeck('run', 'a much longer name than the others').code).toBe(0);
        expect(taskdeck('run', 'a').code).toBe(0);
      }
      const lines = taskdeck(...args)
        .stdout.trimEnd()
        .split('\n');
      const header = lines[0]!;
      const starts = [...header.matchAll(/(?<=^|\s{2})\S/g)].map((m) => m.index);
      expect(starts.length).toBeGreaterThan(3);
      for (const row of lines.slice(1)) {
        // An empty last cell is trimmed away with the line's end.
        for (const start of starts.slice(1).filter((start) => start < row.length)) {
          // Each column starts where its header does, after at least two spaces of gap.
          expect(row.slice(start - 2, start)).toBe('  ');
          expect(row[start]).not.toBe(' ');
        }
      }
    }
  });

  it('run says when a run is queued rather than started, and why', () => {
    const busy = 'abcd0004-0000-4000-8000-000000000004';
    replaceWith([{ ...task(busy, 'busy', 'sleep 10'), overlap: 'queue' }]);
    const first = taskdeck('run', 'busy');
    expect(first.stdout).toMatch(/^Started "busy" \(execution [0-9a-f-]{36}\)\n$/);
    const second = taskdeck('run', 'busy');
    const queued =
      /^Queued "busy" \(execution ([0-9a-f-]{36})\): waiting for the previous run to finish\n$/;
    expect(second.stdout).toMatch(queued);
    // Overlap "queue" keeps one waiting run: asking again joins it.
    const third = taskdeck('run', 'busy');
    expect(queued.exec(third.stdout)?.[1]).toBe(queued.exec(second.stdout)?.[1]);
    expect(JSON.parse(taskdeck('run', 'busy', '--json').stdout)).toEqual({
      executionId: queued.exec(second.stdout)?.[1],
    });
  });
});
