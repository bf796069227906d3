/**
 * Empties `list` in place, keeping its storage for reuse (`= []` or `length = 0` would allocate
 * anew on the hot path).
 */
export function emptyList(list: unknown[]): void {
  while (list.length > 0) list.pop();
}
