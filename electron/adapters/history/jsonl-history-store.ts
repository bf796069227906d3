import { closeSync, constants, ftruncateSync, openSync, renameSync, rmSync } from 'node:fs';
import { open, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../../../shared/schemas/system.js';
import type { StatsSummary } from '../../../shared/schemas/stats.js';
import type { TaskStats } from '../../../shared/schemas/task.js';
import type { ExecutionRecord } from '../../core/execution-record.js';
import type { HistoryPage, HistoryQuery, HistoryStore } from '../../core/ports/history-store.js';
import type { TraceRecord } from '../../core/trace-table.js';
import {
  fsyncDirectory,
  isErrnoException,
  PRIVATE_FILE_MODE,
  writeFileAtomic,
} from '../stores/atomic-file.js';
import { copyAside } from '../stores/move-aside.js';
import { HistoryAggregates } from './history-aggregates.js';
import { decodeCursor, encodeCursor } from './history-cursor.js';
import {
  decodeEnd,
  decodeStart,
  decodeTrace,
  encodeEnd,
  encodeRemoval,
  encodeStart,
  encodeTrace,
  peekLine,
  statusIndex,
  type LinePeek,
} from './history-line.js';
import { readManifest, writeManifest, type HistoryManifest } from './history-manifest.js';
import { LruMap } from './lru-map.js';
import {
  idFilterPath,
  listSegments,
  scanLines,
  segmentPath,
  sidecarPath,
} from './segment-files.js';
import { SegmentIdFilter } from './segment-id-filter.js';
import { SegmentIndex, type EndEntry, type SegmentSummary } from './segment-index.js';
import { TaskOrdinals } from './task-ordinals.js';
import {
  createSegmentFile,
  datasync,
  openTempBeside,
  LineWriter,
  readFully,
  writeFully,
} from './segment-sync-io.js';

/** Where and how `JsonlHistoryStore` keeps the log. */
export interface JsonlHistoryStoreOptions {
  /** The data folder; the log lives in `<dir>/history/`. */
  dir: string;
  /** Size at which a segment is sealed and a new one begun (default 8 MiB). */
  segmentBytes?: number;
  /**
   * How long written records wait for the fdatasync that makes them survive a power loss
   * (default 100 ms). Every record reaches the kernel in the call that records it.
   */
  flushDelayMs?: number;
  /** Bytes written and not yet synced that trigger the fdatasync at once (default 1 MiB). */
  flushBytes?: number;
  /** Sealed segment indexes kept in memory (default 8). */
  cachedIndexes?: number;
  /** Sealed segment id filters kept in memory (default 256; about 4 bytes per execution). */
  cachedFilters?: number;
}

/** An execution started and not ended: what removals and rotations need of it. */
interface OpenStart {
  taskId: string;
  /** The start record as written (without its newline), re-written at the head of a new segment. */
  json: string;
  q: number;
}

interface LogLine {
  /** The record; its line is this and a newline. */
  json: string;
  peek: LinePeek;
  /** For a start line: the start as kept while it is open. */
  start?: OpenStart;
}

interface ActiveSegment {
  n: number;
  /** Open for reading and writing; lines are written at `size` with positional writes. */
  fd: number;
  /** Bytes of whole lines in the file (all in the kernel, not necessarily on the disk). */
  size: number;
  index: SegmentIndex;
}

/** Unreadable lines found in a segment while opening, and where a copy of it was kept. */
interface Damage {
  skipped: number;
  copy: string | null;
}

/** What scanning the newest segment found: damage, and the executions it leaves open. */
interface ActiveScan extends Damage {
  /** The open executions as their start lines tell them, by id. */
  started: Map<string, ExecutionRecord>;
}

interface Located<E> {
  n: number;
  entry: E;
}

const MIB = 1024 * 1024;
/** Aggregates are rewritten at most this often by timed batches (explicit flushes always). */
const AGGREGATES_EVERY_MS = 1_000;

function lowerBound(entries: readonly { q: number }[], q: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid]?.q ?? Infinity) < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lines less than this apart are read together rather than one by one. */
const READ_GAP_BYTES = 64 * 1024;

function byOffset(entries: readonly { offset: number }[], a: number, b: number): number {
  return (entries[a]?.offset ?? 0) - (entries[b]?.offset ?? 0);
}

function withoutDetail(record: ExecutionRecord): ExecutionRecord {
  return { ...record, output: [], samples: [] };
}

/**
 * HistoryStore as an append-only log of JSON lines in `<dir>/history/segment-NNNNNN.jsonl`,
 * sealed at a size limit. Each record is written to the segment (a synchronous write, so it is in
 * the kernel) in the call that records it: a crash of the process loses nothing recorded. The
 * fdatasync against power loss is batched (`flushDelayMs`), and `flush()` makes everything
 * durable. Each segment starts with the start records of executions still open when it began,
 * so `open()` finds unfinished executions by scanning only the last segment. Sealed segments
 * get a sidecar index (offsets of each task's end and trace records) and a line in
 * `segments.json`; queries read them lazily through a small LRU, so memory does not grow with
 * the log. `aggregates.json` holds the incrementally kept figures, stamped with the sequence
 * number they cover so `open()` replays only what came after. Whole lines that do not parse
 * are damage, not a torn write: they are reported by `open()` and never dropped without a copy.
 */
