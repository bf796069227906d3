import { describe, expect, it } from 'vitest';
import { newUuid } from '../../electron/core/ids.js';
import { TraceRing } from '../../electron/core/trace-ring.js';
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
