// The task document's numeric bounds, apart from its zod schemas: the engine's registration fast
// path checks them without loading zod (see electron/core/library-validation-loader.ts).

/** Bounds of the task document's top-level fields (API.md), inclusive. */
export const TASK_LIMITS = {
  nameLength: 200,
  descriptionLength: 10_000,
  priority: [-100, 100],
  triggers: 20,
  timeoutMs: [1_000, 604_800_000],
  maxParallel: [2, 64],
  keepHistory: [1, 100_000],
} as const;

/** Longest interval: one year. */
export const MAX_INTERVAL_MS = 31_536_000_000;
