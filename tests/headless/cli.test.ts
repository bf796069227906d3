import { eventually } from '../support/eventually.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, removeDataDir, startHostProcess, type HostProcess } from './host-process.js';

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess();
});
afterAll(async () => {
  await host.stop('SIGKILL');
  removeDataDir(host.dataDir);
});

function taskdeck(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input,
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const remote = (...args: string[]) => taskdeck([...args, '--data-dir', host.dataDir]);

describe('taskdeck command line', () => {
  it('adds, lists (table and --json), runs, shows history, pauses, resumes and removes by name', async () => {
    const added = remote(
      'add',
      '--name',
      'nightly report',
      '--command',
      'echo report',
      '--cron',
      '0 3 * * *',
      '--tz',
      'Europe/Berlin',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^Added "nightly report" \([0-9a-f-]{36}\), next run \d{4}-\d\d-\d\d \d\d:\d\d\n$/,
    );

    const table = remote('list');
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+STATE\s+NEXT RUN\s+LAST\s+TAGS$/);
    expect(table.stdout).toContain('nightly report');
    const json = JSON.parse(remote('list', '--json').stdout) as {
      name: string;
      triggers: unknown[];
    }[];
    expect(json.map((task) => task.name)).toContain('nightly report');
    expect(json[0]?.triggers).toEqual([
      { type: 'cron', expression: '0 3 * * *', timezone: 'Europe/Berlin' },
    ]);

    const run = remote('run', 'nightly report');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Started "nightly report" \(execution [0-9a-f-]{36}\)\n$/);
    await eventually(() =>
      remote('history', 'nightly report').stdout.includes('succeeded') ? true : undefined,
    );
    const history = JSON.parse(remote('history', 'nightly report', '--json').stdout) as {
      items: { status: string; exitCode: number }[];
    };
    expect(history.items[0]).toMatchObject({ status: 'succeeded', exitCode: 0 });

    expect(remote('pause', 'nightly report').stdout).toBe('Paused "nightly report"\n');
    expect(JSON.parse(remote('list', '--json', '--state', 'paused').stdout)).toHaveLength(1);
    expect(remote('resume', 'nightly report').stdout).toBe('Resumed "nightly report"\n');
    expect(remote('remove', 'nightly report').stdout).toBe(
      'Removed "nightly report" and its history\n',
    );
    expect(remote('list').stdout).toBe('No tasks.\n');
  });

  it('adds a task from a JSON file and from standard input, exports and imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskdeck-cli-'));
    try {
      const file = join(dir, 'task.json');
      writeFileSync(
        file,
        JSON.stringify({
          name: 'from file',
          triggers: [{ type: 'interval', everyMs: 3_600_000 }],
          action: { type: 'argv', argv: ['true'] },
        }),
      );
      const bad = remote('add', file);
      expect(bad.code).toBe(5);
      expect(bad.stderr).toMatch(/^taskdeck: action\.type: [^\n]+\n$/);
      writeFileSync(
        file,
        JSON.stringify({
          name: 'from file',
          triggers: [{ type: 'interval', everyMs: 3_600_000 }],
          action: { type: 'command', argv: ['true'] },
        }),
      );
      expect(remote('add', file).code).toBe(0);
      const piped = taskdeck(
        ['add', '-', '--data-dir', host.dataDir],
        JSON.stringify({
          name: 'from stdin',
          triggers: [{ type: 'event', event: 'manual' }],
          action: { type: 'command', command: 'true' },
        }),
      );
      expect(piped.code).toBe(0);

      const exported = join(dir, 'export.json');
      expect(remote('export', '--out', exported).stdout).toBe(`Exported 2 tasks to ${exported}\n`);
      const document = JSON.parse(readFileSync(exported, 'utf8')) as {
        format: string;
        tasks: { name: string }[];
      };
      expect(document.format).toBe('taskdeck');
      const imported = remote('import', exported, '--mode', 'merge');
      expect(imported.stdout).toBe('Imported 2 tasks (merge)\n');
      const names = (JSON.parse(remote('list', '--json').stdout) as { name: string }[])
        .map((task) => task.name)
        .sort();
      expect(names).toEqual(['from file', 'from file', 'from stdin', 'from stdin']);
    } finally {
      removeDataDir(dir);
    }
  });

  it('says clearly when nothing runs, the token is wrong, the input is invalid or the task unknown', () => {
    const empty = mkdtempSync(join(tmpdir(), 'taskdeck-cli-'));
    const none = taskdeck(['list', '--data-dir', empty]);
    removeDataDir(empty);
    expect([none.code, none.stderr]).toEqual([
      3,
      `taskdeck: Taskdeck is not running (no endpoint.json in ${empty}); start it with taskdeck serve\n`,
    ]);
    const wrongToken = taskdeck(['list', '--url', host.url, '--token', 'nope']);
    expect([wrongToken.code, wrongToken.stderr]).toEqual([
      3,
      `taskdeck: Taskdeck at ${host.url} refused the token (wrong token)\n`,
    ]);
    const invalid = remote('add', '--name', 'bad', '--command', 'true', '--cron', '* * *');
    expect(invalid.code).toBe(5);
    // One line, naming the field.
    expect(invalid.stderr).toMatch(
      /^taskdeck: triggers\.0\.expression: Cron expression needs 5 fields[^\n]*\n$/,
    );
    const unknown = remote('run', 'no such task');
    expect([unknown.code, unknown.stderr]).toEqual([4, 'taskdeck: No task named "no such task"\n']);
    const usage = taskdeck(['frobnicate', '--data-dir', host.dataDir]);
    expect(usage.code).toBe(2);
    const unknownTask = remote('run', '00000000-0000-4000-8000-000000000000');
    expect([unknownTask.code, unknownTask.stderr]).toEqual([
      4,
      'taskdeck: No task with id 00000000-0000-4000-8000-000000000000\n',
    ]);
    const unknownFlag = remote('list', '--frobnicate');
    expect([unknownFlag.code, unknownFlag.stderr]).toEqual([
      2,
      "taskdeck: Unknown option '--frobnicate'; see taskdeck --help\n",
    ]);
    const noToken = taskdeck(['list', '--url', host.url]);
    expect([noToken.code, noToken.stderr]).toEqual([
      2,
      'taskdeck: --url needs --token: the token taskdeck serve printed (also in endpoint.json)\n',
    ]);
    expect(taskdeck(['--help']).stdout).toContain(
      '3 Taskdeck unreachable, refused the token, or its data\nfolder is in use by another Taskdeck',
    );
  });

  it('reaches a Taskdeck by --url and --token', () => {
    const listed = taskdeck(['list', '--json', '--url', host.url, '--token', host.token]);
    expect(listed.code).toBe(0);
    expect(Array.isArray(JSON.parse(listed.stdout))).toBe(true);
  });

  it('says endpoint.json is stale when the Taskdeck that wrote it is gone, or its token is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskdeck-cli-'));
    try {
      const gone = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(
        join(dir, 'endpoint.json'),
        JSON.stringify({ url: host.url, token: host.token, pid: gone }),
      );
      const stale = taskdeck(['list', '--data-dir', dir]);
      expect([stale.code, stale.stderr]).toEqual([
        3,
        `taskdeck: Taskdeck is not running: endpoint.json in ${dir} was left by pid ${gone}, which has exited; start it with taskdeck serve\n`,
      ]);
      writeFileSync(
        join(dir, 'endpoint.json'),
        JSON.stringify({ url: host.url, token: 'not-the-token', pid: host.child.pid }),
      );
      const refused = taskdeck(['list', '--data-dir', dir]);
      expect([refused.code, refused.stderr]).toEqual([
        3,
        `taskdeck: Taskdeck at ${host.url} refused the token (wrong token)\n`,
      ]);
    } finally {
      removeDataDir(dir);
    }
  });

  it('previews a cron schedule offline (next), including a DST shift', () => {
    const result = taskdeck([
      'next',
      '30 2 * * *',
      '--tz',
      'America/New_York',
      '--from',
      '2026-03-07T00:00:00Z',
      '--count',
      '3',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      description: 'At 02:30 (America/New_York)',
      next: ['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z'],
      timezone: 'America/New_York',
    });
    const human = taskdeck([
      'next',
      '0 9 * * 1-5',
      '--tz',
      'UTC',
      '--from',
      '2026-01-02T10:00:00Z',
      '--count',
      '2',
    ]);
    expect(human.stdout).toBe(
      'At 09:00, Monday through Friday (UTC)\n  Mon, 2026-01-05, 09:00:00 UTC  (2026-01-05T09:00:00.000Z)\n  Tue, 2026-01-06, 09:00:00 UTC  (2026-01-06T09:00:00.000Z)\n',
    );
    const zone = taskdeck(['next', '0 9 * * *', '--tz', 'Mars/Olympus']);
    expect(zone.code).toBe(5);
    expect(zone.stderr).toMatch(/^taskdeck: --tz: .+\n$/);
    const from = taskdeck(['next', '0 9 * * *', '--from', 'yesterday']);
    expect(from.code).toBe(5);
    expect(from.stderr).toMatch(/^taskdeck: --from: .+\n$/);
    const bad = taskdeck(['next', '* * *']);
    expect([bad.code, bad.stderr]).toEqual([
      5,
      'taskdeck: expression: Cron expression needs 5 fields (minute hour day month weekday) or 6 with seconds first; got 3\n',
    ]);
  });
});
