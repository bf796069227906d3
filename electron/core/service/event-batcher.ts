import type { ApiEvent } from '../../../shared/api.js';
import type { OutputChunk } from '../../../shared/schemas/execution.js';
import type { ExecutionRecord } from '../execution-record.js';
import type { Clock } from '../ports/clock.js';
import type { TraceRecord } from '../trace-table.js';

/** Longest an event waits before it is sent: about ten batches a second at most. */
export const BATCH_MS = 100;
/**
 * Output text sent per execution per batch, at most. A window shows the tail of a log; a task
 * printing a gigabyte must not push a gigabyte through every client (the full tail is kept in
 * the record either way).
 */
export const OUTPUT_PER_BATCH = 256 * 1024;

type LazySlot =
  | { lazy: 'task'; id: string }
  | { lazy: 'execution'; execution: ExecutionRecord }
  | { lazy: 'trace'; record: TraceRecord }
  | { lazy: 'scheduler' };

type Slot = ApiEvent | LazySlot | null;

/**
 * Collects events and hands them out in batches at most every BATCH_MS, in order. Snapshot
 * events (a task's view, the scheduler status, an execution's state) keep only their latest
 * copy in a batch and are built when the batch is sent, so a busy scheduler costs the window
 * one view per task per batch, not one per change.
 */
export class EventBatcher {
  private slots: Slot[] = [];
  private readonly latest = new Map<string, number>();
  private readonly listeners = new Set<(batch: ApiEvent[]) => void>();
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly build: {
      task(id: string): ApiEvent | null;
      execution(execution: ExecutionRecord): ApiEvent;
      trace(record: TraceRecord): ApiEvent;
      scheduler(): ApiEvent;
    },
  ) {}

  subscribe(listener: (batch: ApiEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Adds an event; `key` marks a snapshot whose earlier copy in this batch is dropped. */
  push(event: ApiEvent, key?: string): void {
    this.add(event, key);
  }

  /** Adds output; one event per execution per batch, keeping its newest OUTPUT_PER_BATCH. */
  output(executionId: string, chunks: OutputChunk[]): void {
    if (this.listeners.size === 0) return;
    const key = `output:${executionId}`;
    const index = this.latest.get(key);
    const slot = index === undefined ? null : this.slots[index];
    if (
      slot === null ||
      slot === undefined ||
      !('type' in slot) ||
      slot.type !== 'execution.output'
    ) {
      this.add({ type: 'execution.output', data: { executionId, chunks: [...chunks] } });
      this.latest.set(key, this.slots.length - 1);
      this.trimOutput(this.slots[this.slots.length - 1]);
      return;
    }
    slot.data.chunks.push(...chunks);
    this.trimOutput(slot);
  }

  taskChanged(id: string): void {
    if (this.listeners.size === 0) return;
    this.add({ lazy: 'task', id }, `task:${id}`);
  }

  /**
   * An execution changed: its snapshot is built when the batch is sent (the record is the live
   * one, so a run that queues, starts and ends within a batch costs one snapshot, not three).
   */
  executionChanged(execution: ExecutionRecord): void {
    if (this.listeners.size === 0) return;
    this.add({ lazy: 'execution', execution }, `execution:${execution.id}`);
  }

  /**
   * A running execution's figures changed (its output grew, or it was sampled): its snapshot
   * goes with this batch. One already due in it keeps its place, so a run is still seen running
   * before its output; being built when sent, it carries the new figures anyway.
   */
  executionProgressed(execution: ExecutionRecord): void {
    if (this.latest.has(`execution:${execution.id}`)) return;
    this.executionChanged(execution);
  }

  /** A trace entry, turned into its wire form only when a batch with it is sent. */
  trace(record: TraceRecord): void {
    if (this.listeners.size === 0) return;
    this.add({ lazy: 'trace', record });
  }

  schedulerChanged(): void {
    this.add({ lazy: 'scheduler' }, 'scheduler');
  }

  /** Sends what is pending now (used before stopping). */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const slots = this.slots;
    this.slots = [];
    this.latest.clear();
    const batch: ApiEvent[] = [];
    for (const slot of slots) {
      if (slot === null) continue;
      if ('lazy' in slot) {
        const event = this.built(slot);
        if (event !== null) batch.push(event);
      } else {
        batch.push(slot);
      }
    }
    if (batch.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        console.error('Taskdeck: an event listener threw', error);
      }
    }
  }

  private built(slot: LazySlot): ApiEvent | null {
    switch (slot.lazy) {
      case 'task':
        return this.build.task(slot.id);
      case 'execution':
        return this.build.execution(slot.execution);
      case 'trace':
        return this.build.trace(slot.record);
      case 'scheduler':
        return this.build.scheduler();
    }
  }

  private trimOutput(slot: Slot | undefined): void {
    if (
      slot === null ||
      slot === undefined ||
      !('type' in slot) ||
      slot.type !== 'execution.output'
    )
      return;
    const chunks = slot.data.chunks;
    let size = 0;
    for (const chunk of chunks) size += chunk.text.length;
    while (size > OUTPUT_PER_BATCH && chunks.length > 1) size -= chunks.shift()?.text.length ?? 0;
  }

  private add(slot: Exclude<Slot, null>, key?: string): void {
    if (this.listeners.size === 0) return;
    if (key !== undefined) {
      const previous = this.latest.get(key);
      if (previous !== undefined) this.slots[previous] = null;
      this.latest.set(key, this.slots.length);
    }
    this.slots.push(slot);
    this.cancelTimer ??= this.clock.setTimer(BATCH_MS, () => {
      this.cancelTimer = null;
      this.flush();
    });
  }
}
