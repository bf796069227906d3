/**
 * Removes `item` from `list` in place. The common case (the last item) pops: `splice` would
 * allocate an array of the removed items on every call, and this runs on every fire.
 */
export function removeFromList<T>(list: T[], item: T): void {
  const last = list.length - 1;
  if (last >= 0 && list[last] === item) {
    list.pop();
    return;
  }
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
}

/** Empties `list` in place, keeping its storage for reuse (see `removeFromList`). */
export function emptyList(list: unknown[]): void {
  while (list.length > 0) list.pop();
}
