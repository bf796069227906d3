import { describe, expect, it } from 'vitest';
import { newUuid } from '../../electron/core/ids.js';
import { TraceRing, TraceTable } from '../../electron/core/trace-table.js';
import { idSchema } from '../../shared/schemas/primitives.js';

describe('newUuid', () => {
  it('makes valid, distinct version-4 UUIDs across pool refills', () => {
    const ids = Array.from({ length: 5_000 }, () => newUuid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 200)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(idSchema.safeParse(id).success).toBe(true);
    }
  });
});

describe('TraceRing', () => {
  it('gives the newest first while filling, and keeps only the newest `capacity` after', () => {
    const ring = new TraceRing(4, 't');
    expect(ring.latest(10)).toEqual([]);
    [1, 2, 3].forEach((n) => {
      ring.push(n, 'ran', String(n), null);
    });
    expect(ring.latest(10).map((r) => r.t)).toEqual([3, 2, 1]);
    [4, 5, 6, 7, 8, 9].forEach((n) => {
      ring.push(n, 'ran', String(n), null);
    });
    expect(ring.latest(10).map((r) => r.t)).toEqual([9, 8, 7, 6]);
    expect(ring.latest(2)).toEqual([
      { t: 9, taskId: 't', outcome: 'ran', reason: '9', executionId: null },
      { t: 8, taskId: 't', outcome: 'ran', reason: '8', executionId: null },
    ]);
  });
});

describe('TraceRing execution ids', () => {
  it('gives back every id as it was given: engine UUIDs, other strings and none', () => {
    const ring = new TraceRing(3, 't');
    const uuids = Array.from({ length: 4 }, () => newUuid());
    const odd = 'ABCDEF01-2345-4678-89AB-CDEF01234567';
    ring.push(1, 'ran', 'a', uuids[0] ?? null);
    ring.push(2, 'skipped', 'b', odd);
    ring.push(3, 'missed', 'c', null);
    expect(ring.latest(3).map((r) => [r.t, r.outcome, r.executionId])).toEqual([
      [3, 'missed', null],
      [2, 'skipped', odd],
      [1, 'ran', uuids[0]],
    ]);
    // Overwriting the slots of an odd id and of none with UUIDs leaves nothing stale behind.
    ring.push(4, 'retried', 'd', uuids[1] ?? null);
    ring.push(5, 'queued', 'e', uuids[2] ?? null);
    ring.push(6, 'held', 'f', uuids[3] ?? null);
    expect(ring.latest(3)).toEqual([
      { t: 6, taskId: 't', outcome: 'held', reason: 'f', executionId: uuids[3] },
      { t: 5, taskId: 't', outcome: 'queued', reason: 'e', executionId: uuids[2] },
      { t: 4, taskId: 't', outcome: 'retried', reason: 'd', executionId: uuids[1] },
    ]);
  });

  it('keeps times to the millisecond far from the epoch', () => {
    const ring = new TraceRing(1, 't');
    const t = Date.UTC(2099, 11, 31, 23, 59, 59, 999);
    ring.push(t, 'ran', 'x', null);
    expect(ring.latest(1)[0]?.t).toBe(t);
  });
});

describe('TraceTable', () => {
  it('keeps each row apart across chunks of rows, and reuses closed rows empty', () => {
    const table = new TraceTable(3);
    const rows = Array.from({ length: 700 }, () => table.open());
    expect(new Set(rows).size).toBe(700);
    rows.forEach((row, i) => {
      for (let k = 0; k < 5; k++) table.push(row, i * 100 + k, 'ran', `task ${i} fire ${k}`, null);
    });
    rows.forEach((row, i) => {
      expect(table.latest(row, `t${i}`, 10).map((e) => [e.taskId, e.t, e.reason])).toEqual([
        [`t${i}`, i * 100 + 4, `task ${i} fire 4`],
        [`t${i}`, i * 100 + 3, `task ${i} fire 3`],
        [`t${i}`, i * 100 + 2, `task ${i} fire 2`],
      ]);
    });
    table.close(rows[7] as number);
    const again = table.open();
    expect(again).toBe(rows[7]);
    expect(table.latest(again, 'new', 10)).toEqual([]);
    table.push(again, 1, 'skipped', 'fresh', 'not-a-uuid');
    expect(table.latest(again, 'new', 10)).toEqual([
      { t: 1, taskId: 'new', outcome: 'skipped', reason: 'fresh', executionId: 'not-a-uuid' },
    ]);
    expect(table.latest(rows[8] as number, 'x', 1)[0]?.reason).toBe('task 8 fire 4');
    expect(table.latest(rows[600] as number, 'x', 1)[0]?.reason).toBe('task 600 fire 4');
  });
});

describe('TraceTable reasons', () => {
  it('holds each distinct reason once, and lets one go when no entry uses it any more', () => {
    const table = new TraceTable(4);
    const a = table.open();
    const b = table.open();
    for (let i = 0; i < 1_000; i++) {
      // Reasons made of figures, as "waiting for a free slot (3 of 4 running)" are.
      table.push(a, i, 'queued', `waiting (${i} of 4)`, null);
      table.push(b, i, 'ran', 'every 1 s', null);
    }
    expect(table.latest(a, 'a', 4).map((entry) => entry.reason)).toEqual([
      'waiting (999 of 4)',
      'waiting (998 of 4)',
      'waiting (997 of 4)',
      'waiting (996 of 4)',
    ]);
    expect(table.latest(b, 'b', 1)[0]?.reason).toBe('every 1 s');
    // Four kept in a's ring, one shared by all of b's.
    expect(table.reasonCount).toBe(5);
    table.close(a);
    expect(table.reasonCount).toBe(1);
  });

  it('counts a reason right through runs of it, broken runs and a closed row', () => {
    const table = new TraceTable(4);
    const row = table.open();
    const reasons = ['every 1 s', 'every 1 s', 'manual', 'every 1 s', 'every 1 s', 'every 1 s'];
    reasons.push('every 1 s', 'every 1 s', 'every 1 s', 'catching up', 'every 1 s');
    reasons.forEach((reason, i) => {
      table.push(row, i, 'ran', reason, null);
    });
    expect(table.latest(row, 't', 4).map((entry) => entry.reason)).toEqual([
      'every 1 s',
      'catching up',
      'every 1 s',
      'every 1 s',
    ]);
    expect(table.reasonCount).toBe(2);
    // A second row on the same reason, filled past its capacity in one run.
    const other = table.open();
    for (let i = 0; i < 9; i++) table.push(other, i, 'ran', 'every 1 s', null);
    table.close(row);
    expect(table.reasonCount).toBe(1);
    expect(table.latest(other, 'o', 4).map((entry) => entry.reason)).toEqual(
      Array(4).fill('every 1 s'),
    );
    table.close(other);
    expect(table.reasonCount).toBe(0);
    // Every number was given back exactly once: new reasons get their own texts.
    const again = table.open();
    table.push(again, 1, 'ran', 'first', null);
    table.push(again, 2, 'ran', 'second', null);
    expect(table.latest(again, 'a', 2).map((entry) => entry.reason)).toEqual(['second', 'first']);
    expect(table.reasonCount).toBe(2);
  });
});
