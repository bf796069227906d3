import type { StateCreator } from 'zustand/vanilla';
import type { TaskdeckApi } from '../../shared/api.js';
import type { AppState } from './app-state.js';

/** A slice of the store: its state and actions, given the API the actions call. */
export type Slice<T> = (api: TaskdeckApi) => StateCreator<AppState, [], [], T>;

/** A failure in words a person can read. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong';
}

/** Runs `call` for every id at once and sorts the answers into successes and failures. */
export async function forEachId<T>(
  ids: readonly string[],
  call: (id: string) => Promise<T>,
): Promise<{ done: { id: string; value: T }[]; failed: { id: string; error: unknown }[] }> {
  const results = await Promise.allSettled(ids.map(call));
  const done: { id: string; value: T }[] = [];
  const failed: { id: string; error: unknown }[] = [];
  results.forEach((result, index) => {
    const id = ids[index] ?? '';
    if (result.status === 'fulfilled') done.push({ id, value: result.value });
    else failed.push({ id, error: result.reason });
  });
  return { done, failed };
}

/** "1 task" / "3 tasks". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
