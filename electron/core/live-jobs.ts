import { NO_SLOT, type Job, type JobSlots } from './task-runtime.js';
import { writeUuidWords } from './uuid-words.js';

/** The words of the id being looked up (see `find`). */
const wanted = new Int32Array(4);

/**
 * Every live execution (waiting or running), each in a numbered slot; freed slots are reused
 * first. Tasks name the ends of their chains of jobs by slot (see `TaskRuntime`), not by
 * reference: a long-lived object pointing at a new one is an entry in V8's remembered set, which
 * each scavenge walks, so ten thousand tasks pointing at their newest jobs made every scavenge
 * visit tens of thousands of entries (and every such store took the write barrier's slow path).
 * Reused slots are only ever as many as the jobs live at once. Adding and removing a job
 * allocates nothing; lookups by id (cancel, a window opening a run) are rare and scan the slots.
 */
export class LiveJobs implements JobSlots {
  private readonly slots: (Job | null)[] = [];
  private readonly free: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(job: Job): void {
    const slot = this.free.pop() ?? this.slots.length;
    if (slot === this.slots.length) this.slots.push(job);
    else this.slots[slot] = job;
    job.slot = slot;
    this.count++;
  }

  /** Removes `job`; returns false when it was not in the table. */
  delete(job: Job): boolean {
    const slot = job.slot;
    if (slot === NO_SLOT) return false;
    this.slots[slot] = null;
    this.free.push(slot);
    job.slot = NO_SLOT;
    this.count--;
    return true;
  }

  /** The job in `slot`; null for NO_SLOT. */
  at(slot: number): Job | null {
    return slot === NO_SLOT ? null : (this.slots[slot] ?? null);
  }

  /** The live job whose execution has this id, if any. */
  find(executionId: string): Job | undefined {
    // Every execution id the engine makes is a UUID it keeps as words: anything else is no job's.
    if (!writeUuidWords(executionId, wanted, 0)) return undefined;
    const [w0, w1, w2, w3] = wanted;
    for (const job of this.slots) {
      if (job !== null && job.id0 === w0 && job.id1 === w1 && job.id2 === w2 && job.id3 === w3)
        return job;
    }
    return undefined;
  }

  /** A snapshot of every live job, oldest first (safe to change the table while using it). */
  toArray(): Job[] {
    const out: Job[] = [];
    for (const job of this.slots) if (job !== null) out.push(job);
    // Jobs are numbered in the order they were made.
    return out.sort((a, b) => a.seq - b.seq);
  }
}
