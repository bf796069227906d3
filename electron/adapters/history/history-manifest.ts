import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../stores/atomic-file.js';
import type { SegmentSummary } from './segment-index.js';

const manifestSchema = z.strictObject({
  v: z.literal(1),
  segments: z.array(
    z.strictObject({
      n: z.number().int(),
      bytes: z.number().int(),
      minQ: z.number().nullable(),
      maxQ: z.number(),
      tasks: z.record(z.string(), z.tuple([z.number().int(), z.number().int()])),
    }),
  ),
  removed: z.record(z.string(), z.number()),
});

/**
 * `segments.json`: a summary of every sealed segment (so a query can skip segments without a
 * task's records) and the removal markers in force (task id to the marker's sequence number).
 * Derived data: when missing or invalid it is rebuilt from the segments.
 */
export interface HistoryManifest {
  segments: SegmentSummary[];
  removed: Record<string, number>;
}

function manifestPath(root: string): string {
  return join(root, 'segments.json');
}

/** The manifest in `root`, or null when it is missing or not valid. */
export async function readManifest(root: string): Promise<HistoryManifest | null> {
  try {
    const result = manifestSchema.safeParse(JSON.parse(await readFile(manifestPath(root), 'utf8')));
    return result.success ? { segments: result.data.segments, removed: result.data.removed } : null;
  } catch {
    return null;
  }
}

/** Replaces the manifest in `root` atomically. */
export async function writeManifest(root: string, manifest: HistoryManifest): Promise<void> {
  await writeFileAtomic(
    manifestPath(root),
    JSON.stringify({ v: 1, segments: manifest.segments, removed: manifest.removed }),
  );
}
