import { describe, expect, it } from 'vitest';
import { describeIssuePath, describeIssues } from '../../renderer/format/issue-path.js';

describe('field paths in words', () => {
  it('names a task by its number and name, then the field inside it', () => {
    const names = ['Back up', 'Sync'];
    expect(
      describeIssuePath(['document', 'tasks', 1, 'triggers', 0, 'expression'], (at) => names[at]),
    ).toBe('Task 2 “Sync” › trigger 1 › cron expression');
    expect(describeIssuePath(['document', 'tasks', 4, 'action', 'command'])).toBe(
      'Task 5 › action › command',
    );
    expect(describeIssuePath(['document', 'tasks', 0, 'tags', 2])).toBe('Task 1 › tag 3');
    expect(describeIssuePath(['document', 'tasks', 0, 'retry', 'maxRetries'])).toBe(
      'Task 1 › retries › number of retries',
    );
  });

  it('names settings by their labels and the file by its parts; unknown keys stay as they are', () => {
    expect(describeIssuePath(['document', 'settings', 'maxRunningTasks'])).toBe(
      'Settings › tasks running at once',
    );
    expect(describeIssuePath(['document', 'version'])).toBe('Format version');
    expect(describeIssuePath(['document', 'tasks', 0, 'colour'])).toBe('Task 1 › colour');
    expect(describeIssuePath([])).toBe('');
  });

  it('turns issues into where-and-what lines', () => {
    expect(
      describeIssues([
        { path: ['document', 'tasks', 0, 'name'], message: 'Name must not be empty' },
      ]),
    ).toEqual([{ where: 'Task 1 › name', message: 'Name must not be empty' }]);
  });
});
