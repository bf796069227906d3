import type { OutputChunk, ResourceSample } from '../../shared/schemas/execution.js';
import { newExecution, type ExecutionRecord } from '../../electron/core/execution-record.js';
import { newUuid } from '../../electron/core/ids.js';

/** A small seeded PRNG (mulberry32), so every run of the benchmark writes the same history. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TASKS = 200;

/**
 * Executions shaped like a person's command tasks: 200 tasks, runs lasting 100 ms to 60 s
 * (log-uniform), an output tail of 1 to 20 log-like lines (about 0.1 to 2 KB), and one resource
 * sample per second of the run, as the monitor records them at its default interval.
 */
export class RealisticRuns {
  private readonly random = seeded(42);
  private readonly taskIds = Array.from({ length: TASKS }, () => crypto.randomUUID());
  private at: number;

  constructor(from: number) {
    this.at = from;
  }

  /** The next execution, started; and its end record. */
  next(): { start: ExecutionRecord; end: ExecutionRecord } {
    const i = Math.floor(this.random() * TASKS);
    const taskId = this.taskIds[i] as string;
    const startedAt = (this.at += 1_000);
    const start = newExecution(
      newUuid(),
      taskId,
      `task ${i}`,
      'cron',
      '*/5 * * * *',
      startedAt - 3,
      startedAt,
    );
    start.status = 'running';
    start.startedAt = startedAt;
    start.pid = 10_000 + Math.floor(this.random() * 50_000);
    start.pgid = start.pid;
    start.startToken = String(Math.floor(this.random() * 1e9));
    const durationMs = Math.round(100 * Math.pow(600, this.random()));
    const endedAt = startedAt + durationMs;
    const output: OutputChunk[] = [];
    const lines = 1 + Math.floor(this.random() * 20);
    for (let line = 0; line < lines; line++) {
      const t = startedAt + Math.floor((durationMs * line) / lines);
      output.push({
        t,
        stream: this.random() < 0.1 ? 'stderr' : 'stdout',
        text: `sync: sent ${Math.floor(this.random() * 1e6)} bytes, received ${Math.floor(this.random() * 1e4)} (${line + 1}/${lines})\n`,
      });
    }
    const samples: ResourceSample[] = [];
    for (let t = startedAt + 1_000; t <= endedAt; t += 1_000) {
      samples.push({
        t,
        cpuPercent: Math.round(this.random() * 1_500) / 10,
        rssBytes: 20_000_000 + Math.floor(this.random() * 80_000_000),
      });
    }
    const failed = this.random() < 0.05;
    const cpu = samples.map((s) => s.cpuPercent);
    const end: ExecutionRecord = {
      ...start,
      status: failed ? 'failed' : 'succeeded',
      endedAt,
      exitCode: failed ? 1 : 0,
      error: failed ? 'exited with code 1' : null,
      outputBytes: output.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.text), 0),
      output,
      samples,
      resources: {
        cpuTimeMs: Math.round(durationMs * 0.3),
        cpuAvgPercent: cpu.length === 0 ? null : cpu.reduce((a, b) => a + b, 0) / cpu.length,
        cpuPeakPercent: cpu.length === 0 ? null : Math.max(...cpu),
        rssPeakBytes: samples.length === 0 ? null : Math.max(...samples.map((s) => s.rssBytes)),
      },
    };
    return { start, end };
  }
}
