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

/** What scanning a segment found: where its last good line ends, and bad lines before it. */
export interface ScanResult {
  /** Byte offset just past the newline of the last line accepted; the rest is a torn tail. */
  goodEnd: number;
  /** Lines before `goodEnd` that were not valid records (skipped). */
  skipped: number;
}

/**
 * Calls `onLine(value, offset, length)` for each newline-terminated JSON line of `buffer`
 * (`length` includes the newline); `onLine` returns false for a line that is not a valid
 * record. A line without its newline, or bad lines after the last good one, form the torn tail
 * a crash leaves: they are excluded by `goodEnd` and never passed on.
 */
export function scanLines(
  buffer: Buffer,
  onLine: (value: unknown, offset: number, length: number) => boolean,
): ScanResult {
  let goodEnd = 0;
  let skipped = 0;
  let badSinceGood = 0;
  let start = 0;
  while (start < buffer.length) {
    const newline = buffer.indexOf(10, start);
    if (newline === -1) break;
    const end = newline + 1;
    if (newline > start) {
      let value: unknown;
      let parsed = true;
      try {
        value = JSON.parse(buffer.toString('utf8', start, newline));
      } catch {
        parsed = false;
      }
      if (parsed && onLine(value, start, end - start)) {
        skipped += badSinceGood;
        badSinceGood = 0;
        goodEnd = end;
      } else {
        badSinceGood++;
      }
    } else if (badSinceGood === 0) {
      goodEnd = end;
    }
    start = end;
  }
  return { goodEnd, skipped };
}
