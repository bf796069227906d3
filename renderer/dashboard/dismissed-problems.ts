import type { Problem } from '../../shared/schemas/system.js';

/** Where the dismissed problems are kept (the window's localStorage). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'taskdeck.dismissedProblems';
/** Dismissals remembered at most; older ones are forgotten first. */
const KEPT = 200;

/** A problem's identity for dismissal: its code and the path it names. */
export function problemKey(problem: Problem): string {
  return `${problem.code}:${problem.path ?? ''}`;
}

/** The dismissed problem keys in `storage`; anything unreadable counts as none. */
export function readDismissed(storage: KeyValueStorage | null): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(value)
      ? (value as unknown[]).filter((key): key is string => typeof key === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Remembers `keys` as dismissed (the newest KEPT of them). */
export function writeDismissed(storage: KeyValueStorage | null, keys: readonly string[]): void {
  try {
    storage?.setItem(KEY, JSON.stringify(keys.slice(-KEPT)));
  } catch {
    // Storage full or disabled: the dismissal holds for this session only, which is still useful.
  }
}
