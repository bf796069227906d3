import stripAnsi from 'strip-ansi';
import type { OutputChunk } from '../../shared/schemas/execution.js';

/** One line of a process's output, as text (ANSI codes removed). */
export interface LogLine {
  id: number;
  stream: OutputChunk['stream'];
  text: string;
  t: number;
}

/**
 * The lines of one execution's output, bounded: the oldest are dropped past the cap. A line
 * without its newline yet stays open for its stream, so output split across chunks joins up.
 */
export interface LogBuffer {
  lines: readonly LogLine[];
  /** How many lines were dropped from the start to keep the buffer bounded. */
  dropped: number;
  nextId: number;
  open: { stdout: number | null; stderr: number | null };
}

/** Lines kept per execution; the service keeps the full tail, the window a readable window. */
export const MAX_LOG_LINES = 5_000;
/** Longest line kept; a megabyte of output without a newline must not freeze the window. */
export const MAX_LINE_CHARS = 4_000;

/** A log with no lines yet. */
export const EMPTY_LOG: LogBuffer = {
  lines: [],
  dropped: 0,
  nextId: 1,
  open: { stdout: null, stderr: null },
};

function clip(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text;
}

/** A carriage return without a newline redraws the line (progress bars): keep what follows. */
function redraw(text: string): string {
  const cut = text.lastIndexOf('\r');
  return cut === -1 ? text : text.slice(cut + 1);
}

/** Appends output chunks to `buffer`, returning a new buffer (the old one is not changed). */
export function appendOutput(
  buffer: LogBuffer,
  chunks: readonly OutputChunk[],
  maxLines = MAX_LOG_LINES,
): LogBuffer {
  if (chunks.length === 0) return buffer;
  const lines = buffer.lines.slice();
  const first = buffer.lines[0]?.id ?? buffer.nextId;
  const open = { ...buffer.open };
  let nextId = buffer.nextId;
  for (const chunk of chunks) {
    const parts = stripAnsi(chunk.text).replace(/\r\n/g, '\n').split('\n');
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      // The final part is what follows the last newline: empty means the chunk ended a line.
      if (last && part.length === 0) {
        open[chunk.stream] = null;
        return;
      }
      const openId = open[chunk.stream];
      const at = openId === null ? -1 : openId - first;
      const line = at >= 0 ? lines[at] : undefined;
      if (index === 0 && line !== undefined) {
        lines[at] = { ...line, text: clip(redraw(line.text + part)) };
      } else {
        lines.push({ id: nextId, stream: chunk.stream, text: clip(redraw(part)), t: chunk.t });
        open[chunk.stream] = nextId;
        nextId++;
      }
      if (!last) open[chunk.stream] = null;
    });
  }
  const excess = lines.length - maxLines;
  if (excess <= 0) return { lines, dropped: buffer.dropped, nextId, open };
  const kept = lines.slice(excess);
  const oldest = kept[0]?.id ?? nextId;
  // An open line that was dropped cannot be continued.
  for (const stream of ['stdout', 'stderr'] as const) {
    const id = open[stream];
    if (id !== null && id < oldest) open[stream] = null;
  }
  return { lines: kept, dropped: buffer.dropped + excess, nextId, open };
}

const chunkKey = (chunk: OutputChunk) => `${chunk.t}|${chunk.stream}|${chunk.text}`;

/** Where a saved output tail ends: its last chunk's time and every chunk at that time. */
export interface TailEnd {
  t: number;
  keys: readonly string[];
}

/** The end of `tail`, or null for an empty tail (then every live chunk is new). */
export function tailEndOf(tail: readonly OutputChunk[]): TailEnd | null {
  const last = tail.at(-1);
  if (last === undefined) return null;
  return { t: last.t, keys: tail.filter((chunk) => chunk.t === last.t).map(chunkKey) };
}

/**
 * The chunks of `live` that the saved tail ending at `end` does not hold. The service keeps the
 * tail up to the moment it answers, but the same output also travels as events, batched and
 * sent a little later: whatever arrives from before the tail's end, early or late, is a copy.
 */
export function chunksAfterEnd(end: TailEnd | null, live: readonly OutputChunk[]): OutputChunk[] {
  if (end === null) return live.slice();
  return live.filter(
    (chunk) => chunk.t > end.t || (chunk.t === end.t && !end.keys.includes(chunkKey(chunk))),
  );
}

/**
 * The chunks that arrived live while the saved tail was being fetched, minus those the tail
 * already holds: the tail and the live stream overlap, and nothing may show twice.
 */
export function chunksAfter(
  tail: readonly OutputChunk[],
  live: readonly OutputChunk[],
): OutputChunk[] {
  return chunksAfterEnd(tailEndOf(tail), live);
}
