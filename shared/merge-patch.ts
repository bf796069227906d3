/** A JSON value as it crosses the wire. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies an RFC 7396 JSON merge patch: objects merge recursively, `null` deletes a member,
 * anything else (arrays included) replaces. A member given as `undefined` changes nothing, as
 * over JSON, where it is simply absent (IPC's structured clone keeps such members). Returns a
 * new value; the target is not modified.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      Reflect.deleteProperty(result, key);
    } else {
      Object.defineProperty(result, key, {
        value: applyMergePatch(result[key], value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return result;
}

/** Deepest nesting a merge patch may have: task documents nest four levels at most. */
export const MAX_PATCH_DEPTH = 32;

/**
 * The path to the first place where `patch` nests deeper than `limit` objects, or null. Walks
 * without recursion, so a hostile patch nested a million levels deep cannot overflow the stack.
 */
export function tooDeep(patch: unknown, limit = MAX_PATCH_DEPTH): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: patch, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= limit) return path;
    for (const [key, inner] of Object.entries(value)) {
      stack.push({ value: inner, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return null;
}
