import { describe, expect, it } from 'vitest';
import { exportFileName, readImportFile } from '../../renderer/settings/import-file.js';

const task = (name: string, extra: object = {}) => ({
  name,
  triggers: [{ type: 'cron', expression: '0 9 * * *' }],
  action: { type: 'command', command: 'echo hi' },
  ...extra,
});
const file = (tasks: object[], extra: object = {}) =>
  JSON.stringify({
    format: 'taskdeck',
    version: 1,
    exportedAt: '2026-03-03T10:00:00.000Z',
    tasks,
    ...extra,
  });

describe('reading a picked file for import', () => {
  it('accepts an export, with defaults filled in as the service would', () => {
    const read = readImportFile('tasks.json', file([task('A'), task('B', { priority: 3 })]));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.document.tasks.map((entry) => [entry.name, entry.priority])).toEqual([
      ['A', 0],
      ['B', 3],
    ]);
  });

  it('explains a file that is not JSON', () => {
    const read = readImportFile('notes.txt', 'hello there');
    expect(read).toMatchObject({ ok: false, fileName: 'notes.txt', issues: [] });
    expect(!read.ok && read.message).toMatch(
      /^It is not JSON \(.+\); pick a file saved with Export\.$/,
    );
  });

  it('tells JSON that is not an export from an export with bad fields, naming each field', () => {
    const other = readImportFile('package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    expect(!other.ok && other.message).toBe(
      'It is not a Taskdeck export file; pick a file saved with Export.',
    );
    const bad = readImportFile(
      'tasks.json',
      file([
        task('Fine'),
        task('Bad', { triggers: [{ type: 'cron', expression: '0 25 * * *' }] }),
        task('Odd', { colour: 'blue' }),
      ]),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toBe('Some of what it holds is not valid:');
    expect(bad.names).toEqual(['Fine', 'Bad', 'Odd']);
    expect(bad.issues.map((issue) => issue.path)).toEqual([
      ['tasks', 1, 'triggers', 0, 'expression'],
      ['tasks', 2, 'colour'],
    ]);
    expect(bad.issues[1]?.message).toBe('Unknown field');
  });
});

describe('the export file name', () => {
  it('carries the local date', () => {
    expect(exportFileName(new Date(2026, 2, 3, 23, 59))).toBe('taskdeck-tasks-2026-03-03.json');
  });
});
