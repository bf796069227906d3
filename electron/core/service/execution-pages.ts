import type { ExecutionStatus } from '../../../shared/schemas/execution.js';
import type { ExecutionRecord } from '../execution-record.js';
import type { HistoryPage, HistoryQuery } from '../ports/history-store.js';
import {
  decodeExecutionCursor,
  encodeExecutionCursor,
  notACursor,
  type ExecutionCursor,
} from './execution-cursor.js';

/** What `executions.list` pages over. */
export interface ExecutionSources {
  /** The person's queued and running executions (hidden work left out). */
  live(): readonly ExecutionRecord[];
  /** The history store's pages of ended executions, newest end first. */
  history(query: HistoryQuery): Promise<HistoryPage>;
}

/** One `executions.list` call, validated. */
export interface ExecutionPageRequest {
  taskId?: string;
  statuses?: readonly ExecutionStatus[];
  cursor?: string;
  limit: number;
  /** The time of this call: a first page fixes what the following ones list. */
  now: number;
}

type Filter = Pick<HistoryQuery, 'taskId' | 'statuses'>;

const LIVE: readonly ExecutionStatus[] = ['queued', 'running'];

/** Records read per history call when looking past ones the live part already listed. */
const PEEK = 25;

/**
 * `executions.list`: the executions queued or running when the first page was asked for
 * (newest queued first), then the history (newest end first), each exactly once however the
 * pages fall. What ends while a person pages stays in the live part, where it was: it is
 * looked up in the log's newest records (its end is not before `since`) and skipped in the
 * history part. What is queued after the first page belongs to a fresh first page. The log is
 * in end order, so those ends are its newest records and scans of them stop early.
 */
export async function pageExecutions(
  sources: ExecutionSources,
  request: ExecutionPageRequest,
): Promise<{ items: ExecutionRecord[]; nextCursor: string | null }> {
  const cursor = request.cursor === undefined ? null : decodeExecutionCursor(request.cursor);
  const since = cursor?.since ?? request.now;
  const endedCanMatch =
    request.statuses === undefined || request.statuses.some((status) => !LIVE.includes(status));
  // Ended executions are never queued or running: asked only for those, the log has nothing.
  const history: ExecutionSources['history'] = endedCanMatch
    ? (query) => sources.history(query)
    : () => Promise.resolve({ items: [], nextCursor: null });
  const from = { live: () => sources.live(), history };
  const filter: Filter = {
    ...(request.taskId === undefined ? {} : { taskId: request.taskId }),
    ...(request.statuses === undefined ? {} : { statuses: request.statuses }),
  };
  const historyCursor = (history: string | null) =>
    encodeExecutionCursor({ kind: 'history', since, history });

  if (cursor?.kind === 'history') {
    const rest = await historyPart(from, filter, since, cursor.history, request.limit, true);
    return { items: rest.items, nextCursor: rest.more ? historyCursor(rest.cursor) : null };
  }
  const live = await livePart(from, filter, since, cursor, request);
  if (live.length > request.limit) {
    const items = live.slice(0, request.limit);
    const last = items[items.length - 1] as ExecutionRecord;
    const next: ExecutionCursor = {
      kind: 'live',
      since,
      after: { queuedAt: last.queuedAt, id: last.id },
    };
    return { items, nextCursor: encodeExecutionCursor(next) };
  }
  const rest = await historyPart(from, filter, since, null, request.limit - live.length, false);
  return {
    items: [...live, ...rest.items],
    nextCursor: rest.more ? historyCursor(rest.cursor) : null,
  };
}

