import { EXECUTION_STATUSES } from '../../../shared/schemas/execution.js';
import type { LinePeek } from './history-line.js';
import { SegmentTaskCounts } from './segment-task-counts.js';
import type { TaskOrdinals } from './task-ordinals.js';

/** Where one end record sits in its segment, with what queries filter on. */
export interface EndEntry {
  q: number;
  offset: number;
  /** Bytes of the line, newline included. */
  length: number;
  /** Index into EXECUTION_STATUSES. */
  status: number;
  /** endedAt (ms). */
  time: number;
  id: string;
  taskId: string;
}

/** Where one trace record sits in its segment. */
export interface TraceEntry {
  q: number;
  offset: number;
  length: number;
  /** The trace's `t` (ms). */
  time: number;
  taskId: string;
}

interface TaskEntries {
  ends: EndEntry[];
  traces: TraceEntry[];
}

const NO_ENTRIES: TaskEntries = { ends: [], traces: [] };

/** The sidecar file: per task, end entries `[q, offset, length, status, endedAt, id]` and trace
 * entries `[q, offset, length, t]`. */
interface SidecarJson {
  v: 1;
  n: number;
  bytes: number;
  lastQ: number;
  tasks: Record<string, { e: [number, number, number, number, number, string][]; t: number[][] }>;
}

function isNumbers(value: unknown, count: number): boolean {
  if (!Array.isArray(value) || value.length !== count) return false;
  for (const item of value) if (typeof item !== 'number') return false;
  return true;
}

function isEndTuple(value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== 6) return false;
  for (let i = 0; i < 5; i++) if (typeof value[i] !== 'number') return false;
  return typeof value[5] === 'string';
}

/** Checks a parsed sidecar's structure (by hand: a sidecar holds many thousands of tuples). */
function isSidecar(value: unknown): value is SidecarJson {
  if (typeof value !== 'object' || value === null) return false;
  const { v, n, bytes, lastQ, tasks } = value as Partial<Record<keyof SidecarJson, unknown>>;
  if (v !== 1 || typeof n !== 'number' || typeof bytes !== 'number' || typeof lastQ !== 'number')
    return false;
  if (typeof tasks !== 'object' || tasks === null) return false;
  for (const entries of Object.values(tasks)) {
    if (typeof entries !== 'object' || entries === null) return false;
    const { e, t } = entries as { e?: unknown; t?: unknown };
    if (!Array.isArray(e) || !Array.isArray(t)) return false;
    if (!e.every(isEndTuple) || !t.every((tuple) => isNumbers(tuple, 4))) return false;
  }
  return true;
}

/** A sealed segment as the manifest lists it: enough to skip it without reading its index. */
export interface SegmentSummary {
  n: number;
  bytes: number;
  /** Lowest sequence number among its ends and traces (null when it has none). */
  minQ: number | null;
  /** Highest sequence number of any of its lines. */
  maxQ: number;
  /** Per task: its end and trace records here. */
  tasks: SegmentTaskCounts;
  /** Earliest and latest end time (ms) of its end records (null when it has none). */
  minT: number | null;
  maxT: number | null;
  /** Its end records per status, indexed like EXECUTION_STATUSES. */
  statuses: number[];
}

/**
 * The index of one segment: per task, the byte offsets of its end and trace records in log
 * order, and end records by execution id. The open segment's index lives in memory; a sealed
 * segment's is written beside it as a sidecar file and read back lazily.
 */
export class SegmentIndex {
  /** Every end entry, ascending by sequence number. */
  readonly ends: EndEntry[] = [];
  private readonly tasks = new Map<string, TaskEntries>();
  private readonly ids = new Map<string, EndEntry>();
  /** Highest sequence number of any line seen (starts and markers included). */
  lastQ = 0;

  constructor(readonly n: number) {}

