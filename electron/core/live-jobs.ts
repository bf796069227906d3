import type { Job } from './task-runtime.js';

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
    for (let job = this.head; job !== null; job = job.nextLive) {
      if (job.exec.id === executionId) return job;
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
