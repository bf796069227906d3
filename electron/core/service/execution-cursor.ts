import { TaskdeckError } from '../../../shared/errors.js';

/**
 * Where the next page of `executions.list` starts. Every page after the first lists what stood
 * at `since` (the first page's time): `live` pages go on through the executions then queued or
 * running, below the `after` key (newest queued first); `history` pages go on through the log
 * from the store's own cursor (`null`: from its top).
 */
export type ExecutionCursor =
  | { kind: 'live'; since: number; after: { queuedAt: number; id: string } }
  | { kind: 'history'; since: number; history: string | null };

/**
 * Cursors are opaque to clients; the form is `l.<since>.<queuedAt>.<id>` or
 * `h.<since>.<store cursor>`, short enough for the 200 characters the API allows.
 */
export function encodeExecutionCursor(cursor: ExecutionCursor): string {
  return cursor.kind === 'live'
    ? `l.${cursor.since}.${cursor.after.queuedAt}.${cursor.after.id}`
    : `h.${cursor.since}.${cursor.history ?? ''}`;
}

const LIVE = /^l\.(\d{1,15})\.(\d{1,15})\.([0-9a-f-]{1,64})$/i;
// The store's cursor is its own business: everything after the second dot.
const HISTORY = /^h\.(\d{1,15})\.(.*)$/s;

/** The cursor in `text`; anything this service did not make is `invalid_params` on `cursor`. */
export function decodeExecutionCursor(text: string): ExecutionCursor {
  const live = LIVE.exec(text);
  if (live !== null) {
    return {
      kind: 'live',
      since: Number(live[1]),
      after: { queuedAt: Number(live[2]), id: live[3] ?? '' },
    };
  }
  const history = HISTORY.exec(text);
  if (history !== null) {
    const rest = history[2] ?? '';
    return { kind: 'history', since: Number(history[1]), history: rest === '' ? null : rest };
  }
  throw notACursor();
}

/** The error for a cursor no previous page gave. */
export function notACursor(): TaskdeckError {
  const message = 'Not a cursor from a previous page';
  return new TaskdeckError('invalid_params', `cursor: ${message}`, [{ path: ['cursor'], message }]);
}
