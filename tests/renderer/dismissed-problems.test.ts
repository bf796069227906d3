import { describe, expect, it } from 'vitest';
import {
  problemKey,
  readDismissed,
  writeDismissed,
  type KeyValueStorage,
} from '../../renderer/dashboard/dismissed-problems.js';

/** The window's localStorage as far as this module uses it (Node has none of its own). */
function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & {
  data: Record<string, string>;
} {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('dismissed problems', () => {
  it('are told apart by code and path', () => {
    const moved = { code: 'tasks_file_corrupt', message: 'm', path: '/d/tasks.corrupt-1.json' };
    expect(problemKey(moved)).toBe('tasks_file_corrupt:/d/tasks.corrupt-1.json');
    expect(problemKey({ ...moved, path: '/d/tasks.corrupt-2.json' })).not.toBe(problemKey(moved));
    expect(problemKey({ code: 'x', message: 'no path' })).toBe('x:');
  });

  it('are remembered, and anything unreadable counts as none', () => {
    const storage = memoryStorage();
    expect(readDismissed(storage)).toEqual([]);
    writeDismissed(storage, ['a:1', 'b:2']);
    expect(readDismissed(storage)).toEqual(['a:1', 'b:2']);
    expect(readDismissed(memoryStorage({ 'taskdeck.dismissedProblems': '{oops' }))).toEqual([]);
    expect(readDismissed(memoryStorage({ 'taskdeck.dismissedProblems': '[1,"a:1"]' }))).toEqual([
      'a:1',
    ]);
    expect(readDismissed(null)).toEqual([]);
  });

  it('keep only the newest few hundred', () => {
    const storage = memoryStorage();
    writeDismissed(
      storage,
      Array.from({ length: 250 }, (_, index) => `p:${index}`),
    );
    const kept = readDismissed(storage);
    expect(kept).toHaveLength(200);
    expect(kept[0]).toBe('p:50');
  });
});
