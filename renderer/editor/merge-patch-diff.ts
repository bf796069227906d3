const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with object keys sorted, so key order never reads as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

const sameJson = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (value === undefined || sameJson(old, value)) continue;
    if (value === null) {
      // In a merge patch null deletes: the document's default (null) comes back.
      if (old !== undefined) patch[key] = null;
    } else if (isPlainObject(old) && isPlainObject(value)) {
      patch[key] = diff(old, value);
    } else {
      patch[key] = value;
    }
  }
  for (const key of Object.keys(before)) {
    if (!(key in after) || after[key] === undefined) patch[key] = null;
  }
  return patch;
}

/**
 * The RFC 7396 merge patch that turns `before` into `after`: changed members only, objects
 * recursively, arrays whole, removed members as null. Null values in `after` become deletions,
 * which is right for the task document, whose nullable fields default to null. Returns null
 * when nothing changed.
 */
export function createMergePatch(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> | null {
  const patch = diff(before, after);
  return Object.keys(patch).length === 0 ? null : patch;
}
