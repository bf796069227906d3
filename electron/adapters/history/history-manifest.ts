import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../stores/atomic-file.js';
import type { SegmentSummary } from './segment-index.js';
import { SegmentTaskCounts } from './segment-task-counts.js';
import type { TaskOrdinals } from './task-ordinals.js';

const segmentV1 = z.strictObject({
  n: z.number().int(),
  bytes: z.number().int(),
  minQ: z.number().nullable(),
  maxQ: z.number(),
  tasks: z.custom<Record<string, [number, number]>>((value) => SegmentTaskCounts.isJSON(value)),
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

/** The manifest in `root`, or null when it is missing or not valid; task ids go to `ordinals`. */
export async function readManifest(
  root: string,
  ordinals: TaskOrdinals,
): Promise<ReadManifest | null> {
  try {
    const result = manifestSchema.safeParse(JSON.parse(await readFile(manifestPath(root), 'utf8')));
    if (!result.success) return null;
    const { data } = result;
    // A v1 segment's figures are read again from its sidecar index, not its whole file.
    if (data.v === 1) {
      return { segments: [], removed: data.removed, outdated: data.segments.map((s) => s.n) };
    }
    const segments = data.segments.map((segment) => ({
      ...segment,
      tasks: SegmentTaskCounts.fromJSON(segment.tasks, ordinals),
    }));
    return { segments, removed: data.removed, outdated: [] };
  } catch {
    return null;
  }
}

/** Replaces the manifest in `root` atomically. */
export async function writeManifest(
  root: string,
  manifest: HistoryManifest,
  ordinals: TaskOrdinals,
): Promise<void> {
  const segments = manifest.segments.map((segment) => ({
    ...segment,
    tasks: segment.tasks.toJSON(ordinals),
  }));
  await writeFileAtomic(
    manifestPath(root),
    JSON.stringify({ v: 2, segments, removed: manifest.removed }),
  );
}
