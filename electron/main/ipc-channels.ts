import type { OpenTarget } from '../../shared/desktop-bridge.js';
import type { WireError } from '../../shared/errors.js';

export type { DesktopBridge, OpenTarget } from '../../shared/desktop-bridge.js';

/**
 * The IPC channels between main and the preload, and nothing else: the window can reach main
 * only through these.
 */
export const IPC_CHANNELS = {
  /** Renderer -> main (invoke): `(method, params)`, answered with an `IpcEnvelope`. */
  call: 'taskdeck:call',
  /** Main -> renderer: one coalesced batch of API events (`ApiEvent[]`). */
  events: 'taskdeck:events',
  /** Main -> renderer: an instruction to show something (`OpenTarget`). */
  open: 'taskdeck:open',
} as const;

/** What every call over IPC resolves to; the preload turns `ok: false` into a rejection. */
export type IpcEnvelope = { ok: true; value: unknown } | { ok: false; error: WireError };

/** Whether `value` is a well-formed `OpenTarget` (the preload checks what crosses IPC). */
export function isOpenTarget(value: unknown): value is OpenTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as Record<string, unknown>;
  if (typeof target.taskId !== 'string') return false;
  return (
    target.kind === 'task' ||
    (target.kind === 'execution' && typeof target.executionId === 'string')
  );
}
