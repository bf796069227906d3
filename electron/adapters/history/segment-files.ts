import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const SEGMENT_FILE = /^segment-(\d{6,})\.jsonl$/;

/** `segment-000042.jsonl` */
export function segmentPath(root: string, n: number): string {
  return join(root, `segment-${String(n).padStart(6, '0')}.jsonl`);
}

/** `segment-000042.idx.json`, the sidecar index of a sealed segment. */
export function sidecarPath(root: string, n: number): string {
  return join(root, `segment-${String(n).padStart(6, '0')}.idx.json`);
}

/** `segment-000042.ids`, the id filter of a sealed segment. */
export function idFilterPath(root: string, n: number): string {
  return join(root, `segment-${String(n).padStart(6, '0')}.ids`);
}

/** The numbers of the segment files in `root`, ascending. */
export async function listSegments(root: string): Promise<number[]> {
  const numbers: number[] = [];
  for (const name of await readdir(root)) {
    const match = SEGMENT_FILE.exec(name);
    if (match?.[1] !== undefined) numbers.push(Number(match[1]));
  }
  return numbers.sort((a, b) => a - b);
}

/** What scanning a segment found: where its last whole line ends, and lines it skipped. */
export interface ScanResult {
  /** Byte offset just past the last newline; any bytes after it are a torn tail. */
  goodEnd: number;
  /** Whole lines (newline-terminated, not blank) that were not valid records. */
  skipped: number;
}

/**
 * Calls `onLine(value, offset, length)` for each newline-terminated JSON line of `buffer`
 * (`length` includes the newline); `onLine` returns false for a line that is not a valid
 * record. Only the bytes after the last newline are a torn tail (what a crash mid-write leaves):
 * they end `goodEnd` and are never passed on. A whole line that does not parse is damage, not a
 * torn write: it is counted in `skipped`, wherever it is.
 */
export function scanLines(
  buffer: Buffer,
  onLine: (value: unknown, offset: number, length: number) => boolean,
): ScanResult {
  let skipped = 0;
  let start = 0;
  while (start < buffer.length) {
    const newline = buffer.indexOf(10, start);
    if (newline === -1) break;
    if (newline > start) {
      let value: unknown;
      let parsed = true;
      try {
        value = JSON.parse(buffer.toString('utf8', start, newline));
      } catch {
        parsed = false;
      }
      if (!parsed || !onLine(value, start, newline + 1 - start)) skipped++;
    }
    start = newline + 1;
  }
  return { goodEnd: start, skipped };
}
