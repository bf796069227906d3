import { eventually } from '../support/eventually.js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_EVENT_NAMES, type ApiEventName } from '../../shared/api.js';
import {
  executionSchema,
  outputChunkSchema,
  resourceSampleSchema,
} from '../../shared/schemas/execution.js';
import { idSchema } from '../../shared/schemas/primitives.js';
import { schedulerStatusSchema, systemSampleSchema } from '../../shared/schemas/system.js';
import { taskViewSchema } from '../../shared/schemas/task.js';
import { traceEntrySchema } from '../../shared/schemas/trace.js';
import { rawText } from '../../electron/headless/raw-text.js';
import type { NodeRpcClient } from '../../electron/headless/node-rpc-client.js';
import { removeDataDir, startHostProcess, type HostProcess } from './host-process.js';

/** Each event's payload as API.md gives it, in the shared schemas. */
const payloads: { [E in ApiEventName]: z.ZodType } = {
  'task.changed': taskViewSchema,
  'task.removed': z.strictObject({ id: idSchema }),
  'execution.changed': executionSchema,
  'execution.output': z.strictObject({
    executionId: idSchema,
    chunks: z.array(outputChunkSchema).min(1),
  }),
  'execution.sample': z.strictObject({ executionId: idSchema, sample: resourceSampleSchema }),
  trace: traceEntrySchema,
  'scheduler.changed': schedulerStatusSchema,
  'system.sample': systemSampleSchema,
};

/** A JSON-RPC notification carrying a batch, exactly as API.md's Transport section has it. */
const notification = z.strictObject({
  jsonrpc: z.literal('2.0'),
  method: z.literal('event'),
  params: z.strictObject({
    events: z.array(z.strictObject({ type: z.enum(API_EVENT_NAMES), data: z.unknown() })).min(1),
  }),
});

let host: HostProcess;
let client: NodeRpcClient;
beforeAll(async () => {
  host = await startHostProcess();
  client = await host.connect();
});
afterAll(async () => {
  client.close();
  await host.stop('SIGKILL');
  removeDataDir(host.dataDir);
});

describe('events over the WebSocket', () => {
  it('every event type of API.md reaches a client, each payload in its shared schema', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const frames: unknown[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(rawText(data)) as unknown));
    try {
      const api = client.api;
      await api.call('settings.update', { sampleIntervalMs: 250 });
      const task = await api.call('tasks.create', {
        name: 'eventful',
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: 'echo start; sleep 1.5; echo end' },
      });
      const { executionId } = await api.call('tasks.runNow', { id: task.id });
      await eventually(async () =>
        (await api.call('executions.get', { id: executionId })).endedAt === null ? undefined : true,
      );
      await api.call('scheduler.pauseAll');
      await api.call('scheduler.resumeAll');
      await api.call('tasks.remove', { id: task.id });

      const seen = () =>
        new Set(
          frames.flatMap(
            (frame) =>
              (frame as { params?: { events?: { type: ApiEventName }[] } }).params?.events?.map(
                (event) => event.type,
              ) ?? [],
          ),
        );
      // system.sample comes every 2 s whatever happens; the rest follow from the calls above.
      await eventually(() => (seen().size === API_EVENT_NAMES.length ? true : undefined), 20_000);
      const events = frames.flatMap((frame) => {
        const parsed = notification.safeParse(frame);
        expect(parsed.error?.issues, JSON.stringify(frame).slice(0, 300)).toBeUndefined();
        return parsed.data?.params.events ?? [];
      });
      for (const { type, data } of events) {
        const parsed = payloads[type].safeParse(data);
        expect(parsed.error?.issues, `${type}: ${JSON.stringify(data)}`).toBeUndefined();
        // Nothing left for a client to fill in: the payload is already in its normal form.
        expect(parsed.data, type).toEqual(data);
      }
      const removed = events.filter((event) => event.type === 'task.removed');
      expect(removed.map((event) => event.data)).toEqual([{ id: task.id }]);
    } finally {
      ws.close();
      await client.api.call('settings.update', { sampleIntervalMs: 1_000 });
    }
  });
});
