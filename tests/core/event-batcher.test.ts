import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { newExecution } from '../../electron/core/execution-record.js';
import { newUuid } from '../../electron/core/ids.js';
import { FakeClock } from '../../electron/core/fake-clock.js';
import {
  BATCH_MS,
  EventBatcher,
  OUTPUT_PER_BATCH,
} from '../../electron/core/service/event-batcher.js';

function batcher() {
  const clock = new FakeClock('2026-01-01T00:00:00Z');
  let builds = 0;
  const b = new EventBatcher(clock, {
    task: (id) => {
      builds++;
      return { type: 'task.removed', data: { id } };
    },
    // Stands for the execution's snapshot: its id and status as they are when built.
    execution: (execution) => {
      builds++;
      return { type: 'task.removed', data: { id: `${execution.id} ${execution.status}` } };
    },
    trace: (record) => ({ type: 'task.removed', data: { id: record.reason } }),
    scheduler: () => ({
      type: 'scheduler.changed',
      data: {
        paused: false,
        running: 0,
        queued: 0,
        maxRunningTasks: 4,
        startedAt: '2026-01-01T00:00:00.000Z',
      },
    }),
  });
  const batches: { at: number; events: ApiEvent[] }[] = [];
  b.subscribe((events) => batches.push({ at: clock.now(), events }));
  return { b, clock, batches, builds: () => builds };
}

describe('EventBatcher', () => {
  it('sends at most one batch per BATCH_MS, every event in order', () => {
    const { b, clock, batches } = batcher();
    for (let i = 0; i < 1_000; i++) {
      b.push({
        type: 'trace',
        data: {
          t: '2026-01-01T00:00:00.000Z',
          taskId: 'x',
          outcome: 'ran',
          reason: String(i),
          executionId: null,
        },
      });
      clock.advance(1);
    }
    clock.advance(BATCH_MS);
    expect(batches.length).toBeLessThanOrEqual(1_000 / BATCH_MS + 1);
    const reasons = batches.flatMap((batch) =>
      batch.events.map((e) => (e.data as { reason: string }).reason),
    );
    expect(reasons).toEqual(Array.from({ length: 1_000 }, (_, i) => String(i)));
    for (let i = 1; i < batches.length; i++)
      expect(batches[i]!.at - batches[i - 1]!.at).toBeGreaterThanOrEqual(BATCH_MS);
  });

  it('collapses snapshots: one view per task per batch, built when sent, at its latest position', () => {
    const { b, clock, batches, builds } = batcher();
    for (let i = 0; i < 500; i++) {
      b.taskChanged('a');
      b.taskChanged('b');
      b.schedulerChanged();
    }
    b.taskChanged('a');
    clock.advance(BATCH_MS);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((e) => [e.type, (e.data as { id?: string }).id])).toEqual([
      ['task.removed', 'b'],
      ['scheduler.changed', undefined],
      ['task.removed', 'a'],
    ]);
    expect(builds()).toBe(2);
  });

  it('sends one snapshot per execution per batch, of its state when sent, at its latest position', () => {
    const { b, clock, batches, builds } = batcher();
    const first = newExecution(newUuid(), 'task', 'first', 'manual', '', 0, 0);
    const second = newExecution(newUuid(), 'task', 'second', 'manual', '', 0, 0);
    b.executionChanged(first);
    b.executionChanged(second);
    first.status = 'running';
    b.executionChanged(first);
    first.status = 'succeeded';
    b.executionChanged(first);
    clock.advance(BATCH_MS);
    second.status = 'running';
    b.executionChanged(second);
    clock.advance(BATCH_MS);
    expect(batches.map((batch) => batch.events.map((e) => (e.data as { id: string }).id))).toEqual([
      [`${second.id} queued`, `${first.id} succeeded`],
      [`${second.id} running`],
    ]);
    expect(builds()).toBe(3);
  });

  it('a run whose output grew gets a snapshot with it, one already due keeping its place', () => {
    const { b, clock, batches } = batcher();
    const run = newExecution(newUuid(), 'task', 'talker', 'manual', '', 0, 0);
    const chunk = { t: 0, stream: 'stdout' as const, text: 'hi\n' };
    run.status = 'running';
    b.executionChanged(run);
    b.output(run.id, [chunk]);
    b.executionProgressed(run);
    clock.advance(BATCH_MS);
    b.output(run.id, [chunk]);
    b.executionProgressed(run);
    clock.advance(BATCH_MS);
    const steps = batches.map((batch) =>
      batch.events.map((e) =>
        e.type === 'execution.output' ? 'output' : (e.data as { id: string }).id,
      ),
    );
    expect(steps).toEqual([
      [`${run.id} running`, 'output'],
      ['output', `${run.id} running`],
    ]);
  });

  it('sends each trace entry in its place among the other events', () => {
    const { b, clock, batches } = batcher();
    const trace = (reason: string) => {
      b.trace({ t: 0, taskId: 'x', outcome: 'ran', reason, executionId: null });
    };
    trace('first');
    b.taskChanged('a');
    trace('second');
    b.taskChanged('a');
    trace('third');
    clock.advance(BATCH_MS);
    expect(batches[0]!.events.map((e) => (e.data as { id: string }).id)).toEqual([
      'first',
      'second',
      'a',
      'third',
    ]);
  });

  it('merges output per execution per batch and keeps only its newest part', () => {
    const { b, clock, batches } = batcher();
    const chunk = (text: string) => ({ t: 0, stream: 'stdout' as const, text });
    for (let i = 0; i < 100; i++)
      b.output('exec', [chunk(`${String(i).padStart(3, '0')}${'x'.repeat(9_997)}`)]);
    b.output('other', [chunk('hello')]);
    clock.advance(BATCH_MS);
    const events = batches[0]!.events;
    expect(events.map((e) => e.type)).toEqual(['execution.output', 'execution.output']);
    const texts = (events[0]!.data as { chunks: { text: string }[] }).chunks.map((c) => c.text);
    expect(texts.join('').length).toBeLessThanOrEqual(OUTPUT_PER_BATCH);
    expect(texts[texts.length - 1]!.startsWith('099')).toBe(true);
  });

  it('keeps nothing while nobody listens', () => {
    const clock = new FakeClock(0);
    const b = new EventBatcher(clock, {
      task: () => null,
      execution: () => ({ type: 'task.removed', data: { id: '' } }),
      trace: () => ({ type: 'task.removed', data: { id: '' } }),
      scheduler: () => ({ type: 'task.removed', data: { id: '' } }),
    });
    for (let i = 0; i < 100; i++) {
      b.taskChanged('x');
      b.executionChanged(newExecution(newUuid(), 'x', 'x', 'manual', '', 0, 0));
      b.trace({ t: 0, taskId: 'x', outcome: 'ran', reason: '', executionId: null });
    }
    expect(clock.pendingTimers()).toBe(0);
  });
});