  /** Notes a line at `offset` (`length` bytes with its newline). */
  note(peek: LinePeek, offset: number, length: number): void {
    this.lastQ = Math.max(this.lastQ, peek.q);
    if (peek.k === 'e') {
      const entry: EndEntry = {
        q: peek.q,
        offset,
        length,
        status: peek.status,
        time: peek.time,
        id: peek.id,
        taskId: peek.taskId,
      };
      this.ends.push(entry);
      this.entriesOf(peek.taskId).ends.push(entry);
      this.ids.set(entry.id, entry);
    } else if (peek.k === 't') {
      this.entriesOf(peek.taskId).traces.push({
        q: peek.q,
        offset,
        length,
        time: peek.time,
        taskId: peek.taskId,
      });
    }
  }

  private entriesOf(taskId: string): TaskEntries {
    let entries = this.tasks.get(taskId);
    if (entries === undefined) {
      entries = { ends: [], traces: [] };
      this.tasks.set(taskId, entries);
    }
    return entries;
  }

  /** End entries of one task (or all), ascending by sequence number. */
  endsOf(taskId?: string): readonly EndEntry[] {
    return taskId === undefined ? this.ends : (this.tasks.get(taskId) ?? NO_ENTRIES).ends;
  }

  /** Trace entries of one task, ascending by sequence number. */
  tracesOf(taskId: string): readonly TraceEntry[] {
    return (this.tasks.get(taskId) ?? NO_ENTRIES).traces;
  }

  /** Every trace entry, in no particular order. */
  *allTraces(): IterableIterator<TraceEntry> {
    for (const entries of this.tasks.values()) yield* entries.traces;
  }

  /** Every execution id with an end record here. */
  endIds(): IterableIterator<string> {
    return this.ids.keys();
  }

  byId(id: string): EndEntry | undefined {
    return this.ids.get(id);
  }

  /** What the manifest keeps about this segment once it is sealed at `bytes` long. */
  summary(bytes: number, ordinals: TaskOrdinals): SegmentSummary {
    const rows: [string, number, number][] = [];
    let minQ: number | null = null;
    for (const [taskId, entries] of this.tasks) {
      rows.push([taskId, entries.ends.length, entries.traces.length]);
      const first = Math.min(entries.ends[0]?.q ?? Infinity, entries.traces[0]?.q ?? Infinity);
      if (first !== Infinity) minQ = Math.min(minQ ?? Infinity, first);
    }
    let minT: number | null = null;
    let maxT: number | null = null;
    const statuses = EXECUTION_STATUSES.map(() => 0);
    for (const entry of this.ends) {
      minT = Math.min(minT ?? Infinity, entry.time);
      maxT = Math.max(maxT ?? -Infinity, entry.time);
      statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
    }
    const tasks = SegmentTaskCounts.of(rows, ordinals);
    return { n: this.n, bytes, minQ, maxQ: this.lastQ, tasks, minT, maxT, statuses };
  }

  /** The sidecar file's content for this segment sealed at `bytes` long. */
  toSidecar(bytes: number): string {
    const tasks: SidecarJson['tasks'] = {};
    for (const [taskId, entries] of this.tasks) {
      tasks[taskId] = {
        e: entries.ends.map((e) => [e.q, e.offset, e.length, e.status, e.time, e.id]),
        t: entries.traces.map((t) => [t.q, t.offset, t.length, t.time]),
      };
    }
    const json: SidecarJson = { v: 1, n: this.n, bytes, lastQ: this.lastQ, tasks };
    return JSON.stringify(json);
  }

  /** Reads a sidecar back; null unless it is a valid sidecar of segment `n` at `bytes` long. */
  static fromSidecar(text: string, n: number, bytes: number): SegmentIndex | null {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return null;
    }
    if (!isSidecar(json) || json.n !== n || json.bytes !== bytes) return null;
    const index = new SegmentIndex(n);
    index.lastQ = json.lastQ;
    for (const [taskId, entries] of Object.entries(json.tasks)) {
      const own = index.entriesOf(taskId);
      for (const [q, offset, length, status, time, id] of entries.e) {
        const entry: EndEntry = { q, offset, length, status, time, id, taskId };
        own.ends.push(entry);
        index.ends.push(entry);
        index.ids.set(id, entry);
      }
      for (const [q = 0, offset = 0, length = 0, time = 0] of entries.t) {
        own.traces.push({ q, offset, length, time, taskId });
      }
    }
    index.ends.sort((a, b) => a.q - b.q);
    return index;
  }
}
