import { describe, expect, it } from 'vitest';
import { TaskTable } from '../../electron/core/task-table.js';

describe('TaskTable', () => {
  it('keeps each row apart, across growth, with nothing recorded at first', () => {
    const table = new TaskTable();
    const rows = Array.from({ length: 600 }, () => table.open());
    expect(new Set(rows).size).toBe(600);
    for (const row of rows) {
      expect(Number.isNaN(table.lastFireAt(row))).toBe(true);
      expect(table.lastRun(row)).toBeNull();
    }
    rows.forEach((row, i) => {
      table.setLastFireAt(row, 1_700_000_000_000 + i);
      table.setLastRun(row, i, -i | 0, 2 ** 31 - 1, -(2 ** 31), 'failed', 10 + i, 20 + i, i);
    });
    for (let i = 0; i < 300; i++) table.open(); // grows again
    rows.forEach((row, i) => {
      expect(table.lastFireAt(row)).toBe(1_700_000_000_000 + i);
      expect(table.lastRun(row)).toEqual({
        words: [i, -i | 0, 2 ** 31 - 1, -(2 ** 31)],
        status: 'failed',
        startedAt: 10 + i,
        endedAt: 20 + i,
        exitCode: i,
      });
    });
  });

  it('keeps exit codes beyond 32 bits and tells none from zero', () => {
    const table = new TaskTable();
    const a = table.open();
    const b = table.open();
    table.setLastRun(a, 1, 2, 3, 4, 'failed', 1, 2, 3_221_225_477);
    table.setLastRun(b, 1, 2, 3, 4, 'cancelled', 1, NaN, null);
    expect(table.lastRun(a)?.exitCode).toBe(3_221_225_477);
    expect(table.lastRun(b)).toMatchObject({ exitCode: null, endedAt: null, status: 'cancelled' });
  });

  it('a row given back comes back empty', () => {
    const table = new TaskTable();
    const row = table.open();
    table.setLastFireAt(row, 5);
    table.setLastRun(row, 1, 2, 3, 4, 'succeeded', 1, 2, 0);
    table.close(row);
    const again = table.open();
    expect(again).toBe(row);
    expect(Number.isNaN(table.lastFireAt(again))).toBe(true);
    expect(table.lastRun(again)).toBeNull();
  });
});
