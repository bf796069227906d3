import { describe, expect, it } from 'vitest';
import { SegmentTaskCounts } from '../../../electron/adapters/history/segment-task-counts.js';
import { TaskOrdinals } from '../../../electron/adapters/history/task-ordinals.js';

describe('SegmentTaskCounts', () => {
  it('answers per task from packed rows, and reads back the manifest form it writes', () => {
    const ordinals = new TaskOrdinals();
    ordinals.of('elsewhere');
    const counts = SegmentTaskCounts.of(
      [
        ['b', 3, 0],
        ['a', 0, 7],
        ['c', 12, 4],
      ],
      ordinals,
    );
    expect(counts.ends(ordinals.find('b'))).toBe(3);
    expect(counts.traces(ordinals.find('a'))).toBe(7);
    expect([counts.ends(ordinals.find('c')), counts.traces(ordinals.find('c'))]).toEqual([12, 4]);
    // A task named elsewhere, or nowhere, has nothing here.
    expect(counts.ends(ordinals.find('elsewhere'))).toBe(0);
    expect(counts.traces(ordinals.find('nowhere'))).toBe(0);
    const json: unknown = JSON.parse(JSON.stringify(counts.toJSON(ordinals)));
    expect(json).toEqual({ a: [0, 7], b: [3, 0], c: [12, 4] });
    if (!SegmentTaskCounts.isJSON(json)) throw new Error('not the manifest form');
    const fresh = new TaskOrdinals();
    expect(SegmentTaskCounts.fromJSON(json, fresh).toJSON(fresh)).toEqual(json);
    for (const bad of [[], null, { a: [1] }, { a: [1, 2.5] }, { a: '1,2' }]) {
      expect(SegmentTaskCounts.isJSON(bad)).toBe(false);
    }
  });

  it('holds each task id once, however many segments name it', () => {
    const ordinals = new TaskOrdinals();
    const ids = Array.from({ length: 50 }, (_, i) => `task-${i}`);
    for (let segment = 0; segment < 100; segment++) {
      SegmentTaskCounts.of(
        ids.map((id) => [id, segment, 1] as const),
        ordinals,
      );
    }
    expect(ordinals.size).toBe(50);
    expect(ordinals.id(ordinals.of('task-7'))).toBe('task-7');
  });
});
