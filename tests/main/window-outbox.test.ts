import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { IPC_CHANNELS } from '../../electron/main/ipc-channels.js';
import { MAX_HELD_EVENTS, WindowOutbox } from '../../electron/main/window-outbox.js';

const removed = (id: string): ApiEvent => ({ type: 'task.removed', data: { id } });

function recorder() {
  const sent: { channel: string; payload: unknown }[] = [];
  return { sent, send: (channel: string, payload: unknown) => sent.push({ channel, payload }) };
}

describe('the window outbox', () => {
  it('keeps nothing while there is no window', () => {
    const outbox = new WindowOutbox();
    outbox.events([removed('a')]);
    const window = recorder();
    outbox.loading(window.send);
    outbox.ready();
    expect(window.sent).toEqual([]);
  });

  it('holds events while the page loads and sends them as one batch, in order, once loaded', () => {
    const outbox = new WindowOutbox();
    const window = recorder();
    outbox.loading(window.send);
    outbox.events([removed('a'), removed('b')]);
    outbox.events([removed('c')]);
    expect(window.sent).toEqual([]);
    outbox.ready();
    expect(window.sent).toEqual([
      { channel: IPC_CHANNELS.events, payload: [removed('a'), removed('b'), removed('c')] },
    ]);
    outbox.events([removed('d')]);
    expect(window.sent.at(-1)).toEqual({ channel: IPC_CHANNELS.events, payload: [removed('d')] });
  });

  it('holds again across a reload, and drops the oldest past its limit', () => {
    const outbox = new WindowOutbox();
    const window = recorder();
    outbox.loading(window.send);
    outbox.ready();
    outbox.loading(window.send);
    const many = Array.from({ length: MAX_HELD_EVENTS + 5 }, (_, i) => removed(String(i)));
    outbox.events(many);
    outbox.ready();
    const batch = window.sent.at(-1)?.payload as ApiEvent[];
    expect(batch).toHaveLength(MAX_HELD_EVENTS);
    expect(batch[0]).toEqual(removed('5'));
    expect(batch.at(-1)).toEqual(removed(String(MAX_HELD_EVENTS + 4)));
  });

  it('delivers an open instruction now, or to the next page that loads', () => {
    const outbox = new WindowOutbox();
    outbox.open({ kind: 'task', taskId: 'old' });
    outbox.open({ kind: 'execution', taskId: 't', executionId: 'e' });
    const window = recorder();
    outbox.loading(window.send);
    expect(window.sent).toEqual([]);
    outbox.ready();
    expect(window.sent).toEqual([
      { channel: IPC_CHANNELS.open, payload: { kind: 'execution', taskId: 't', executionId: 'e' } },
    ]);
    outbox.open({ kind: 'task', taskId: 'now' });
    expect(window.sent.at(-1)).toEqual({
      channel: IPC_CHANNELS.open,
      payload: { kind: 'task', taskId: 'now' },
    });
    outbox.closed();
    outbox.events([removed('gone')]);
    expect(window.sent).toHaveLength(2);
  });
});
