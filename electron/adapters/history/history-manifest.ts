import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../stores/atomic-file.js';
import type { SegmentSummary } from './segment-index.js';

const segmentV1 = z.strictObject({
  n: z.number().int(),
  bytes: z.number().int(),
  minQ: z.number().nullable(),
  maxQ: z.number(),
  tasks: z.record(z.string(), z.tuple([z.number().int(), z.number().int()])),
});
const segmentV2 = segmentV1.extend({
  minT: z.number().nullable(),
  maxT: z.number().nullable(),
  statuses: z.array(z.number().int()),
});
const removedSchema = z.record(z.string(), z.number());
const manifestSchema = z.discriminatedUnion('v', [
  z.strictObject({ v: z.literal(1), segments: z.array(segmentV1), removed: removedSchema }),
  z.strictObject({ v: z.literal(2), segments: z.array(segmentV2), removed: removedSchema }),
]);

/**
 * `segments.json`: a summary of every sealed segment (so a query can skip segments without a
 * task's records, a wanted status or an end in the wanted time range) and the removal markers in
 * force (task id to the marker's sequence number). Derived data: when missing or invalid it is
 * rebuilt from the segments.
 */
export interface HistoryManifest {
  segments: SegmentSummary[];
  removed: Record<string, number>;
}

/** A manifest as read: `outdated` holds segments listed without time and status figures (v1). */
export interface ReadManifest extends HistoryManifest {
  outdated: number[];
}

function manifestPath(root: string): string {
  return join(root, 'segments.json');
}

/** The manifest in `root`, or null when it is missing or not valid. */
export async function readManifest(root: string): Promise<ReadManifest | null> {
  try {
    const result = manifestSchema.safeParse(JSON.parse(await readFile(manifestPath(root), 'utf8')));
    if (!result.success) return null;
    const { data } = result;
    // A v1 segment's figures are read again from its sidecar index, not its whole file.
    if (data.v === 1) {
      return { segments: [], removed: data.removed, outdated: data.segments.map((s) => s.n) };
    }
    return { segments: data.segments, removed: data.removed, outdated: [] };
  } catch {
    return null;
  }
}

/** Replaces the manifest in `root` atomically. */
export async function writeManifest(root: string, manifest: HistoryManifest): Promise<void> {
  await writeFileAtomic(
    manifestPath(root),
    JSON.stringify({ v: 2, segments: manifest.segments, removed: manifest.removed }),
  );
}
