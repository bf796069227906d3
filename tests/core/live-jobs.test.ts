import { describe, expect, it } from 'vitest';
import { LiveJobs } from '../../electron/core/live-jobs.js';
import { NO_SLOT, TaskRuntime, type Job } from '../../electron/core/task-runtime.js';
import { TaskTable } from '../../electron/core/task-table.js';
import { canonicalTask } from '../../electron/core/canonical-task.js';
import { parseLibraryTask } from '../../electron/core/library-validation.js';
import { uuidOfWords } from '../../electron/core/uuid-words.js';

/** The fields LiveJobs and the task chains use; the rest of a job plays no part here. */
function job(seq: number): Job {
  return {
    seq,
    id0: seq,
    id1: 0x40000000,
    id2: -0x80000000,
    id3: 7,
    slot: NO_SLOT,
    prevInTask: null,
    nextInTask: null,
  } as unknown as Job;
}

function runtime(jobs: LiveJobs): TaskRuntime {
  const parsed = parseLibraryTask({
    name: 'chained',
    triggers: [{ type: 'event', event: 'manual' }],
    action: { type: 'function', run: () => undefined },
    overlap: 'parallel',
    maxParallel: 5,
  });
  const def = canonicalTask({ ...parsed, id: 'chained', savedAt: 0 });
  return new TaskRuntime(def, new TaskTable(), jobs);
}

describe('live jobs in reused slots', () => {
  it('reuses a freed slot and still lists jobs oldest first', () => {
    const jobs = new LiveJobs();
    const [a, b, c] = [job(1), job(2), job(3)];
    jobs.add(a);
    jobs.add(b);
    expect(jobs.delete(a)).toBe(true);
    expect(jobs.delete(a)).toBe(false);
    jobs.add(c);
    expect(c.slot).toBe(0);
    expect(jobs.at(c.slot)).toBe(c);
    expect(jobs.at(NO_SLOT)).toBeNull();
    expect(jobs.toArray()).toEqual([b, c]);
    expect(jobs.size).toBe(2);
  });

  it('finds a live job by its execution id, and no ended one', () => {
    const jobs = new LiveJobs();
    const [a, b] = [job(1), job(2)];
    jobs.add(a);
    jobs.add(b);
    const idOf = (j: Job) => uuidOfWords(j.id0, j.id1, j.id2, j.id3);
    expect(jobs.find(idOf(b))).toBe(b);
    jobs.delete(b);
    expect(jobs.find(idOf(b))).toBeUndefined();
    expect(jobs.find('not-a-uuid')).toBeUndefined();
  });

  it("keeps a task's chains in arrival order while their ends' slots are reused", () => {
    const jobs = new LiveJobs();
    const task = runtime(jobs);
    const [a, b, c, d] = [job(1), job(2), job(3), job(4)];
    for (const j of [a, b, c]) {
      jobs.add(j);
      task.addWaiting(j);
    }
    // The middle one leaves, then the first: the last one's slot stays the tail.
    task.removeWaiting(b);
    jobs.delete(b);
    task.removeWaiting(a);
    jobs.delete(a);
    expect(task.waitingFirst).toBe(c);
    // d takes a freed slot (a's, freed last).
    jobs.add(d);
    expect(d.slot).toBe(0);
    task.addWaiting(d);
    expect(task.waitingJobs()).toEqual([c, d]);
    expect(task.waitingCount).toBe(2);
    task.removeWaiting(c);
    task.addRunning(c);
    expect(task.runningFirst).toBe(c);
    expect(task.waitingJobs()).toEqual([d]);
    task.removeRunning(c);
    expect(task.runningFirst).toBeNull();
    expect(task.runningJobs()).toEqual([]);
  });
});
