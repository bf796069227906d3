import type { Job } from './task-runtime.js';
import { writeUuidWords } from './uuid-words.js';

/** The words of the id being looked up (see `find`). */
const wanted = new Int32Array(4);

/**
 * Every live execution (waiting or running), as a list threaded through the jobs themselves.
 * Adding and removing one costs two pointer writes and allocates nothing; a Map keyed by
 * execution id cost more than half a microsecond per fire at ten thousand live entries. Lookups
 * by id (cancel, a window opening a run) are rare and walk the list.
 */
export class LiveJobs {
  private head: Job | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(job: Job): void {
    job.prevLive = null;
    job.nextLive = this.head;
    if (this.head !== null) this.head.prevLive = job;
    this.head = job;
    this.count++;
  }

  /** Removes `job`; returns false when it was not in the list. */
  delete(job: Job): boolean {
    if (job.prevLive === null && this.head !== job) return false;
    if (job.prevLive !== null) job.prevLive.nextLive = job.nextLive;
    else this.head = job.nextLive;
    if (job.nextLive !== null) job.nextLive.prevLive = job.prevLive;
    job.prevLive = null;
    job.nextLive = null;
    this.count--;
    return true;
  }

  /** The live job whose execution has this id, if any. */
  find(executionId: string): Job | undefined {
    // Every execution id the engine makes is a UUID it keeps as words: anything else is no job's.
    if (!writeUuidWords(executionId, wanted, 0)) return undefined;
    const [w0, w1, w2, w3] = wanted;
    for (let job = this.head; job !== null; job = job.nextLive) {
      if (job.id0 === w0 && job.id1 === w1 && job.id2 === w2 && job.id3 === w3) return job;
    }
    return undefined;
  }

  /** A snapshot of every live job, newest first (safe to change the list while using it). */
  toArray(): Job[] {
    const out: Job[] = [];
    for (let job = this.head; job !== null; job = job.nextLive) out.push(job);
    return out;
  }
}