export class JsonlHistoryStore implements HistoryStore {
  private readonly root: string;
  private readonly segmentBytes: number;
  private readonly flushDelayMs: number;
  private readonly flushBytes: number;
  private readonly cache: LruMap<number, SegmentIndex>;
  private readonly filters: LruMap<number, SegmentIdFilter>;
  private manifest: HistoryManifest = { segments: [], removed: {} };
  /** The task ids the manifest's segment summaries name, each held once. */
  private ordinals = new TaskOrdinals();
  private active: ActiveSegment | null = null;
  /** Sealed by a rotation, not yet synced, closed and given their sidecars (oldest first). */
  private retired: ActiveSegment[] = [];
  /** Executions started and not ended, by id, as recorded (some may not be written yet). */
  private readonly openStarts = new Map<string, OpenStart>();
  /**
   * Executions open as far as the written log goes: what a new segment must carry. (An end
   * whose write failed is not in the log; its start must still be carried.)
   */
  private readonly writtenOpen = new Map<string, OpenStart>();
  /** Removed task ids to the sequence number of their removal marker. */
  private readonly removed = new Map<string, number>();
  /** The removal markers already in the written log: only these go into the manifest. */
  private readonly writtenRemoved = new Map<string, number>();
  /** Executions still running when their task was removed: their ends are not recorded. */
  private readonly orphans = new Set<string>();
  private aggregates = new HistoryAggregates();
  /** Changes made to the aggregates, and how many of them `aggregates.json` holds. */
  private aggregatesChanges = 0;
  private aggregatesSaved = 0;
  private aggregatesWrittenAt = 0;
  /** Lines whose write failed (a full disk, say), in order: written before any later line. */
  private pending: LogLine[] = [];
  private readonly lines = new LineWriter();
  /** Bytes written since the last fdatasync was started. */
  private unsynced = 0;
  /** Whether the active segment has writes its last fdatasync did not cover. */
  private activeDirty = false;
  /** Whether a segment file was created or replaced since the folder was last synced. */
  private folderDirty = false;
  private nextQ = 1;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private urgent = false;

  constructor(options: JsonlHistoryStoreOptions) {
    this.root = join(options.dir, 'history');
    this.segmentBytes = options.segmentBytes ?? 8 * MIB;
    this.flushDelayMs = options.flushDelayMs ?? 100;
    this.flushBytes = options.flushBytes ?? MIB;
    this.cache = new LruMap(options.cachedIndexes ?? 8);
    this.filters = new LruMap(options.cachedFilters ?? 256);
  }

  // ---- opening --------------------------------------------------------------------------------

  async open(): Promise<{ unfinished: ExecutionRecord[]; problems: Problem[] }> {
    if (this.active !== null) throw new Error('The history is already open');
    return this.exclusive(async () => {
      const problems: Problem[] = [];
      this.openStarts.clear();
      this.writtenOpen.clear();
      this.removed.clear();
      this.writtenRemoved.clear();
      this.orphans.clear();
      this.pending = [];
      this.retired = [];
      this.unsynced = 0;
      this.activeDirty = false;
      this.folderDirty = false;
      // Output tails may hold secrets: the folder and its files are the user's alone.
      await mkdir(this.root, { recursive: true, mode: 0o700 });
      await this.removeTemps();
      const numbers = await listSegments(this.root);
      const last = numbers.at(-1) ?? 1;
      this.ordinals = new TaskOrdinals();
      const manifest = await readManifest(this.root, this.ordinals);
      for (const [taskId, q] of Object.entries(manifest?.removed ?? {}))
        this.removed.set(taskId, q);
      const known = new Map((manifest?.segments ?? []).map((s) => [s.n, s]));
      const outdated = new Set(manifest?.outdated ?? []);
      const sealed: SegmentSummary[] = [];
      const damaged = new Map<number, Damage>();
      const noteDamage = (n: number, skipped: number, copy: string | null = null) => {
        if (skipped > 0) damaged.set(n, { skipped, copy: copy ?? damaged.get(n)?.copy ?? null });
      };
      let rebuilt = false;
      for (const n of numbers.slice(0, -1)) {
        // A segment sealed just before a crash may lack its sidecar and manifest line.
        const summary = known.get(n);
        const sidecar = summary === undefined && outdated.has(n) ? await this.readSidecar(n) : null;
        if (summary !== undefined) sealed.push(summary);
        else if (sidecar !== null) {
          this.cache.set(n, sidecar.index);
          sealed.push(sidecar.index.summary(sidecar.bytes, this.ordinals));
          rebuilt = true;
        } else {
          const rebuild = await this.rebuildSidecar(n);
          noteDamage(n, rebuild.skipped);
          sealed.push(rebuild.summary);
          rebuilt = true;
        }
      }
      this.manifest = { segments: sealed, removed: Object.fromEntries(this.removed) };
      if (manifest === null || rebuilt || sealed.length !== manifest.segments.length) {
        await writeManifest(this.root, this.manifest, this.ordinals);
      }

      const stored = await this.readAggregates();
      const coveredQ = stored?.q ?? 0;
      this.aggregates = stored?.aggregates ?? new HistoryAggregates();
      this.aggregatesChanges = stored === null ? 1 : 0;
      this.aggregatesSaved = 0;
      for (const segment of sealed) {
        if (segment.maxQ > coveredQ)
          noteDamage(segment.n, await this.replaySealed(segment.n, coveredQ));
      }
      const activeScan = await this.openActive(last, coveredQ);
      noteDamage(last, activeScan.skipped, activeScan.copy);
      for (const [n, { skipped, copy }] of damaged) {
        problems.push(this.skippedProblem(n, skipped, copy));
      }
      for (const [id, start] of this.openStarts) {
        if (this.hidden(start.taskId, start.q)) this.openStarts.delete(id);
        else this.writtenOpen.set(id, start);
      }
      for (const [taskId, q] of this.removed) this.writtenRemoved.set(taskId, q);
      const highest = Math.max(
        coveredQ,
        this.active?.index.lastQ ?? 0,
        ...sealed.map((s) => s.maxQ),
        ...this.removed.values(),
        ...[...this.openStarts.values()].map((s) => s.q),
      );
      this.nextQ = highest + 1;
      const unfinished: ExecutionRecord[] = [];
      for (const id of this.openStarts.keys()) {
        const record = activeScan.started.get(id);
        if (record !== undefined) unfinished.push(record);
      }
      return { unfinished, problems };
    });
  }

