const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * RFC 7396 as its section 2 states it, written for the hostile-input suite as an oracle: the
 * service's own merge is what that suite checks, so it cannot be the expectation. Members are
 * own properties, even one named `__proto__` (as JSON.parse makes one).
 */
export function referenceMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = {};
  const define = (key: string, value: unknown) =>
    Object.defineProperty(result, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  if (isObject(target)) for (const [key, value] of Object.entries(target)) define(key, value);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(result, key);
    else
      define(key, referenceMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}
