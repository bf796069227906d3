import { newExecution, type ExecutionRecord } from './execution-record.js';
import type { Job } from './task-runtime.js';
import { uuidOfWords } from './uuid-words.js';

/** A job's execution id as a string: made when asked for, since a fire keeps only its words. */
export function executionIdOf(job: Job): string {
  return job.record?.id ?? uuidOfWords(job.id0, job.id1, job.id2, job.id3);
}

/**
 * The record of a job's execution as listeners and callers see it, brought up to date. It is
 * made the first time anyone needs it (a library scheduler without listeners never does, so its
 * fires allocate one object each) and then kept: the executor brings it up to date at every
 * change of the job, so whoever holds it sees the run progress, as with a record kept all along.
 */
export function recordOf(job: Job): ExecutionRecord {
  let record = job.record;
  if (record === null) {
    const id = executionIdOf(job);
    record = newExecution(
      id,
      job.task.id,
      job.def.name,
      job.source,
      job.detail,
      job.scheduledAt,
      job.queuedAt,
      job.attempt,
      job.firstExecutionId ?? id,
    );
    job.record = record;
  }
  record.status = job.status;
  record.startedAt = job.startedAt;
  record.endedAt = job.endedAt;
  record.error = job.error;
  record.result = job.result;
  const proc = job.proc;
  if (proc !== null) {
    record.pid = proc.pid;
    record.pgid = proc.pgid;
    record.startToken = proc.startToken;
    record.exitCode = proc.exitCode;
    record.signal = proc.signal;
    record.outputBytes = proc.outputBytes;
    record.output = proc.output;
    record.resources = proc.resources;
    record.samples = proc.samples;
  }
  return record;
}