  private async removeTemps(): Promise<void> {
    for (const name of await readdir(this.root)) {
      if (name.includes('.tmp-')) await rm(join(this.root, name), { force: true });
    }
  }

  /**
   * Scans the last segment: its index, the open executions, markers. Cuts a torn tail (bytes
   * after the last newline); whole lines it cannot read stay where they are, and the segment is
   * copied aside before that cut if it holds any. Returns the unreadable lines found and the
   * executions left open.
   */
  private async openActive(n: number, coveredQ: number): Promise<ActiveScan> {
    const path = segmentPath(this.root, n);
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, PRIVATE_FILE_MODE);
    try {
      const buffer = await readFile(path);
      const index = new SegmentIndex(n);
      // Most starts end in the same segment: only those still open are decoded, after the scan.
      const starts = new Map<string, { offset: number; length: number; q: number }>();
      const scan = scanLines(buffer, (value, offset, length) => {
        const peek = peekLine(value);
        if (peek === null) return false;
        if (peek.k === 's') {
          starts.set(peek.id, { offset, length, q: peek.q });
        } else if (peek.k === 'e') {
          starts.delete(peek.id);
          if (peek.q > coveredQ) this.replayEnd(value, peek);
        } else if (peek.k === 'r') {
          this.noteRemoval(peek.taskId, peek.q);
          if (peek.q > coveredQ) {
            this.aggregates.remove(peek.taskId);
            this.aggregatesChanges++;
          }
        }
        index.note(peek, offset, length);
        return true;
      });
      const { goodEnd } = scan;
      let skipped = scan.skipped;
      const started = new Map<string, ExecutionRecord>();
      for (const [id, { offset, length, q }] of starts) {
        // The line without its newline.
        const json = buffer.toString('utf8', offset, offset + length - 1);
        const record = decodeStart(JSON.parse(json));
        if (record === null) {
          skipped++;
        } else {
          started.set(id, record);
          this.openStarts.set(id, { taskId: record.taskId, json, q });
        }
      }
      let copy: string | null = null;
      if (goodEnd < buffer.length) {
        // The cut rewrites the file: damaged lines in it are kept, as found, in a copy first.
        if (skipped > 0) copy = await copyAside(path, 'damaged', Date.now());
        // A crash mid-write left a partial line: cut it so appends start on a line boundary.
        ftruncateSync(fd, goodEnd);
        await datasync(fd);
      }
      this.active = { n, fd, size: goodEnd, index };
      return { skipped, copy, started };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  private skippedProblem(n: number, skipped: number, copy: string | null): Problem {
    const path = segmentPath(this.root, n);
    const kept =
      copy === null ? 'they are left in place' : `the segment as found is kept in ${copy}`;
    return {
      code: 'history_records_skipped',
      message: `${skipped} unreadable line(s) in the history segment ${path} were skipped (${kept}); the rest of the history is intact.`,
      path,
    };
  }

  private replayEnd(value: unknown, peek: LinePeek): void {
    if (this.hidden(peek.taskId, peek.q)) return;
    const record = decodeEnd(value);
    if (record === null) return;
    this.aggregates.add(record);
    this.aggregatesChanges++;
  }

  /**
   * Adds the records of sealed segment `n` after `coveredQ` to the aggregates; returns how many
   * unreadable lines it skipped.
   */
  private async replaySealed(n: number, coveredQ: number): Promise<number> {
    const buffer = await readFile(segmentPath(this.root, n));
    return scanLines(buffer, (value) => {
      const peek = peekLine(value);
      if (peek === null) return false;
      if (peek.q <= coveredQ) return true;
      if (peek.k === 'e') this.replayEnd(value, peek);
      else if (peek.k === 'r') {
        this.noteRemoval(peek.taskId, peek.q);
        this.aggregates.remove(peek.taskId);
        this.aggregatesChanges++;
      }
      return true;
    }).skipped;
  }

  private noteRemoval(taskId: string, q: number): void {
    this.removed.set(taskId, Math.max(q, this.removed.get(taskId) ?? 0));
  }

  private async readAggregates(): Promise<{ q: number; aggregates: HistoryAggregates } | null> {
    try {
      const json = JSON.parse(await readFile(this.aggregatesPath(), 'utf8')) as unknown;
      if (typeof json !== 'object' || json === null) return null;
      const { q, tasks } = json as { q?: unknown; tasks?: unknown };
      const aggregates = HistoryAggregates.fromJSON(tasks);
      return typeof q === 'number' && aggregates !== null ? { q, aggregates } : null;
    } catch {
      return null;
    }
  }

  private aggregatesPath(): string {
    return join(this.root, 'aggregates.json');
  }

  // ---- recording ------------------------------------------------------------------------------

  recordStart(execution: ExecutionRecord): void {
    this.requireActive();
    const q = this.nextQ++;
    const json = encodeStart(execution, q);
    const start = { taskId: execution.taskId, json, q };
    this.openStarts.set(execution.id, start);
    const peek: LinePeek = {
      k: 's',
      q,
      taskId: execution.taskId,
      id: execution.id,
      status: -1,
      time: 0,
    };
    this.append({ json, peek, start });
  }

  recordEnd(execution: ExecutionRecord): void {
    this.requireActive();
    const { id, taskId } = execution;
    // The end of a run that began before its task was removed belongs to the removed history.
    if (this.orphans.delete(id)) return;
    this.openStarts.delete(id);
    const q = this.nextQ++;
    this.aggregates.add(execution);
    this.aggregatesChanges++;
    this.append({
      json: encodeEnd(execution, q),
      peek: {
        k: 'e',
        q,
        taskId,
        id,
        status: statusIndex(execution.status),
        time: execution.endedAt ?? execution.queuedAt,
      },
    });
  }

  recordTrace(entry: TraceRecord): void {
    this.requireActive();
    const q = this.nextQ++;
    this.append({
      json: encodeTrace(entry, q),
      peek: { k: 't', q, taskId: entry.taskId, id: '', status: -1, time: entry.t },
    });
  }

  async removeTask(taskId: string): Promise<void> {
    this.requireActive();
    const q = this.nextQ++;
    this.removed.set(taskId, q);
    for (const [id, start] of this.openStarts) {
      if (start.taskId !== taskId) continue;
      this.openStarts.delete(id);
      this.orphans.add(id);
    }
    this.aggregates.remove(taskId);
    this.aggregatesChanges++;
    this.append({
      json: encodeRemoval(taskId, q),
      peek: { k: 'r', q, taskId, id: '', status: -1, time: 0 },
    });
    await this.flush();
  }

  /**
   * Writes `item` to the active segment now (or, after a failed write, queues it behind the
   * lines still waiting, so the log keeps the order of recording) and plans the fdatasync.
   * Never throws: a failed write is retried by the next record and by `flush()`, which reports it.
   */
  private append(item: LogLine): void {
    this.pending.push(item);
    try {
      this.writePending();
    } catch {
      this.syncLater(this.flushDelayMs);
      return;
    }
    if (this.unsynced >= this.flushBytes && !this.urgent) {
      this.urgent = true;
      setImmediate(() => {
        this.urgent = false;
        this.syncInBackground();
      });
    }
    this.syncLater(this.flushDelayMs);
  }

  /** Writes the queued lines in order; throws the first write error, keeping the rest queued. */
  private writePending(): void {
    let written = 0;
    try {
      for (const item of this.pending) {
        this.write(item);
        written++;
      }
    } finally {
      // Emptied in place when all went out: splice would make an array of what it removed.
      if (written === this.pending.length) this.pending.length = 0;
      else this.pending.splice(0, written);
    }
  }

  /** Writes one line at the end of the active segment (rotating first if it would not fit). */
  private write(item: LogLine): void {
    let active = this.requireActive();
    const length = Buffer.byteLength(item.json) + 1;
    if (active.size > 0 && active.size + length > this.segmentBytes) {
      try {
        active = this.rotate(active);
      } catch {
        // No new segment (a full disk, a read-only folder): the line still goes to the current
        // one, past its size limit, rather than stay in memory; the next line tries again.
      }
    }
    this.lines.write(active.fd, item.json, length, active.size);
    active.index.note(item.peek, active.size, length);
    active.size += length;
    this.unsynced += length;
    this.activeDirty = true;
    const { k, id, taskId, q } = item.peek;
    if (item.start !== undefined) this.writtenOpen.set(id, item.start);
    else if (k === 'e') this.writtenOpen.delete(id);
    else if (k === 'r') {
      this.writtenRemoved.set(taskId, q);
      for (const [openId, start] of this.writtenOpen) {
        if (start.taskId === taskId && start.q < q) this.writtenOpen.delete(openId);
      }
    }
  }

  /**
   * Seals the active segment and begins the next one, which starts with the start lines of
   * every execution open as of the end of the sealed one, so the newest segment alone tells
   * what is unfinished. Synchronous, like the writes around it; the sealed segment's sync,
   * sidecars and manifest line follow in the background (`open()` rebuilds them if lost).
   */
  private rotate(old: ActiveSegment): ActiveSegment {
    const n = old.n + 1;
    const carried = [...this.writtenOpen.values()].sort((a, b) => a.q - b.q);
    const head = Buffer.from(carried.map((start) => `${start.json}\n`).join(''));
    // Temp + rename: a crash never leaves a newest segment missing some carried starts.
    const fd = createSegmentFile(segmentPath(this.root, n), head);
    const index = new SegmentIndex(n);
    index.lastQ = carried.at(-1)?.q ?? 0;
    const active = { n, fd, size: head.length, index };
    this.active = active;
    // Its index stays in memory only until its sidecar is written (see sealedIndex): caching
    // every sealed index would grow the host by a few MiB a segment until the cache is full,
    // though nobody may ever ask for those records.
    this.retired.push(old);
    this.manifest.segments.push(old.index.summary(old.size, this.ordinals));
    this.manifest.removed = Object.fromEntries(this.writtenRemoved);
    this.unsynced += head.length;
    this.activeDirty = true;
    this.folderDirty = true;
    this.syncLater(0);
    return active;
  }

  /** Plans a background sync in `ms` (or sooner, if one is already planned). */
  private syncLater(ms: number): void {
    if (this.timer !== null) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.syncInBackground();
    }, ms);
    // Unsynced records must not keep a process alive; close() syncs them.
    this.timer.unref();
  }

  private syncInBackground(): void {
    this.exclusive(() => this.sync(false)).catch(() => {
      // Lines that could not be written stay queued: try again later; flush() reports the error.
      if (this.pending.length > 0 && this.active !== null) this.syncLater(this.flushDelayMs);
    });
  }

  flush(): Promise<void> {
    return this.exclusive(() => this.sync(true));
  }

  /** Runs `task` after every operation queued before it; file work never interleaves. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Makes every line recorded so far durable: writes the queued ones (throwing if that still
   * fails), syncs retired segments and gives them their sidecars, syncs the active segment and
   * the folder, then derived files.
   */
  private async sync(explicit: boolean): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writePending();
    const now = Date.now();
    // Snapshot now: nothing is queued, so the aggregates cover exactly the lines written.
    const changes = this.aggregatesChanges;
    const aggregatesJson =
      changes !== this.aggregatesSaved &&
      (explicit || now - this.aggregatesWrittenAt >= AGGREGATES_EVERY_MS)
        ? JSON.stringify({ v: 1, q: this.nextQ - 1, tasks: this.aggregates.toJSON() })
        : null;
    this.unsynced = 0;
    await this.sealRetired();
    const active = this.requireActive();
    if (this.activeDirty) {
      this.activeDirty = false;
      try {
        await datasync(active.fd);
      } catch (error) {
        this.activeDirty = true;
        throw error;
      }
    }
    if (this.folderDirty) {
      this.folderDirty = false;
      fsyncDirectory(this.root);
    }
    if (aggregatesJson !== null) {
      await writeFileAtomic(this.aggregatesPath(), aggregatesJson);
      this.aggregatesSaved = changes;
      this.aggregatesWrittenAt = now;
    }
  }

  /**
   * Syncs and closes the segments rotations sealed before this call, then writes their sidecars
   * and the manifest. (Only those: under a steady stream of records, rotations could otherwise
   * keep the loop going forever.)
   */
  private async sealRetired(): Promise<void> {
    const count = this.retired.length;
    if (count === 0) return;
    for (let i = 0; i < count; i++) {
      const old = this.retired[0];
      if (old === undefined) break;
      await datasync(old.fd);
      closeSync(old.fd);
      try {
        await this.writeSidecars(old.index, old.size);
      } finally {
        // Once the sidecar is written (or failed: the segment itself is then the truth).
        this.retired.shift();
      }
    }
    await writeManifest(this.root, this.manifest, this.ordinals);
  }

  private requireActive(): ActiveSegment {
    if (this.active === null) throw new Error('The history is not open');
    return this.active;
  }

  // ---- reading --------------------------------------------------------------------------------

  private hidden(taskId: string, q: number): boolean {
    const removedAt = this.removed.get(taskId);
    return removedAt !== undefined && q < removedAt;
  }

  /** Sealed segments, newest first. */
  private sealedNewestFirst(): SegmentSummary[] {
    return [...this.manifest.segments].sort((a, b) => b.n - a.n);
  }

  /** A sealed segment's index: from the cache, its sidecar, or rebuilt from the segment. */
  private async sealedIndex(n: number): Promise<SegmentIndex> {
    const cached = this.cache.get(n) ?? this.retired.find((segment) => segment.n === n)?.index;
    if (cached !== undefined) return cached;
    let index = (await this.readSidecar(n))?.index ?? null;
    if (index === null) {
      // Missing, stale (a compaction was interrupted) or damaged: the segment itself is the truth.
      const rebuilt = await this.rebuildSidecar(n);
      this.manifest.segments = this.manifest.segments.map((s) => (s.n === n ? rebuilt.summary : s));
      await writeManifest(this.root, this.manifest, this.ordinals);
      index = rebuilt.index;
    }
    this.cache.set(n, index);
    return index;
  }

  /** Sealed segment `n`'s sidecar index and size; null when it is missing, stale or damaged. */
  private async readSidecar(n: number): Promise<{ index: SegmentIndex; bytes: number } | null> {
    try {
      const [text, info] = await Promise.all([
        readFile(sidecarPath(this.root, n), 'utf8'),
        stat(segmentPath(this.root, n)),
      ]);
      const index = SegmentIndex.fromSidecar(text, n, info.size);
      return index === null ? null : { index, bytes: info.size };
    } catch (error) {
      if (!(isErrnoException(error) && error.code === 'ENOENT')) throw error;
      return null;
    }
  }

  /** Indexes sealed segment `n` from its lines and writes its sidecar; counts unreadable lines. */
  private async rebuildSidecar(
    n: number,
  ): Promise<{ index: SegmentIndex; summary: SegmentSummary; skipped: number }> {
    const buffer = await readFile(segmentPath(this.root, n));
    const index = new SegmentIndex(n);
    const { skipped } = scanLines(buffer, (value, offset, length) => {
      const peek = peekLine(value);
      if (peek === null) return false;
      if (peek.k === 'r') this.noteRemoval(peek.taskId, peek.q);
      index.note(peek, offset, length);
      return true;
    });
    await this.writeSidecars(index, buffer.length);
    return { index, summary: index.summary(buffer.length, this.ordinals), skipped };
  }

  /** Writes a sealed segment's sidecar index and id filter, and caches the (small) filter. */
  private async writeSidecars(index: SegmentIndex, bytes: number): Promise<void> {
    const filter = SegmentIdFilter.of(index.endIds());
    this.filters.set(index.n, filter);
    await Promise.all([
      writeFileAtomic(sidecarPath(this.root, index.n), index.toSidecar(bytes)),
      writeFileAtomic(idFilterPath(this.root, index.n), filter.toBuffer(bytes)),
    ]);
  }

  /** A sealed segment's id filter: from the cache, its file, or rebuilt from its index. */
  private async idFilter(n: number): Promise<SegmentIdFilter> {
    const cached = this.filters.get(n);
    if (cached !== undefined) return cached;
    let filter: SegmentIdFilter | null = null;
    try {
      const [buffer, info] = await Promise.all([
        readFile(idFilterPath(this.root, n)),
        stat(segmentPath(this.root, n)),
      ]);
      filter = SegmentIdFilter.fromBuffer(buffer, info.size);
    } catch (error) {
      if (!(isErrnoException(error) && error.code === 'ENOENT')) throw error;
    }
    if (filter === null) {
      const index = await this.sealedIndex(n);
      const { size } = await stat(segmentPath(this.root, n));
      filter = SegmentIdFilter.of(index.endIds());
      await writeFileAtomic(idFilterPath(this.root, n), filter.toBuffer(size));
    }
    this.filters.set(n, filter);
    return filter;
  }

  /**
   * Reads the lines at `entries` of segment `n`, parsed, in the order given. Lines close to
   * each other are fetched with one read (a page is usually a run of neighbouring lines).
   */
  private async readLines(n: number, entries: readonly { offset: number; length: number }[]) {
    // A handle of its own, even for the active segment: lines are written there with positional
    // writes, and a rotation may retire that descriptor while this read waits.
    const handle = await open(segmentPath(this.root, n), 'r');
    try {
      const order = entries.map((_, i) => i).sort((a, b) => byOffset(entries, a, b));
      const out = new Array<unknown>(entries.length).fill(null);
      let i = 0;
      while (i < order.length) {
        const first = entries[order[i] ?? 0];
        if (first === undefined) break;
        let end = first.offset + first.length;
        let j = i + 1;
        for (; j < order.length; j++) {
          const next = entries[order[j] ?? 0];
          if (next === undefined || next.offset - end > READ_GAP_BYTES) break;
          end = Math.max(end, next.offset + next.length);
        }
        const buffer = Buffer.allocUnsafe(end - first.offset);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, first.offset);
        for (; i < j; i++) {
          const index = order[i] ?? 0;
          const entry = entries[index];
          if (entry === undefined) continue;
          const from = entry.offset - first.offset;
          try {
            out[index] = JSON.parse(
              buffer.toString('utf8', from, Math.min(from + entry.length, bytesRead)),
            );
          } catch {
            out[index] = null;
          }
        }
      }
      return out;
    } finally {
      await handle.close();
    }
  }

  private async readEnds(located: readonly Located<EndEntry>[]): Promise<ExecutionRecord[]> {
    const out: ExecutionRecord[] = [];
    let i = 0;
    while (i < located.length) {
      const n = located[i]?.n;
      const group: EndEntry[] = [];
      while (i < located.length && located[i]?.n === n) {
        const entry = located[i]?.entry;
        if (entry !== undefined) group.push(entry);
        i++;
      }
      if (n === undefined) break;
      for (const value of await this.readLines(n, group)) {
        const record = decodeEnd(value);
        if (record !== null) out.push(record);
      }
    }
    return out;
  }

  list(query: HistoryQuery): Promise<HistoryPage> {
    return this.exclusive(async () => {
      const limit = Math.max(1, Math.floor(query.limit));
      const before = query.cursor === undefined ? Infinity : decodeCursor(query.cursor);
      const statuses =
        query.statuses === undefined ? null : new Set(query.statuses.map(statusIndex));
      const since = query.since ?? -Infinity;
      const until = query.until ?? Infinity;
      const picked: Located<EndEntry>[] = [];
      const take = (n: number, entries: readonly EndEntry[]): boolean => {
        for (let i = lowerBound(entries, before) - 1; i >= 0; i--) {
          const entry = entries[i];
          if (entry === undefined || this.hidden(entry.taskId, entry.q)) continue;
          if (statuses !== null && !statuses.has(entry.status)) continue;
          if (entry.time < since || entry.time >= until) continue;
          picked.push({ n, entry });
          if (picked.length > limit) return true;
        }
        return false;
      };
      const active = this.requireActive();
      // Undefined for a task no sealed segment names, null for every task.
      const taskOrdinal = query.taskId === undefined ? null : this.ordinals.find(query.taskId);
      let full = take(active.n, active.index.endsOf(query.taskId));
      for (const segment of this.sealedNewestFirst()) {
        if (full) break;
        if (segment.minQ === null || segment.minQ >= before) continue;
        if (taskOrdinal !== null && segment.tasks.ends(taskOrdinal) === 0) continue;
        // Its ends all fall outside the time range, or none has a wanted status: no index read.
        if (segment.maxT === null || segment.maxT < since || (segment.minT ?? 0) >= until) continue;
        if (statuses !== null && ![...statuses].some((i) => (segment.statuses[i] ?? 0) > 0))
          continue;
        full = take(segment.n, (await this.sealedIndex(segment.n)).endsOf(query.taskId));
      }
      const page = picked.slice(0, limit);
      const items = (await this.readEnds(page)).map(withoutDetail);
      const last = page.at(-1);
      return {
        items,
        nextCursor: picked.length > limit && last !== undefined ? encodeCursor(last.entry.q) : null,
      };
    });
  }

  get(id: string): Promise<ExecutionRecord | null> {
    return this.exclusive(async () => {
      const active = this.requireActive();
      let found: Located<EndEntry> | null = null;
      const own = active.index.byId(id);
      if (own !== undefined) found = { n: active.n, entry: own };
      for (const segment of this.sealedNewestFirst()) {
        if (found !== null) break;
        if (!(await this.idFilter(segment.n)).mightHave(id)) continue;
        const entry = (await this.sealedIndex(segment.n)).byId(id);
        if (entry !== undefined) found = { n: segment.n, entry };
      }
      if (found === null || this.hidden(found.entry.taskId, found.entry.q)) return null;
      return (await this.readEnds([found]))[0] ?? null;
    });
  }

  trace(taskId: string, limit: number): Promise<TraceRecord[]> {
    return this.exclusive(async () => {
      const out: TraceRecord[] = [];
      const collect = async (n: number, index: SegmentIndex) => {
        const wanted = index
          .tracesOf(taskId)
          .filter((entry) => !this.hidden(taskId, entry.q))
          .slice(-(limit - out.length))
          .reverse();
        for (const value of await this.readLines(n, wanted)) {
          const record = decodeTrace(value);
          if (record !== null) out.push(record);
        }
      };
      if (limit <= 0) return out;
      const active = this.requireActive();
      // Taken together, before any await: a rotation meanwhile must not list a segment twice.
      const sealed = this.sealedNewestFirst();
      const taskOrdinal = this.ordinals.find(taskId);
      await collect(active.n, active.index);
      for (const segment of sealed) {
        if (out.length >= limit) break;
        if (segment.tasks.traces(taskOrdinal) === 0) continue;
        await collect(segment.n, await this.sealedIndex(segment.n));
      }
      return out;
    });
  }

  taskStats(taskId: string): TaskStats {
    return this.aggregates.taskStats(taskId);
  }

  lastExecution(taskId: string): ExecutionRecord | null {
    return this.aggregates.lastExecution(taskId);
  }

  recentDurations(taskId: string, limit: number): number[] {
    return this.aggregates.recentDurations(taskId, limit);
  }

  summary(options: { taskId?: string; since?: number }): StatsSummary {
    return this.aggregates.summary(options);
  }

  // ---- retention --------------------------------------------------------------------------------

  /**
   * Keeps each task's `keep` newest executions (tasks absent from `keep` have no count limit)
   * and none that ended before `now - maxAgeMs`; traces older than that go too, and so do the
   * records of removed tasks. Affected segments are rewritten atomically and re-indexed.
   * Returns how many executions retention removed (removed tasks' records are not counted).
   */
  prune(options: {
    keep: ReadonlyMap<string, number>;
    maxAgeMs: number;
    now: number;
  }): Promise<number> {
    return this.exclusive(async () => {
      await this.sync(true);
      const cutoff = options.now - options.maxAgeMs;
      const kept = new Map<string, number>();
      let removedCount = 0;
      const active = this.requireActive();
      const segments = [active.n, ...this.sealedNewestFirst().map((s) => s.n)];
      for (const n of segments) {
        const index = n === active.n ? active.index : await this.sealedIndex(n);
        const drop = new Set<number>();
        const dropIds = new Set<string>();
        for (let i = index.ends.length - 1; i >= 0; i--) {
          const entry = index.ends[i];
          if (entry === undefined) continue;
          if (this.hidden(entry.taskId, entry.q)) {
            drop.add(entry.q);
            dropIds.add(entry.id);
            continue;
          }
          const count = kept.get(entry.taskId) ?? 0;
          if (entry.time < cutoff || count >= (options.keep.get(entry.taskId) ?? Infinity)) {
            drop.add(entry.q);
            dropIds.add(entry.id);
            removedCount++;
          } else {
            kept.set(entry.taskId, count + 1);
          }
        }
        for (const entry of index.allTraces()) {
          if (entry.time < cutoff || this.hidden(entry.taskId, entry.q)) drop.add(entry.q);
        }
        if (drop.size > 0) await this.rewrite(n, drop, dropIds);
      }
      this.manifest.removed = Object.fromEntries(this.writtenRemoved);
      await writeManifest(this.root, this.manifest, this.ordinals);
      return removedCount;
    });
  }

  /**
   * Rewrites segment `n` without the end and trace lines in `drop` (and, in the active
   * segment, the starts of the dropped executions; sealed segments lose every start line,
   * since only the newest segment's starts are ever read). A segment with unreadable lines is
   * copied aside first: the rewrite drops them.
   */
  private async rewrite(n: number, drop: Set<number>, dropIds: Set<string>): Promise<void> {
    // A segment a rotation sealed meanwhile gets its sidecar now, so none is written stale later.
    await this.sealRetired();
    const active = this.requireActive();
    const isActive = n === active.n;
    const path = segmentPath(this.root, n);
    // Records go on being appended to the active segment: read the whole lines written so far.
    const written = active.size;
    const file = await readFile(path);
    const buffer = isActive ? file.subarray(0, written) : file;
    const index = new SegmentIndex(n);
    const parts: Buffer[] = [];
    let size = 0;
    const { skipped } = scanLines(buffer, (value, offset, length) => {
      const peek = peekLine(value);
      if (peek === null) return false;
      const dropped =
        ((peek.k === 'e' || peek.k === 't') && drop.has(peek.q)) ||
        (peek.k === 's' && (!isActive || dropIds.has(peek.id)));
      if (!dropped) {
        parts.push(buffer.subarray(offset, offset + length));
        index.note(peek, size, length);
        size += length;
      }
      return true;
    });
    if (skipped > 0) await copyAside(path, 'damaged', Date.now());
    if (isActive) {
      // A rotation while this ran made the segment a sealed one: rewrite it as such.
      if (!(await this.replaceActive(n, Buffer.concat(parts), written, index))) {
        await this.rewrite(n, drop, dropIds);
      }
      return;
    }
    this.cache.delete(n);
    this.filters.delete(n);
    if (size === 0) {
      // Segment first: a manifest line without its segment is ignored by open(), while a
      // segment without its manifest line would be re-indexed and its records revived.
      await rm(path, { force: true });
      await rm(sidecarPath(this.root, n), { force: true });
      await rm(idFilterPath(this.root, n), { force: true });
      this.manifest.segments = this.manifest.segments.filter((s) => s.n !== n);
      await writeManifest(this.root, this.manifest, this.ordinals);
      return;
    }
    await writeFileAtomic(path, Buffer.concat(parts));
    await this.writeSidecars(index, size);
    this.manifest.segments = this.manifest.segments.map((s) =>
      s.n === n ? index.summary(size, this.ordinals) : s,
    );
  }

  /**
   * Replaces active segment `n` with `content` (its first `written` bytes, rewritten; `index`
   * indexes it) plus whatever was appended since, which is copied over in one synchronous step
   * so that no record lands in the old file after the copy. False if `n` is no longer active.
   */
  private async replaceActive(
    n: number,
    content: Buffer,
    written: number,
    index: SegmentIndex,
  ): Promise<boolean> {
    const path = segmentPath(this.root, n);
    const { temp, fd } = openTempBeside(path);
    let active: ActiveSegment;
    let appended: Buffer;
    try {
      writeFully(fd, content, 0);
      await datasync(fd);
      active = this.requireActive();
      if (active.n !== n) {
        closeSync(fd);
        rmSync(temp, { force: true });
        return false;
      }
      appended = Buffer.allocUnsafe(active.size - written);
      readFully(active.fd, appended, written);
      writeFully(fd, appended, content.length);
      renameSync(temp, path);
    } catch (error) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw error;
    }
    scanLines(appended, (value, offset, length) => {
      const peek = peekLine(value);
      if (peek !== null) index.note(peek, content.length + offset, length);
      return peek !== null;
    });
    this.active = { n, fd, size: content.length + appended.length, index };
    this.activeDirty = true;
    this.folderDirty = true;
    closeSync(active.fd);
    return true;
  }

  async close(): Promise<void> {
    if (this.active === null) return;
    await this.exclusive(async () => {
      if (this.active === null) return;
      await this.sync(true);
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      closeSync(this.active.fd);
      this.active = null;
    });
  }
}