/** Newest queued first; the id breaks ties so the order is total and a cursor exact. */
function newerFirst(a: ExecutionRecord, b: ExecutionRecord): number {
  if (a.queuedAt !== b.queuedAt) return b.queuedAt - a.queuedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * True for what the live part lists: queued by `since` and not ended before it. An end in the
 * very millisecond of `since` counts as live: it may have come just after the first page's
 * reads, which then listed it as live (a first page also looks for such ends in the log).
 */
function inLivePart(record: ExecutionRecord, since: number): boolean {
  return record.queuedAt <= since && (record.endedAt === null || record.endedAt >= since);
}

/** The live part below the cursor's key, sorted: still live, or ended since `since`. */
async function livePart(
  sources: ExecutionSources,
  filter: Filter,
  since: number,
  cursor: Extract<ExecutionCursor, { kind: 'live' }> | null,
  request: ExecutionPageRequest,
): Promise<ExecutionRecord[]> {
  const after = cursor?.after;
  const below = (record: ExecutionRecord) =>
    after === undefined ||
    record.queuedAt < after.queuedAt ||
    (record.queuedAt === after.queuedAt && record.id < after.id);
  const picked = new Map<string, ExecutionRecord>();
  // Live first, then the log: one that ends in between is then found in the log, not missed.
  for (const record of sources.live()) {
    if (request.taskId !== undefined && record.taskId !== request.taskId) continue;
    if (request.statuses !== undefined && !request.statuses.includes(record.status)) continue;
    if (inLivePart(record, since) && below(record)) picked.set(record.id, record);
  }
  for (const record of await endedSince(sources, filter, since)) {
    if (inLivePart(record, since) && below(record)) picked.set(record.id, record);
  }
  return [...picked.values()].sort(newerFirst);
}

/** The log's records that ended at or after `since` (its newest), read in growing batches. */
async function endedSince(
  sources: ExecutionSources,
  filter: Filter,
  since: number,
): Promise<ExecutionRecord[]> {
  const out: ExecutionRecord[] = [];
  let cursor: string | null = null;
  for (let batch = 4; ; batch = Math.min(batch * 2, 500)) {
    const page = await sources.history({
      ...filter,
      limit: batch,
      ...(cursor === null ? {} : { cursor }),
    });
    for (const record of page.items) {
      if (record.endedAt === null || record.endedAt < since) return out;
      out.push(record);
    }
    if (page.nextCursor === null) return out;
    cursor = page.nextCursor;
  }
}

/**
 * Up to `count` history records from `from` (null: the top), skipping those the live part
 * lists, and whether any remain. `fromClient`: `from` came in a request, so a store that
 * refuses it was handed a cursor it never made.
 */
async function historyPart(
  sources: ExecutionSources,
  filter: Filter,
  since: number,
  from: string | null,
  count: number,
  fromClient: boolean,
): Promise<{ items: ExecutionRecord[]; more: boolean; cursor: string | null }> {
  const read = async (cursor: string | null, limit: number) => {
    const query = { ...filter, limit, ...(cursor === null ? {} : { cursor }) };
    if (!fromClient || from === null || cursor !== from) return sources.history(query);
    try {
      return await sources.history(query);
    } catch {
      throw notACursor();
    }
  };
  const items: ExecutionRecord[] = [];
  let position = from;
  let lastRead: ExecutionRecord | undefined;
  while (items.length < count) {
    const page = await read(position, count - items.length);
    for (const record of page.items) if (!inLivePart(record, since)) items.push(record);
    lastRead = page.items[page.items.length - 1] ?? lastRead;
    if (page.nextCursor === null) return { items, more: false, cursor: null };
    position = page.nextCursor;
  }
  // Older than a record that ended before `since`, nothing is in the live part: the store's
  // own "more" is exact. Otherwise look past the live part's records without moving.
  if (lastRead !== undefined && lastRead.endedAt !== null && lastRead.endedAt < since) {
    return { items, more: true, cursor: position };
  }
  let peek = position;
  for (;;) {
    const page = await read(peek, PEEK);
    if (page.items.some((record) => !inLivePart(record, since))) {
      return { items, more: true, cursor: position };
    }
    if (page.nextCursor === null) return { items, more: false, cursor: null };
    peek = page.nextCursor;
  }
}
