import type { OutputChunk, ResourceSample } from '../../../shared/schemas/execution.js';

/** Samples kept for a running execution; the engine's downsampled series replaces them at the end. */
const LIVE_SAMPLES = 300;

interface Buffer {
  taskId: string;
  chunks: OutputChunk[];
  bytes: number;
  samples: ResourceSample[];
}

/**
 * The output tail and recent samples of running executions, so a window opening one mid-run
 * sees what it missed. Capped like the stored tail; dropped when the run ends.
 */
export class LiveOutput {
  private readonly buffers = new Map<string, Buffer>();

  start(executionId: string, taskId: string): void {
    this.buffers.set(executionId, { taskId, chunks: [], bytes: 0, samples: [] });
  }

  append(executionId: string, chunks: OutputChunk[], capBytes: number): void {
    const buffer = this.buffers.get(executionId);
    if (buffer === undefined) return;
    for (const chunk of chunks) {
      buffer.chunks.push(chunk);
      buffer.bytes += chunk.text.length;
    }
    while (buffer.bytes > capBytes && buffer.chunks.length > 1) {
      const dropped = buffer.chunks.shift();
      buffer.bytes -= dropped?.text.length ?? 0;
    }
  }

  sample(executionId: string, sample: ResourceSample): void {
    const buffer = this.buffers.get(executionId);
    if (buffer === undefined) return;
    buffer.samples.push(sample);
    if (buffer.samples.length > LIVE_SAMPLES) buffer.samples.shift();
  }

  output(executionId: string): OutputChunk[] {
    return [...(this.buffers.get(executionId)?.chunks ?? [])];
  }

  samples(executionId: string): ResourceSample[] {
    return [...(this.buffers.get(executionId)?.samples ?? [])];
  }

  end(executionId: string): void {
    this.buffers.delete(executionId);
  }

  forgetTask(taskId: string): void {
    for (const [id, buffer] of this.buffers) if (buffer.taskId === taskId) this.buffers.delete(id);
  }
}
