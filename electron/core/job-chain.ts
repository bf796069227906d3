/** What a chain links: anything with a place for its two neighbours. */
export interface ChainLink<T> {
  prevInTask: T | null;
  nextInTask: T | null;
}

/**
 * A task's waiting or running jobs, in arrival order, threaded through the jobs themselves (a
 * job is in one of its task's two chains at a time). Adding and removing allocate nothing and
 * touch only the job and its neighbours; arrays per task cost a reallocation and a cache miss
 * on their backing store for every fire.
 */
export class JobChain<Job extends ChainLink<Job>> {
  first: Job | null = null;
  last: Job | null = null;
  size = 0;

  push(job: Job): void {
    job.prevInTask = this.last;
    job.nextInTask = null;
    if (this.last !== null) this.last.nextInTask = job;
    else this.first = job;
    this.last = job;
    this.size++;
  }

  /** Removes `job`, which must be in this chain. */
  remove(job: Job): void {
    if (job.prevInTask !== null) job.prevInTask.nextInTask = job.nextInTask;
    else this.first = job.nextInTask;
    if (job.nextInTask !== null) job.nextInTask.prevInTask = job.prevInTask;
    else this.last = job.prevInTask;
    job.prevInTask = null;
    job.nextInTask = null;
    this.size--;
  }

  /** A snapshot in arrival order (safe to change the chain while using it). */
  toArray(): Job[] {
    const out: Job[] = [];
    for (let job = this.first; job !== null; job = job.nextInTask) out.push(job);
    return out;
  }
}
